package io.kato.api.source;

/**
 * Where source lives.
 *
 * @param kind   {@code git}, {@code svn} or {@code archive}
 * @param url    repository URL, or the stored upload's id for archives
 * @param ref    branch, tag or commit; {@code null} means the default (remote HEAD, {@code trunk})
 * @param subdir the folder the service lives in, relative, or {@code null} for the root
 */
public record SourceLocation(String kind, String url, String ref, String subdir) {
}
