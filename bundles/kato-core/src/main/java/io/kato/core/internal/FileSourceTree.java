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
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
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
     * over the cores is what brings it near a plain {@code find}. Folders wait in a shared
     * queue rather than on a call stack, so no depth of tree can exhaust a thread's stack.
     * The result is sorted by path; when the tree has more than {@code maxFiles} files,
     * which of them are kept depends on the order folders were listed in.
     */
    static FileSourceTree index(Path root, int maxFiles) throws IOException {
        Path base = root.toRealPath();
        String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
        Walk walk = new Walk(prefix.length(), maxFiles);
        walk.offer(base);
        Thread[] walkers = new Thread[WALKERS];
        for (int i = 0; i < walkers.length; i++) {
            walkers[i] = new Thread(walk::drain, "kato-index-" + i);
            walkers[i].setDaemon(true);
            walkers[i].start();
        }
        try {
            for (Thread w : walkers) {
                w.join();
            }
        } catch (InterruptedException e) {
            walk.stop();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while indexing " + root, e);
        }
        if (walk.failure != null) {
            throw new IOException("Indexing failed: " + walk.failure, walk.failure);
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

    /**
     * One walk: folders still to list, how many are listed or being listed ({@code pending}
     * reaches zero exactly when the walk is done), and the files found, chunk by chunk.
     */
    private static final class Walk {
        final int prefixLength;
        final int maxFiles;
        final AtomicInteger count = new AtomicInteger();
        final Queue<List<SourceFile>> chunks = new ConcurrentLinkedQueue<>();
        private final LinkedBlockingDeque<Path> folders = new LinkedBlockingDeque<>();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean stopped;
        volatile Throwable failure;

        Walk(int prefixLength, int maxFiles) {
            this.prefixLength = prefixLength;
            this.maxFiles = maxFiles;
        }

        void offer(Path folder) {
            pending.incrementAndGet(); // before the folder is visible, so pending never dips to zero early
            folders.addLast(folder);
        }

        void stop() {
            stopped = true;
        }

        /** A walker: lists folders until none is left or pending anywhere. */
        void drain() {
            try {
                while (!stopped && pending.get() > 0) {
                    Path folder = folders.pollFirst(5, TimeUnit.MILLISECONDS);
                    if (folder != null) {
                        try {
                            list(folder);
                        } finally {
                            pending.decrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                stopped = true;
            } catch (RuntimeException | Error e) {
                failure = e; // reported by index(), after every walker has ended
                stopped = true;
            }
        }

        private void list(Path dir) {
            List<SourceFile> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (count.get() > maxFiles) {
                        stopped = true; // past the limit: the index is truncated anyway
                        break;
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue; // unreadable entries are simply not indexed
                    }
                    if (attrs.isDirectory()) {
                        if (!SKIPPED.contains(entry.getFileName().toString())) {
                            offer(entry);
                        }
                    } else if (attrs.isRegularFile() && count.incrementAndGet() <= maxFiles) {
                        // links and devices are neither files nor folders here: never followed
                        files.add(new SourceFile(entry.toString().substring(prefixLength), attrs.size()));
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                // an unreadable folder is skipped like an unreadable file
            }
            if (!files.isEmpty()) {
                chunks.add(files);
            }
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
