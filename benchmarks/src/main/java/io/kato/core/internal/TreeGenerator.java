package io.kato.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic service of N files for the benchmarks: a Node.js project with a
 * lock file, and sources spread over folders in several languages, 100 files a folder.
 */
public final class TreeGenerator {
    private static final String[][] KINDS = {
        {"js", "export function f%d(x) { return x * %d; }\n"},
        {"ts", "export const v%d: number = %d;\n"},
        {"css", ".c%d { margin: %dpx; }\n"},
        {"py", "def f%d():\n    return %d\n"},
        {"html", "<p id=\"p%d\">%d</p>\n"},
    };

    private TreeGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        Files.createDirectories(root);
        Files.writeString(root.resolve("package.json"), "{\"name\":\"bench\",\"scripts\":{\"start\":\"node index.js\"},"
                + "\"engines\":{\"node\":\"20.x\"}}\n");
        Files.writeString(root.resolve("package-lock.json"), "{\"lockfileVersion\":3}\n");
        for (int i = 2; i < files; i++) {
            String[] kind = KINDS[i % KINDS.length];
            Path dir = root.resolve("src/m" + (i / 100));
            if (i % 100 == 0 || i == 2) {
                Files.createDirectories(dir);
            }
            Files.writeString(dir.resolve("f" + i + "." + kind[0]), String.format(kind[1], i, i).repeat(1 + i % 7));
        }
    }
}
