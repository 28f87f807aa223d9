package io.kato.core.internal;

import io.kato.api.detect.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
        this.byPath = new HashMap<>(files.size() * 4 / 3 + 1);
        files.forEach(f -> byPath.put(f.path(), f));
        this.truncated = truncated;
    }

    /**
     * Walks the tree once. Folders are listed in parallel: the walk is bound by one
     * {@code lstat} per entry (sizes are part of the index), and spreading those system calls
     * over the cores is what brings it near a plain {@code find}. The result is sorted by
     * path, so it does not depend on the order folders were visited in.
     */
    static FileSourceTree index(Path root, int maxFiles) throws IOException {
        Path base = root.toRealPath();
        String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
        Walk walk = new Walk(prefix.length(), maxFiles);
        ForkJoinPool pool = new ForkJoinPool(WALKERS);
        try {
            pool.invoke(new Folder(base, walk));
        } finally {
            pool.shutdown();
        }
        List<SourceFile> found = new ArrayList<>(Math.min(walk.count.get(), maxFiles));
        walk.chunks.forEach(found::addAll);
        SourceFile[] sorted = found.toArray(SourceFile[]::new);
        Arrays.parallelSort(sorted, BY_PATH);
        boolean truncated = walk.count.get() > maxFiles;
        return new FileSourceTree(base, Arrays.asList(truncated ? Arrays.copyOf(sorted, maxFiles) : sorted),
                truncated);
    }

    private static final int WALKERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    private static final Comparator<SourceFile> BY_PATH = Comparator.comparing(SourceFile::path);

    /** What the folder tasks share: the files found, chunk by chunk, and how many. */
    private static final class Walk {
        final int prefixLength;
        final int maxFiles;
        final AtomicInteger count = new AtomicInteger();
        final Queue<List<SourceFile>> chunks = new ConcurrentLinkedQueue<>();

        Walk(int prefixLength, int maxFiles) {
            this.prefixLength = prefixLength;
            this.maxFiles = maxFiles;
        }
    }

    /** Lists one folder: records its files, then walks its sub-folders as tasks of their own. */
    private static final class Folder extends RecursiveAction {
        private final Path dir;
        private final Walk walk;

        Folder(Path dir, Walk walk) {
            this.dir = dir;
            this.walk = walk;
        }

        @Override
        protected void compute() {
            List<SourceFile> files = new ArrayList<>();
            List<Folder> folders = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (walk.count.get() > walk.maxFiles) {
                        break; // past the limit: the index is truncated anyway
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue; // unreadable entries are simply not indexed
                    }
                    if (attrs.isDirectory()) {
                        if (!SKIPPED.contains(entry.getFileName().toString())) {
                            folders.add(new Folder(entry, walk));
                        }
                    } else if (attrs.isRegularFile() && walk.count.incrementAndGet() <= walk.maxFiles) {
                        // links and devices are neither files nor folders here: never followed
                        files.add(new SourceFile(entry.toString().substring(walk.prefixLength), attrs.size()));
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                // an unreadable folder is skipped like an unreadable file
            }
            if (!files.isEmpty()) {
                walk.chunks.add(files);
            }
            invokeAll(folders);
        }
    }

    boolean truncated() {
        return truncated;
    }

    @Override
    public List<SourceFile> files() {
        return files;
    }

    /** A plain loop: twelve detectors filter 100,000-file trees, and streams cost them double. */
    @Override
    public List<SourceFile> find(Predicate<SourceFile> filter) {
        List<SourceFile> matches = new ArrayList<>();
        for (SourceFile f : files) {
            if (filter.test(f)) {
                matches.add(f);
            }
        }
        return Collections.unmodifiableList(matches);
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
        try {
            // Real paths: no link, at the end or on the way, may lead a read out of the tree.
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !file.toRealPath().startsWith(root)) {
                return Optional.empty();
            }
        } catch (IOException e) {
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
