package io.kato.source.archive.internal;

import io.kato.api.source.SourceFetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Zip and tar.gz unpacking with every entry checked before anything is written. */
final class Unpack {
    private static final int BLOCK = 512;

    private Unpack() {
    }

    static void zip(InputStream in, Path target, Budget budget) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path to = inside(target, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    write(zip, to, Long.MAX_VALUE, budget);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SourceFetchException("The zip archive has an unreadable entry name: " + e.getMessage());
        }
    }

    /** A minimal ustar/GNU/pax reader: regular files and folders only. */
    static void tarGz(InputStream in, Path target, Budget budget) throws IOException {
        try (InputStream tar = new GZIPInputStream(in)) {
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (true) {
                if (tar.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                    return;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                switch (type) {
                    case 'L' -> longName = new String(readData(tar, size), StandardCharsets.UTF_8).replace("\0", "");
                    case 'x' -> longName = paxPath(readData(tar, size));
                    case 'g' -> skip(tar, size);
                    case '5' -> Files.createDirectories(inside(target, name));
                    case '0', '\0', '7' -> {
                        write(tar, inside(target, name), size, budget);
                        skip(tar, padding(size));
                    }
                    case '1', '2' -> throw new SourceFetchException("The archive entry '" + name + "' is a link;"
                            + " links are refused because they can point outside the source");
                    default -> throw new SourceFetchException("The archive entry '" + name + "' is a device or"
                            + " special file, which a source archive cannot hold");
                }
            }
        }
    }

    /** The entry's place in the target, refused when it would land outside it. */
    static Path inside(Path target, String name) {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
            throw new SourceFetchException("The archive entry '" + n + "' has an absolute path; entries must be"
                    + " relative");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new SourceFetchException("The archive entry '" + n + "' climbs out of the archive with '..'");
            }
        }
        Path to = target.resolve(n).normalize();
        if (!to.startsWith(target.normalize())) {
            throw new SourceFetchException("The archive entry '" + n + "' lands outside the source folder");
        }
        return to;
    }

    private static void write(InputStream in, Path to, long size, Budget budget) throws IOException {
        budget.file();
        Files.createDirectories(to.getParent());
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    if (size == Long.MAX_VALUE) {
                        return;
                    }
                    throw new SourceFetchException("The archive ends in the middle of '" + to.getFileName() + "'");
                }
                budget.bytes(n);
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SourceFetchException("The archive holds '" + to.getFileName() + "' twice");
        }
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new SourceFetchException("The archive has an oversized header record");
        }
        byte[] data = in.readNBytes((int) size);
        skip(in, padding(size));
        return data;
    }

    private static String paxPath(byte[] records) {
        for (String line : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8).strip();
    }

    private static long octal(byte[] h, int off, int len) {
        String s = text(h, off, len);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new SourceFetchException("The archive has a damaged header");
        }
    }
}
