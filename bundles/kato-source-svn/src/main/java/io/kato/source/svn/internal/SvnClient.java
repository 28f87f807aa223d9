package io.kato.source.svn.internal;

import io.kato.api.source.Credentials;
import io.kato.api.source.SourceFetchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the {@code svn} command for one fetch and turns its failures into user messages. */
final class SvnClient {
    private final Path configDir;
    private final Credentials credentials;
    private final Duration timeout;
    private final boolean trustServerCertificate;

    SvnClient(Path configDir, Credentials credentials, Duration timeout, boolean trustServerCertificate) {
        this.configDir = configDir;
        this.credentials = credentials;
        this.timeout = timeout;
        this.trustServerCertificate = trustServerCertificate;
    }

    /** Runs {@code svn ARGS}; returns its standard output. */
    String run(List<String> args, String url, String ref) {
        List<String> command = new ArrayList<>(List.of("svn", "--non-interactive", "--no-auth-cache",
                "--config-dir", configDir.toString()));
        if (trustServerCertificate) {
            // Every failure svn can report about a certificate; the user vouched for the server.
            command.add("--trust-server-cert-failures=unknown-ca,cn-mismatch,expired,not-yet-valid,other");
        }
        boolean password = credentials.secret() != null
                && (credentials.type() == Credentials.Type.PASSWORD || credentials.type() == Credentials.Type.TOKEN);
        if (password) {
            command.addAll(List.of("--username", credentials.username() == null ? "token" : credentials.username(),
                    "--password-from-stdin"));
        }
        command.addAll(args);
        Process p;
        try {
            Files.createDirectories(configDir);
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SourceFetchException("SVN checks need the 'svn' command on the Kato host: install the"
                    + " subversion package there");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (password) {
                in.write(new String(credentials.secret()).getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            }
        } catch (IOException ignored) {
            // svn may exit before it reads the password; its exit status says why
        }
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SourceFetchException("Fetching " + url + " took longer than this server allows");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SourceFetchException("The fetch of " + url + " was interrupted");
        }
        if (p.exitValue() != 0) {
            throw explain(err.join(), url, ref);
        }
        return out.join();
    }

    static SourceFetchException explain(String stderr, String url, String ref) {
        String e = stderr.toLowerCase(Locale.ROOT);
        if (e.contains("e170001") || e.contains("e215004") || e.contains("authorization failed")
                || e.contains("authentication")) {
            return new SourceFetchException("The repository refused access: check the credentials");
        }
        if (e.contains("170000") || e.contains("e160013") || e.contains("non-existent") || e.contains("not found")) {
            return new SourceFetchException("'" + ref + "' does not exist in " + url + ": check the ref (trunk,"
                    + " branches/NAME, tags/NAME) and the URL");
        }
        if (e.contains("e230001") || e.contains("certificate verification failed")) {
            return new SourceFetchException("The server's certificate of " + url + " could not be verified: if it is"
                    + " your own server's self-signed certificate, check again with \"trustServerCertificate\": true"
                    + " (shell: --trust-server-cert)");
        }
        if (e.contains("e170013") || e.contains("e000111") || e.contains("unable to connect")
                || e.contains("connection refused")) {
            return new SourceFetchException("Cannot reach " + url + ": check the host and port");
        }
        String first = stderr.lines().filter(l -> !l.isBlank()).findFirst().orElse("svn failed");
        return new SourceFetchException("Fetching " + url + " failed: " + first.strip());
    }

    void cleanUp() {
        if (!Files.exists(configDir)) {
            return;
        }
        try (var paths = Files.walk(configDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover config folder holds no credentials (--no-auth-cache)
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
