package io.kato.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads an image's configuration from its registry over the OCI distribution API, the
 * way {@code docker pull} finds it, without pulling any layer: the manifest (following a
 * multi-platform index to the platform's manifest), then the configuration blob. Both are
 * checked against their digests. Authentication is what registries ask for in their
 * {@code WWW-Authenticate} challenge: a bearer token from the registry's token service
 * (Docker Hub, GHCR, Harbor…), with or without a user, or HTTP basic.
 *
 * <p>An <em>insecure</em> registry, as in Docker's {@code insecure-registries}: HTTPS
 * without checking the certificate, then plain HTTP if it does not speak TLS. Unlike
 * Docker, loopback registries are not insecure by default: a server's loopback is not the
 * user's, so the user says so.
 */
public final class RegistryClient {
    private static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final int MAX_CONFIG = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private final Duration timeout;
    private final String architecture;
    private final HttpClient checkedClient;
    private final HttpClient insecureClient;

    /** Credentials for one registry; never shown or logged. */
    public record Auth(String username, String password) {
        @Override
        public String toString() {
            return "Auth[" + username + ", ***]";
        }
    }

    /**
     * @param timeout for each request (connect and answer)
     */
    public RegistryClient(Duration timeout) {
        this.timeout = timeout;
        // two clients for every check: each JDK client keeps a selector thread while it lives
        this.checkedClient = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.insecureClient = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(trustingAll()).build();
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        this.architecture = arch.equals("x86_64") || arch.equals("amd64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
    }

    /**
     * The configuration of one image.
     *
     * @param auth     credentials, or null for anonymous access
     * @param insecure accept the registry's certificate unchecked, and plain HTTP
     */
    public ImageConfig inspect(ImageReference ref, Auth auth, boolean insecure) throws RegistryException {
        Session s = new Session(ref, auth, insecure);
        Fetched manifest = s.manifest(ref.manifestReference());
        JsonNode body = manifest.json();
        String type = mediaType(manifest, body);
        // A multi-platform image stays pinned to its index, so a cluster of another architecture
        // than this server's still pulls its own; the configuration is read from this machine's.
        String digest = manifest.digest();
        if (type.contains("manifest.list") || type.contains("image.index")) {
            manifest = s.manifest(platform(ref, body));
            body = manifest.json();
            type = mediaType(manifest, body);
        }
        if (type.startsWith("application/vnd.docker.distribution.manifest.v1")
                || body.path("schemaVersion").asInt() == 1) {
            throw new RegistryException(RegistryException.Kind.INVALID, "Image '" + ref + "' has an old schema 1"
                    + " manifest, which Kato does not read: push it again with a current Docker or skopeo");
        }
        JsonNode config = body.path("config");
        String configDigest = config.path("digest").asText(null);
        if (configDigest == null) {
            throw new RegistryException(RegistryException.Kind.INVALID, "The manifest of '" + ref + "' names no"
                    + " configuration: it is not a container image");
        }
        long size = 0;
        for (JsonNode layer : body.path("layers")) {
            size += layer.path("size").asLong(0);
        }
        JsonNode image = s.blob(configDigest).json();
        return read(ref.withDigest(digest), digest, image, size);
    }

    private static String mediaType(Fetched f, JsonNode body) {
        String type = body.path("mediaType").asText("");
        return type.isEmpty() ? f.contentType() : type;
    }

    /** The manifest of this machine's platform (linux) in an index. */
    private String platform(ImageReference ref, JsonNode index) throws RegistryException {
        String fallback = null;
        List<String> seen = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            JsonNode p = m.path("platform");
            String os = p.path("os").asText("");
            String arch = p.path("architecture").asText("");
            seen.add(os + "/" + arch);
            if (os.equals("linux") && arch.equals(architecture)) {
                return m.path("digest").asText();
            }
            if (os.equals("linux") && fallback == null && !arch.equals("unknown")) {
                fallback = m.path("digest").asText();
            }
        }
        if (fallback == null) {
            throw new RegistryException(RegistryException.Kind.INVALID, "Image '" + ref + "' has no linux variant"
                    + " (it has: " + String.join(", ", seen) + ")");
        }
        return fallback;
    }

    private static ImageConfig read(ImageReference ref, String digest, JsonNode image, long size) {
        JsonNode c = image.path("config");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : c.path("Env")) {
            String s = e.asText();
            int eq = s.indexOf('=');
            if (eq > 0) {
                env.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        List<ContainerSpec.PortMapping> ports = new ArrayList<>();
        c.path("ExposedPorts").fieldNames().forEachRemaining(p -> {
            String[] parts = p.split("/");
            try {
                ports.add(new ContainerSpec.PortMapping(Integer.parseInt(parts[0]), null,
                        parts.length > 1 ? parts[1] : "tcp"));
            } catch (NumberFormatException rangeOrJunk) {
                // EXPOSE 8000-8010 has no single port to name; left out
            }
        });
        List<String> volumes = new ArrayList<>();
        c.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(ref, digest, image.path("os").asText(null), image.path("architecture").asText(null),
                env, ports, volumes, strings(c.path("Entrypoint")), strings(c.path("Cmd")), blankToNull(c.path("User")),
                blankToNull(c.path("WorkingDir")), labels, size);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String blankToNull(JsonNode n) {
        String s = n.asText("");
        return s.isEmpty() ? null : s;
    }

    private record Fetched(byte[] bytes, String contentType, String digest) {
        JsonNode json() throws RegistryException {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.INVALID, "The registry answered something that is"
                        + " not JSON where a manifest or configuration was expected");
            }
        }
    }

    /** One inspection: the scheme that works, and the token the registry handed out. */
    private final class Session {
        private final ImageReference ref;
        private final Auth auth;
        private final boolean unchecked;
        private final HttpClient client;
        private String scheme = "https";
        private String authorization;

        Session(ImageReference ref, Auth auth, boolean unchecked) {
            this.ref = ref;
            this.auth = auth;
            this.unchecked = unchecked;
            this.client = unchecked ? insecureClient : checkedClient;
        }

        Fetched manifest(String reference) throws RegistryException {
            return fetch("/manifests/" + reference, ACCEPT, MAX_MANIFEST, reference.contains(":") ? reference : null);
        }

        Fetched blob(String digest) throws RegistryException {
            return fetch("/blobs/" + digest, "*/*", MAX_CONFIG, digest);
        }

        private Fetched fetch(String path, String accept, int max, String expectedDigest) throws RegistryException {
            HttpResponse<InputStream> r = send(api(path), accept, true);
            if (r.statusCode() == 401) {
                close(r);
                authorization = authorize(r);
                r = send(api(path), accept, true);
            }
            URI uri = api(path); // the scheme may have fallen back to plain HTTP meanwhile
            for (int hops = 0; isRedirect(r.statusCode()) && hops < 5; hops++) {
                String location = r.headers().firstValue("Location").orElse(null);
                close(r);
                if (location == null) {
                    break;
                }
                URI next = uri.resolve(location);
                // blob storage behind a redirect gets no registry credentials, nor does plain HTTP
                boolean sameOrigin = java.util.Objects.equals(next.getScheme(), uri.getScheme())
                        && java.util.Objects.equals(next.getHost(), uri.getHost()) && next.getPort() == uri.getPort();
                r = send(next, accept, sameOrigin);
                uri = next;
            }
            int status = r.statusCode();
            if (status == 401 || status == 403) {
                close(r);
                throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, auth == null
                        ? "Registry '" + ref.registry() + "' wants credentials for '" + ref.repository() + "': add a"
                        + " registry credential to the team and name it in the check"
                        : "Registry '" + ref.registry() + "' refused the credentials for '" + ref.repository() + "'"
                        + " (status " + status + "): check the user, the password or token, and its pull access");
            }
            if (status == 404) {
                close(r);
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, "Image '" + ref + "' is not in"
                        + " registry '" + ref.registry() + "': check the repository name and the tag");
            }
            if (status != 200) {
                close(r);
                throw new RegistryException(status >= 500 ? RegistryException.Kind.UNREACHABLE
                        : RegistryException.Kind.INVALID, "Registry '" + ref.registry() + "' answered " + status
                        + " for '" + ref + "'");
            }
            byte[] bytes = read(r, max);
            String digest = "sha256:" + sha256(bytes);
            if (expectedDigest != null && expectedDigest.startsWith("sha256:") && !expectedDigest.equals(digest)) {
                throw new RegistryException(RegistryException.Kind.INVALID, "Registry '" + ref.registry()
                        + "' sent content for " + expectedDigest + " whose digest is " + digest + ": refused");
            }
            return new Fetched(bytes, r.headers().firstValue("Content-Type").orElse(""), digest);
        }

        private URI api(String path) {
            return URI.create(scheme + "://" + ref.apiHost() + "/v2/" + ref.repository() + path);
        }

        private HttpResponse<InputStream> send(URI uri, String accept, boolean withAuth) throws RegistryException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET();
            if (withAuth && authorization != null) {
                b.header("Authorization", authorization);
            }
            try {
                return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (SSLException e) {
                if (unchecked && scheme.equals("https") && !(e instanceof SSLHandshakeException
                        && String.valueOf(e.getMessage()).contains("certificate"))) {
                    return overPlainHttp(uri, accept, withAuth);
                }
                throw new RegistryException(RegistryException.Kind.UNTRUSTED, "Registry '" + ref.registry()
                        + "' could not be reached over TLS (" + e.getMessage() + "): if it uses a self-signed"
                        + " certificate or plain HTTP, check it as an insecure registry");
            } catch (HttpConnectTimeoutException | ConnectException e) {
                throw unreachable(e);
            } catch (HttpTimeoutException e) {
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Registry '" + ref.registry()
                        + "' did not answer within " + timeout.toSeconds() + " s");
            } catch (IOException e) {
                if (unchecked && scheme.equals("https") && String.valueOf(e.getMessage()).contains("HTTP/1.1")) {
                    return overPlainHttp(uri, accept, withAuth);
                }
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Interrupted while asking registry '"
                        + ref.registry() + "'");
            }
        }

        /** An insecure registry that speaks plain HTTP: this request and the session's next ones go so. */
        private HttpResponse<InputStream> overPlainHttp(URI uri, String accept, boolean withAuth)
                throws RegistryException {
            scheme = "http";
            return send(URI.create(uri.toString().replaceFirst("^https:", "http:")), accept, withAuth);
        }

        private RegistryException unreachable(Exception e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return new RegistryException(RegistryException.Kind.UNREACHABLE, "Registry '" + ref.registry()
                    + "' cannot be reached (" + why + "): check its name and port, and that this server can reach it");
        }

        /** Answers the registry's challenge: a bearer token from its token service, or basic credentials. */
        private String authorize(HttpResponse<?> challenged) throws RegistryException {
            String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
            String basic = auth == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
            if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
                if (basic == null) {
                    throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "Registry '" + ref.registry()
                            + "' wants credentials: add a registry credential to the team and name it in the check");
                }
                return basic;
            }
            if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "Registry '" + ref.registry()
                        + "' asks for an authentication Kato does not speak ('" + challenge.split(" ")[0] + "')");
            }
            Map<String, String> params = new LinkedHashMap<>();
            Matcher m = CHALLENGE_PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
            String realm = params.get("realm");
            if (realm == null) {
                throw new RegistryException(RegistryException.Kind.INVALID, "Registry '" + ref.registry()
                        + "' asked for a token without saying where to get one");
            }
            String scope = Optional.ofNullable(params.get("scope")).orElse("repository:" + ref.repository() + ":pull");
            StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
            if (params.containsKey("service")) {
                q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8))
                        .append('&');
            }
            q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
            URI tokenUri;
            try {
                tokenUri = URI.create(q.toString());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(RegistryException.Kind.INVALID, "Registry '" + ref.registry()
                        + "' named a token service that is not a URL");
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).timeout(timeout).GET();
            if (basic != null) {
                b.header("Authorization", basic);
            }
            HttpResponse<InputStream> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, "The token service of registry '"
                        + ref.registry() + "' (" + tokenUri.getHost() + ") cannot be reached: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Interrupted");
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                close(r);
                throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "Registry '" + ref.registry()
                        + "' refused " + (auth == null ? "anonymous access" : "the credentials") + " to '"
                        + ref.repository() + "'" + (auth == null ? ": add a registry credential to the team" : ""));
            }
            if (r.statusCode() != 200) {
                close(r);
                throw new RegistryException(RegistryException.Kind.INVALID, "The token service of registry '"
                        + ref.registry() + "' answered " + r.statusCode());
            }
            JsonNode token = new Fetched(read(r, 1024 * 1024), "", "").json();
            String value = token.path("token").asText(token.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.INVALID, "The token service of registry '"
                        + ref.registry() + "' gave no token");
            }
            return "Bearer " + value;
        }

        private byte[] read(HttpResponse<InputStream> r, int max) throws RegistryException {
            try (InputStream in = r.body()) {
                // the request's timeout ends with the headers: a body that stalls is cut off here
                java.util.concurrent.CompletableFuture<byte[]> body = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> {
                            try {
                                return in.readNBytes(max + 1);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                byte[] bytes;
                try {
                    bytes = body.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Registry '" + ref.registry()
                            + "' stopped sending within " + timeout.toSeconds() + " s");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw unreachable(e.getCause() instanceof Exception x ? x : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Interrupted");
                }
                if (bytes.length > max) {
                    throw new RegistryException(RegistryException.Kind.INVALID, "Registry '" + ref.registry()
                            + "' sent more than " + max / (1024 * 1024) + " MiB where a manifest or configuration"
                            + " was expected");
                }
                return bytes;
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // nothing to keep
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context that accepts any certificate and any name: only for registries marked insecure. */
    private static SSLContext trustingAll() {
        X509ExtendedTrustManager all = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {all}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
