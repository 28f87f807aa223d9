package io.kato.api.source;

import org.osgi.annotation.versioning.ProviderType;

/** Receives progress of one fetch; provided by the core, which writes it to the check's log. */
@ProviderType
public interface FetchListener {
    /** A line for the log; must not contain credentials. */
    void progress(String line);

    /** Whether the user cancelled; fetchers poll it between units of work. */
    boolean cancelled();
}
