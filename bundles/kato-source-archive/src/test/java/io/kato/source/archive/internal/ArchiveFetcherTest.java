package io.kato.source.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.ValidationException;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploaded archives, honest and hostile: zips written here, tarballs made by the system's tar. */
class ArchiveFetcherTest {
    private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(60), 1L << 30, 1000, false, false);
    private static final FetchListener QUIET = new FetchListener() {
        @Override
        public void progress(String line) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    @TempDir
    Path dir;

    private String upload(Path archive) throws Exception {
        String id = UUID.randomUUID().toString();
        Files.createDirectories(dir.resolve("uploads"));
        Files.copy(archive, dir.resolve("uploads").resolve(id));
        return id;
    }

    private Path unpack(String id, FetchLimits limits) throws Exception {
        Path target = Files.createDirectories(dir.resolve("out-" + id));
        new ArchiveFetcher(dir.resolve("uploads")).fetch(new SourceLocation("archive", id, null, null),
                Credentials.none(), target, limits, QUIET);
        return target;
    }

    private Path zip(String name, String... entries) throws Exception {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write(("content of " + e).getBytes());
                out.closeEntry();
            }
        }
        return zip;
    }

    private Path tarGz(String name, Path from) throws Exception {
        Path tgz = dir.resolve(name);
        Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", from.toString(), ".").start();
        assertEquals(0, p.waitFor());
        return tgz;
    }

    @Test
    void aZipUnpacksIntoTheTarget() throws Exception {
        Path out = unpack(upload(zip("ok.zip", "package.json", "src/index.js")), LIMITS);
        assertEquals("content of src/index.js", Files.readString(out.resolve("src/index.js")));
    }

    @Test
    void aTarGzMadeByTarUnpacksWithLongNames() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/" + "deep/".repeat(30)));
        Files.writeString(src.resolve("go.mod"), "module x\n");
        Files.writeString(dir.resolve("src/main.go"), "package main\n");
        Path out = unpack(upload(tarGz("ok.tar.gz", dir.resolve("src"))), LIMITS);
        assertTrue(Files.exists(out.resolve("main.go")));
        assertTrue(Files.exists(out.resolve("deep/".repeat(30) + "go.mod")), "names over 100 characters survive");
    }

    @Test
    void entriesThatEscapeTheTreeAreRefused() throws Exception {
        for (String evil : new String[] {"../evil.sh", "a/../../evil.sh", "/etc/evil", "C:/evil"}) {
            String id = upload(zip("evil-" + evil.hashCode() + ".zip", "ok.txt", evil));
            SourceFetchException e = assertThrows(SourceFetchException.class, () -> unpack(id, LIMITS), evil);
            assertTrue(e.getMessage().contains("archive entry"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("evil.sh")));
    }

    @Test
    void linksInTarballsAreRefused() throws Exception {
        Path src = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(src.resolve("passwd"), Path.of("/etc/passwd"));
        String id = upload(tarGz("links.tar.gz", src));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> unpack(id, LIMITS));
        assertTrue(e.getMessage().contains("is a link"), e.getMessage());
    }

    @Test
    void anArchiveBombStopsEarly() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(bomb) < (1 << 20), "300 MB of zeros packs into under 1 MB");
        String id = upload(bomb);
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> unpack(id, LIMITS));
        assertTrue(e.getMessage().contains("archive bomb"), e.getMessage());
    }

    @Test
    void limitsOnFilesAndBytesAreEnforced() throws Exception {
        FetchLimits two = new FetchLimits(Duration.ofSeconds(60), 1L << 30, 2, false, false);
        String id = upload(zip("many.zip", "a", "b", "c"));
        assertTrue(assertThrows(SourceFetchException.class, () -> unpack(id, two)).getMessage()
                .contains("more than 2 files"));
    }

    @Test
    void notAnArchiveAndUnknownIdsAreClearErrors() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        String id = upload(text);
        assertTrue(assertThrows(SourceFetchException.class, () -> unpack(id, LIMITS)).getMessage()
                .contains("neither a zip nor a tar.gz"));
        assertThrows(ValidationException.class, () -> unpack("../../etc/passwd", LIMITS));
        assertTrue(assertThrows(SourceFetchException.class, () -> unpack(UUID.randomUUID().toString(), LIMITS))
                .getMessage().startsWith("No uploaded archive"));
    }

}
