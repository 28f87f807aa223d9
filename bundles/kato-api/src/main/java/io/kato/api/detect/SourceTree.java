package io.kato.api.detect;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only index of a fetched source tree, built by one walk and shared by every
 * detector. Paths are relative, separated by {@code /}, without a leading slash. Version
 * control and vendored folders ({@code .git}, {@code node_modules}…) are not indexed.
 */
@ProviderType
public interface SourceTree {
    /** Every indexed file, in path order. */
    List<SourceFile> files();

    /** Whether a file exists at this relative path. */
    boolean exists(String path);

    /** Files whose path matches. */
    default List<SourceFile> find(Predicate<SourceFile> filter) {
        return files().stream().filter(filter).toList();
    }

    /**
     * The file's text as UTF-8 (malformed bytes replaced), at most {@code maxBytes} bytes of
     * it. Empty when it does not exist or cannot be read.
     */
    Optional<String> read(String path, int maxBytes);

    /** One indexed file: its relative path and size in bytes. */
    record SourceFile(String path, long size) {
        /** The last path segment. */
        public String fileName() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        /** How many folders deep it lies: 0 for a file at the root. */
        public int depth() {
            int depth = 0;
            for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                depth++;
            }
            return depth;
        }
    }
}
