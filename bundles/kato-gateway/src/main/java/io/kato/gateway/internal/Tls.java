package io.kato.gateway.internal;

import io.kato.api.gateway.RouteTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTPS port: opened with the first uploaded certificate, each domain's
 * certificate chosen by SNI, reloaded without a restart when certificates come or go
 * (polled every two seconds), closed when the last one goes.
 */
final class Tls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tls.class);
    /** The in-memory key store's password: it never leaves the process. */
    private static final char[] PASSWORD = "kato-gateway".toCharArray();
    private final Server server;
    private final RouteTable routes;
    private final String host;
    private final int port;
    private final HttpConfiguration http;
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kato-gateway-tls");
        t.setDaemon(true);
        return t;
    });
    private long version = Long.MIN_VALUE;
    private SslContextFactory.Server ssl;
    private ServerConnector connector;

    Tls(Server server, RouteTable routes, String host, int port, HttpConfiguration http) {
        this.server = server;
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.http = http;
        poll.scheduleWithFixedDelay(this::check, 0, 2, TimeUnit.SECONDS);
    }

    /** The port HTTPS listens on now, or -1 when it is closed. */
    synchronized int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    private synchronized void check() {
        try {
            long now = routes.certificatesVersion();
            if (now == version) {
                return;
            }
            List<RouteTable.ServedCertificate> certificates = routes.certificates();
            if (certificates.isEmpty()) {
                closeConnector();
            } else if (connector == null) {
                open(keyStore(certificates));
            } else {
                KeyStore store = keyStore(certificates);
                ssl.reload(f -> f.setKeyStore(store));
            }
            version = now;
            LOG.info("Gateway HTTPS: {} certificate(s){}", certificates.size(),
                    connector == null ? "" : " on port " + connector.getLocalPort());
        } catch (Exception e) {
            LOG.warn("Gateway certificates could not be loaded: {}", e.getMessage());
        }
    }

    private void open(KeyStore store) throws Exception {
        ssl = new SslContextFactory.Server();
        ssl.setKeyStore(store);
        ssl.setKeyStorePassword(new String(PASSWORD));
        ssl.setKeyManagerPassword(new String(PASSWORD));
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false); // an unknown name still gets a certificate, then the 404 problem
        https.addCustomizer(customizer);
        connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            // the port is taken, say: forget this attempt so that the next poll tries again
            server.removeConnector(connector);
            connector = null;
            ssl = null;
            throw e;
        }
    }

    private void closeConnector() throws Exception {
        if (connector != null) {
            connector.stop();
            server.removeConnector(connector);
            connector = null;
            ssl = null;
        }
    }

    static KeyStore keyStore(List<RouteTable.ServedCertificate> certificates) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (RouteTable.ServedCertificate c : certificates) {
            Certificate[] chain = x509.generateCertificates(new ByteArrayInputStream(
                    c.chainPem().getBytes(StandardCharsets.US_ASCII))).toArray(new Certificate[0]);
            String base64 = c.keyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            store.setKeyEntry(c.domain(), key, PASSWORD, chain);
        }
        return store;
    }

    @Override
    public synchronized void close() throws Exception {
        poll.shutdownNow();
        closeConnector();
    }
}
