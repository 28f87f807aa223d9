package io.kato.api.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Refuses a fetched tree that holds more files or bytes than the limits allow; fetchers
 * whose tool cannot stop at a limit by itself call this once the fetch is done.
 */
public final class TreeLimits {
    private TreeLimits() {
    }

    /** @throws SourceFetchException naming the limit that was passed */
    public static void check(Path root, FetchLimits limits) {
        long[] seen = new long[2];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    seen[0]++;
                    seen[1] += attrs.size();
                    return seen[0] > limits.maxFiles() || seen[1] > limits.maxBytes()
                            ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SourceFetchException("The fetched files cannot be read: " + e.getMessage(), e);
        }
        if (seen[0] > limits.maxFiles()) {
            throw new SourceFetchException("The repository has more than " + limits.maxFiles() + " files, the limit"
                    + " of this server: point subdir at a smaller part, or ask an admin to raise maxFiles");
        }
        if (seen[1] > limits.maxBytes()) {
            throw new SourceFetchException("The repository is larger than " + (limits.maxBytes() >> 20) + " MB, the"
                    + " limit of this server: ask an admin to raise maxBytes");
        }
    }
}
