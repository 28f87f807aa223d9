package io.kato.api.detect;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link SourceTree} held in memory: relative path to file content. Meant for the
 * tests of detector bundles, which can then check their rules without a file system.
 */
public final class MemorySourceTree implements SourceTree {
    private final TreeMap<String, byte[]> files = new TreeMap<>();

    private MemorySourceTree(Map<String, byte[]> files) {
        this.files.putAll(files);
    }

    /** A tree of text files, UTF-8 encoded. */
    public static MemorySourceTree of(Map<String, String> textFiles) {
        TreeMap<String, byte[]> bytes = new TreeMap<>();
        textFiles.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return new MemorySourceTree(bytes);
    }

    /** A tree with one more file, given as raw bytes. */
    public MemorySourceTree with(String path, byte[] content) {
        MemorySourceTree copy = new MemorySourceTree(files);
        copy.files.put(path, content.clone());
        return copy;
    }

    @Override
    public List<SourceFile> files() {
        return files.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue().length)).toList();
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path);
    }

    @Override
    public Optional<String> read(String path, int maxBytes) {
        byte[] content = files.get(path);
        if (content == null) {
            return Optional.empty();
        }
        int n = Math.min(content.length, Math.max(0, maxBytes));
        return Optional.of(new String(content, 0, n, StandardCharsets.UTF_8));
    }
}
