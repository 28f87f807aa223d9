package io.kato.api.source;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fetches one kind of source location (git, svn, archive) into a directory.
 *
 * <p><b>Selection rule.</b> The fetcher whose {@link #kind()} equals the location's kind;
 * when several register the same kind, the highest {@code service.ranking} wins, then the
 * lowest {@code service.id}.
 *
 * <p><b>Contract.</b> {@link #validate} is cheap and does no I/O: it refuses option-like
 * or exotic URLs before anything is contacted. {@link #fetch} blocks the calling job
 * thread; it must honour {@link FetchLimits} (time, size), stop promptly when the
 * listener reports cancellation, never write outside {@code target}, and never put a
 * credential in an exception message, a log line or the listener's output.
 *
 * <p><b>Departure.</b> A fetch in progress when the bundle stops is cancelled and its
 * check fails with a message saying the fetcher went away.
 */
@ConsumerType
public interface SourceFetcher {
    /** The location kind this fetcher serves ({@code git}, {@code svn}, {@code archive}). */
    String kind();

    /**
     * Refuses a location this fetcher will not contact, with a message saying why.
     *
     * @throws io.kato.api.ValidationException naming the field
     */
    void validate(SourceLocation location, FetchLimits limits);

    /**
     * Fetches the location into {@code target}, which exists and is empty.
     *
     * @throws SourceFetchException with a message a user can act on (unreachable host,
     *                              wrong credentials, missing branch, limit exceeded)
     */
    FetchResult fetch(SourceLocation location, Credentials credentials, Path target, FetchLimits limits,
                      FetchListener listener);
}
