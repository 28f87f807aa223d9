package io.kato.api.source;

/**
 * Where source lives.
 *
 * @param kind   {@code git}, {@code svn} or {@code archive}
 * @param url    repository URL, or the stored upload's id for archives
 * @param ref    branch, tag or commit; {@code null} means the default (remote HEAD, {@code trunk})
 * @param subdir the folder the service lives in, relative, or {@code null} for the root
 * @param trustServerCertificate accept an https server's certificate that does not verify
 *               (self-signed, unknown authority, wrong name); the user asked for it
 */
public record SourceLocation(String kind, String url, String ref, String subdir, boolean trustServerCertificate) {
    /** A location whose server certificate must verify. */
    public SourceLocation(String kind, String url, String ref, String subdir) {
        this(kind, url, ref, subdir, false);
    }
}
