package io.kato.core.internal;

import io.kato.api.detect.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one walk of a fetched tree that every detector shares. Version-control and vendored
 * folders are skipped, links are not followed (a link could point outside the tree), and
 * at most {@code maxFiles} files are indexed; reads are bounded and never leave the root.
 */
final class FileSourceTree implements SourceTree {
    /** Folders that hold tools' state or downloaded dependencies, not the project's source. */
    static final Set<String> SKIPPED = Set.of(".git", ".svn", ".hg", "node_modules", "bower_components", "vendor",
            ".venv", "venv", "__pycache__", ".gradle", ".idea", ".mvn", ".tox", ".bundle");

    private final Path root;
    private final List<SourceFile> files;
    private final Map<String, SourceFile> byPath;
    private final boolean truncated;

    private FileSourceTree(Path root, List<SourceFile> files, boolean truncated) {
        this.root = root;
        this.files = Collections.unmodifiableList(files);
        this.byPath = new HashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        this.truncated = truncated;
    }

    static FileSourceTree index(Path root, int maxFiles) throws IOException {
        List<SourceFile> found = new ArrayList<>();
        boolean[] truncated = {false};
        Path base = root.toRealPath();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(base) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (found.size() >= maxFiles) {
                    truncated[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                found.add(new SourceFile(relative(base, file), attrs.size()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable entries are simply not indexed
            }
        });
        found.sort((a, b) -> a.path().compareTo(b.path()));
        return new FileSourceTree(base, found, truncated[0]);
    }

    private static String relative(Path base, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : base.relativize(file)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    boolean truncated() {
        return truncated;
    }

    @Override
    public List<SourceFile> files() {
        return files;
    }

    @Override
    public boolean exists(String path) {
        return byPath.containsKey(path);
    }

    @Override
    public Optional<String> read(String path, int maxBytes) {
        if (!byPath.containsKey(path)) {
            return Optional.empty(); // only indexed files: nothing outside the tree, no skipped folder
        }
        Path file = root.resolve(path);
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(Math.max(0, maxBytes));
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
