package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.SourceTree.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTreeTest {
    @TempDir
    Path dir;

    @Test
    void oneWalkIndexesSourcesAndSkipsToolAndVendorFolders() throws Exception {
        Files.createDirectories(dir.resolve("src/app"));
        Files.writeString(dir.resolve("src/app/main.py"), "print(1)");
        Files.writeString(dir.resolve("requirements.txt"), "flask");
        for (String skipped : List.of(".git", "node_modules/left-pad", "vendor/x", "__pycache__")) {
            Files.createDirectories(dir.resolve(skipped));
            Files.writeString(dir.resolve(skipped).resolve("f"), "x");
        }
        FileSourceTree tree = FileSourceTree.index(dir, 100);
        assertEquals(List.of(new SourceFile("requirements.txt", 5), new SourceFile("src/app/main.py", 8)),
                tree.files());
        assertTrue(tree.exists("src/app/main.py"));
        assertEquals(Optional.of("pri"), tree.read("src/app/main.py", 3), "reads are bounded");
        assertFalse(tree.truncated());
    }

    @Test
    void linksAreNotFollowedAndNothingOutsideTheTreeCanBeRead() throws Exception {
        Path outside = Files.writeString(Files.createTempFile("secret", ".txt"), "top secret");
        Files.createSymbolicLink(dir.resolve("link.txt"), outside);
        Files.createDirectories(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("linked-dir"), outside.getParent());
        FileSourceTree tree = FileSourceTree.index(dir, 100);
        assertTrue(tree.files().isEmpty(), tree.files().toString());
        assertEquals(Optional.empty(), tree.read("link.txt", 100));
        assertEquals(Optional.empty(), tree.read("../" + outside.getFileName(), 100));
        Files.delete(outside);
    }

    @Test
    void theIndexStopsAtItsLimitAndSaysSo() throws Exception {
        for (int i = 0; i < 10; i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), "x");
        }
        FileSourceTree tree = FileSourceTree.index(dir, 4);
        assertEquals(4, tree.files().size());
        assertTrue(tree.truncated());
    }

    @Test
    void namesThatAreNotUtf8AndContentThatIsNotUtf8DoNotBreakTheIndex() throws Exception {
        // A file name with a Latin-1 byte, as an old archive or a non-UTF-8 client can leave behind.
        Process p = new ProcessBuilder("sh", "-c", "printf 'x' > \"$(printf 'caf\\351.txt')\"")
                .directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
        Files.write(dir.resolve("latin1.txt"), new byte[] {'o', 'k', (byte) 0xE9, '!'});
        FileSourceTree tree = FileSourceTree.index(dir, 100);
        assertEquals(2, tree.files().size(), tree.files().toString());
        assertEquals(Optional.of("ok\uFFFD!"), tree.read("latin1.txt", 100), "malformed bytes are replaced");
    }

    @Test
    void theParallelWalkFindsEveryFileOfADeepTreeInPathOrder() throws Exception {
        List<SourceFile> expected = new java.util.ArrayList<>();
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 7; b++) {
                Path folder = Files.createDirectories(dir.resolve("m" + a + "/pkg" + b + "/deep"));
                Files.writeString(folder.resolve("F" + b + ".java"), "class F {}");
                expected.add(new SourceFile("m" + a + "/pkg" + b + "/deep/F" + b + ".java", 10));
            }
        }
        expected.sort(java.util.Comparator.comparing(SourceFile::path));
        assertEquals(expected, FileSourceTree.index(dir, 1000).files());
    }


    @Test
    void aTreeAsDeepAsPathsAllowDoesNotExhaustAnyStack() throws Exception {
        // 2,000 nested one-letter folders: about 4,000 characters, near Linux's PATH_MAX.
        Path deep = dir.resolve(String.join("/", java.util.Collections.nCopies(2000, "d")));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("f"), "x");
        FileSourceTree tree = FileSourceTree.index(dir, 100);
        assertEquals(1, tree.files().size());
        assertEquals(2000, tree.files().get(0).depth());
    }
}
