package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.SourceCheck;
import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Source checks: fetch a repository, index it once, run every language detector on it.
 * A check runs as a persisted job; {@link #start} returns at once with the queued check.
 */
@ProviderType
public interface SourceCheckService {
    /**
     * Validates the request (no I/O) and queues the check.
     *
     * @throws io.kato.api.ValidationException for a URL or option Kato will not fetch
     */
    SourceCheck start(Actor actor, String team, SourceCheckRequest request);

    SourceCheck get(Actor actor, String team, String checkId);

    Page<SourceCheck> list(Actor actor, String team, PageRequest page);

    /**
     * Keeps an uploaded archive (zip or tar.gz) for source checks of kind {@code archive},
     * whose URL is the returned id. Reads at most the configured maximum size.
     *
     * @throws io.kato.api.ValidationException when the upload is empty or too large
     */
    ArchiveUpload upload(Actor actor, String team, InputStream content);

    /** A stored upload: its id (the URL of an archive check) and its size in bytes. */
    record ArchiveUpload(String id, long bytes) {
    }

    /**
     * What to check.
     *
     * @param kind   git (default), svn or archive
     * @param url    the repository URL
     * @param ref    branch, tag or commit; null for the default
     * @param subdir the folder the service lives in, or null
     * @param credentials the name of one of the team's credentials, or null for a public repository
     * @param trustServerCertificate for https URLs: accept a certificate that does not verify
     *               (an internal server's self-signed one); null or false verifies it
     */
    record SourceCheckRequest(String kind, String url, String ref, String subdir, String credentials,
                              Boolean trustServerCertificate) {
        public SourceCheckRequest(String kind, String url, String ref, String subdir, String credentials) {
            this(kind, url, ref, subdir, credentials, null);
        }

        /** Whether the user asked to trust the server's certificate. */
        public boolean trusting() {
            return Boolean.TRUE.equals(trustServerCertificate);
        }
    }
}
