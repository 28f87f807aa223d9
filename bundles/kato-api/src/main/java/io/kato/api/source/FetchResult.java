package io.kato.api.source;

import java.time.Instant;

/**
 * What was fetched: the revision and its metadata, as far as the source kind has them.
 *
 * @param revision commit id or revision number
 * @param ref      the branch or tag that was resolved
 */
public record FetchResult(String revision, String ref, String author, String message, Instant committedAt) {
}
