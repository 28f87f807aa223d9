package io.kato.source.archive.internal;

import io.kato.api.source.FetchLimits;
import io.kato.api.source.SourceFetchException;

/**
 * Counts what an unpacking writes and stops it past the limits. The ratio rule catches
 * archive bombs early: more than {@value #MAX_RATIO} times the archive's size is refused
 * once past {@value #RATIO_FLOOR} bytes, whatever the byte limit.
 */
final class Budget {
    static final long MAX_RATIO = 200;
    static final long RATIO_FLOOR = 64L << 20;
    private final FetchLimits limits;
    private final long compressed;
    private long files;
    private long bytes;

    Budget(FetchLimits limits, long compressed) {
        this.limits = limits;
        this.compressed = Math.max(1, compressed);
    }

    void file() {
        if (++files > limits.maxFiles()) {
            throw new SourceFetchException("The archive has more than " + limits.maxFiles() + " files, the limit of"
                    + " this server");
        }
    }

    void bytes(long n) {
        bytes += n;
        if (bytes > limits.maxBytes()) {
            throw new SourceFetchException("The archive unpacks to more than " + (limits.maxBytes() >> 20)
                    + " MB, the limit of this server");
        }
        if (bytes > RATIO_FLOOR && bytes / compressed > MAX_RATIO) {
            throw new SourceFetchException("The archive expands more than " + MAX_RATIO + " times its size, like an"
                    + " archive bomb: it was not unpacked");
        }
    }

    long files() {
        return files;
    }

    long bytes() {
        return bytes;
    }
}
