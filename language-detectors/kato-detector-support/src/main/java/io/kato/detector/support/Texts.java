package io.kato.detector.support;

import io.kato.api.detect.SourceTree;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounded reads of the small text files detectors look at. Every read goes through
 * {@link SourceTree#read} with a limit, so a hostile repository cannot make a check
 * hold megabytes in memory.
 */
public final class Texts {
    /** The most a detector reads of a manifest. */
    public static final int LIMIT = 256 * 1024;
    /** Enough for one-line pin files such as {@code .nvmrc}. */
    private static final int PIN_LIMIT = 4 * 1024;

    private Texts() {
    }

    /** The file's first {@link #LIMIT} bytes; truncation is harmless for line-based files. */
    public static Optional<String> read(SourceTree tree, String path) {
        return tree.read(path, LIMIT);
    }

    /**
     * The whole file, or empty with an ERROR when it is larger than {@link #LIMIT}: a cut-off
     * manifest would otherwise be reported as a syntax error the user cannot find.
     */
    public static Optional<String> whole(SourceTree tree, String path, Findings findings) {
        Optional<String> text = tree.read(path, LIMIT + 1);
        if (text.isPresent() && text.get().getBytes(StandardCharsets.UTF_8).length > LIMIT) {
            findings.error(path + " is larger than " + LIMIT / 1024 + " KiB and was not read",
                    "Keep " + path + " under " + LIMIT / 1024 + " KiB, or set the language and commands in the Katofile",
                    path);
            return Optional.empty();
        }
        return text;
    }

    /** The first line that is neither blank nor a {@code #} comment, trimmed. */
    public static Optional<String> firstLine(SourceTree tree, String path) {
        return tree.read(path, PIN_LIMIT).flatMap(text -> text.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst());
    }

    /** A Java properties file; empty properties when it is missing. */
    public static Properties properties(SourceTree tree, String path) {
        Properties properties = new Properties();
        read(tree, path).ifPresent(text -> {
            try {
                properties.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                // a malformed \\u escape: keep what was read before it, a pin file is best effort
            }
        });
        return properties;
    }

    /** Group 1 of the first match of the pattern, if any. */
    public static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.ofNullable(m.group(1)) : Optional.empty();
    }

    /** The first of the paths that exists in the tree. */
    public static Optional<String> firstExisting(SourceTree tree, List<String> paths) {
        return paths.stream().filter(tree::exists).findFirst();
    }

    /** The folder part of a relative path, {@code ""} for a file at the root. */
    public static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A path inside a folder, where {@code ""} is the root. */
    public static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
