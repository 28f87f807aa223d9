package io.kato.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout (the format {@code skopeo copy oci:DIR:TAG} reads) holding
 * small images with a given configuration: a test's way to have a real image to push to
 * a real registry without a Docker engine.
 */
public final class OciLayout {
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private final Path dir;
    private final List<String> refs = new ArrayList<>();

    /** A written image: its manifest's digest and the platform it is for. */
    public record Image(String digest, long size, String os, String architecture) {
    }

    public OciLayout(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes one image (a layer with one small file, and the configuration) and returns it;
     * not yet tagged.
     *
     * @param configJson the {@code config} object of the image configuration, as JSON
     */
    public Image image(String os, String architecture, String configJson) throws IOException {
        byte[] tar = tar("hello.txt", ("hello from " + architecture + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] layer = gz.toByteArray();
        String layerDigest = blob(layer);
        String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"" + os + "\",\"config\":" + configJson
                + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(tar) + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configDigest = blob(configBytes);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + configBytes.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        return new Image(blob(manifest), manifest.length, os, architecture);
    }

    /** Tags one image. */
    public void tag(String tag, Image image) throws IOException {
        refs.add(descriptor(MANIFEST, image.digest(), image.size(), null, tag));
        writeIndex();
    }

    /** Tags a multi-platform index of the images. */
    public String tagIndex(String tag, Image... images) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Image i : images) {
            entries.add(descriptor(MANIFEST, i.digest(), i.size(), "{\"os\":\"" + i.os() + "\",\"architecture\":\""
                    + i.architecture() + "\"}", null));
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
        String digest = blob(index);
        refs.add(descriptor(INDEX, digest, index.length, null, tag));
        writeIndex();
        return digest;
    }

    private void writeIndex() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", refs)
                + "]}");
    }

    private static String descriptor(String type, String digest, long size, String platform, String tag) {
        return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                + (platform == null ? "" : ",\"platform\":" + platform)
                + (tag == null ? "" : ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}") + "}";
    }

    private String blob(byte[] bytes) throws IOException {
        String hex = sha256(bytes);
        Files.write(dir.resolve("blobs/sha256/" + hex), bytes);
        return "sha256:" + hex;
    }

    /** A ustar archive of one regular file. */
    private static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 1_700_000_000L));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void put(byte[] to, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, to, at, b.length);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
