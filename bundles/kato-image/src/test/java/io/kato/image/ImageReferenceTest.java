package io.kato.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
            "nginx, docker.io/library/nginx:latest",
            "nginx:1.25-alpine, docker.io/library/nginx:1.25-alpine",
            "grafana/grafana-oss, docker.io/grafana/grafana-oss:latest",
            "docker.io/library/redis:7, docker.io/library/redis:7",
            "index.docker.io/bitnami/redis:7.2, docker.io/bitnami/redis:7.2",
            "quay.io/keycloak/keycloak:24.0, quay.io/keycloak/keycloak:24.0",
            "ghcr.io/owner/team/app:v2.1_rc-1, ghcr.io/owner/team/app:v2.1_rc-1",
            "localhost/app, localhost/app:latest",
            "127.0.0.1:5000/kato/site:1, 127.0.0.1:5000/kato/site:1",
            "registry.example.org:8443/a__b/c-d.e, registry.example.org:8443/a__b/c-d.e:latest",
    })
    void readsReferencesAsDockerDoes(String text, String normalised) {
        assertEquals(normalised, ImageReference.parse(text).toString());
    }

    @org.junit.jupiter.api.Test
    void aDigestPinsTheImageAndIsWhatTheManifestIsAskedFor() {
        ImageReference r = ImageReference.parse("postgres:16@" + DIGEST);
        assertEquals("16", r.tag());
        assertEquals(DIGEST, r.manifestReference());
        assertEquals("registry-1.docker.io", r.apiHost());
        ImageReference bare = ImageReference.parse("ghcr.io/o/app@" + DIGEST);
        assertEquals(null, bare.tag());
        assertEquals("ghcr.io/o/app@" + DIGEST, bare.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| No image given",
            "Nginx| no capitals",
            "nginx:| the tag ''",
            "nginx:-bad| the tag '-bad'",
            "nginx@sha256:xyz| the digest after '@'",
            "my image| has spaces",
            "a//b| repository names",
            "registry.example.org/| names no repository",
    })
    void refusesWhatIsNotAReference(String text, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
