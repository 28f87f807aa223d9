package io.kato.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed image reference, {@code [registry/]repository[:tag][@digest]}, normalised the
 * way Docker reads one: no registry means Docker Hub ({@code docker.io}), and a one-part
 * repository there is an official image under {@code library/}. No tag and no digest
 * means {@code latest}.
 *
 * @param registry   host[:port] of the registry, e.g. {@code docker.io}, {@code 127.0.0.1:5000}
 * @param repository the repository path, e.g. {@code library/nginx}
 * @param tag        the tag, or null when only a digest was given
 * @param digest     {@code algorithm:hex}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:]+])"
            + "(?::[0-9]{1,5})?");

    /**
     * Reads a reference as {@code docker pull} would.
     *
     * @throws SpecException naming what is wrong with it
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("No image given: name one, e.g. 'nginx:1.25' or 'registry.example.org/team/app:v2'");
        }
        String s = text.trim();
        if (s.length() > 512 || s.chars().anyMatch(Character::isWhitespace)) {
            throw new SpecException("'" + shown(s) + "' is not an image reference: it has spaces or is too long");
        }
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new SpecException("'" + shown(text) + "': the digest after '@' must be like 'sha256:<64 hex digits>'");
            }
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new SpecException("'" + shown(text) + "': the tag '" + shown(tag) + "' may hold letters, digits,"
                        + " '_', '.' and '-' only (at most 128, not starting with '.' or '-')");
            }
        }
        String registry = DOCKER_HUB;
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                registry = first;
                s = s.substring(slash + 1);
                if (!HOST.matcher(registry).matches()) {
                    throw new SpecException("'" + shown(text) + "': '" + shown(registry) + "' is not a registry host");
                }
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (s.isEmpty()) {
            throw new SpecException("'" + shown(text) + "' names no repository");
        }
        for (String part : s.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new SpecException("'" + shown(text) + "': repository names are lower-case letters, digits and"
                        + " single separators ('.', '_', '-') between '/'" + (part.equals(part.toLowerCase(Locale.ROOT))
                        ? "" : " (no capitals)"));
            }
        }
        if (registry.equals(DOCKER_HUB) && !s.contains("/")) {
            s = "library/" + s;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, s, tag, digest);
    }

    /** What the registry's manifest endpoint is asked for: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The host the registry's API answers on (Docker Hub's API is not at docker.io). */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The same image pinned to a digest (the tag kept for people to read). */
    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** The full, normalised reference, e.g. {@code docker.io/library/nginx:latest}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static String shown(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
