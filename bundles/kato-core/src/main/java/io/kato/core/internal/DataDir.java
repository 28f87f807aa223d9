package io.kato.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Kato's own files under {@code ${karaf.data}/kato}, and owner-only secret files in it. */
final class DataDir {
    private DataDir() {
    }

    static Path kato() {
        return Path.of(System.getProperty("karaf.data", "data"), "kato");
    }

    /**
     * Writes a secret file readable only by its owner. The permissions are set when the
     * file is created, so the content is never readable by others, not even briefly.
     *
     * @return false if the file already existed (it is left untouched)
     */
    static boolean writeSecret(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
