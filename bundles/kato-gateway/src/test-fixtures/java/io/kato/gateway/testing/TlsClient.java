package io.kato.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A GET over TLS that names the server (SNI) and reports which certificate it was shown. */
public final class TlsClient {
    private TlsClient() {
    }

    /** The presented certificate's subject, and the whole response. */
    public record Answer(String subject, String response) {
    }

    public static Answer get(int port, String name) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                // test certificates are self-signed: callers check which one was presented instead
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(name)));
            s.setSSLParameters(params);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName(), response);
        }
    }
}
