package io.kato.api.runtime;

/**
 * Whether a runtime can do its work now.
 *
 * @param up      it reaches what it runs on (the host's processes, a cluster's API)
 * @param message why not, in words an operator can act on; null when up
 */
public record RuntimeHealth(boolean up, String message) {
    public static final RuntimeHealth UP = new RuntimeHealth(true, null);
}
