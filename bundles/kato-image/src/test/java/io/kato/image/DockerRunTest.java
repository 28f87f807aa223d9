package io.kato.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.image.ContainerSpec.PortMapping;
import io.kato.image.ContainerSpec.VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines as their images' READMEs print them. */
class DockerRunTest {
    @Test
    void postgresFromItsReadme() {
        ContainerSpec s = DockerRun.parse("docker run --name some-postgres -e POSTGRES_PASSWORD=mysecretpassword -d"
                + " postgres");
        assertEquals("some-postgres", s.name());
        assertEquals("postgres", s.image());
        assertEquals(Map.of("POSTGRES_PASSWORD", "mysecretpassword"), s.env());
        assertEquals(List.of(), s.ports());
        assertNull(s.command());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void nginxPublished() {
        ContainerSpec s = DockerRun.parse("docker run -d -p 8080:80 nginx:1.25");
        assertEquals(List.of(new PortMapping(80, 8080, "tcp")), s.ports());
        assertNull(s.name());
    }

    @Test
    void redisWithCommandAndBoundAddress() {
        ContainerSpec s = DockerRun.parse("docker run -it --rm -p 127.0.0.1:6379:6379/tcp redis:7-alpine redis-server"
                + " --appendonly yes");
        assertEquals(List.of(new PortMapping(6379, 6379, "tcp")), s.ports());
        assertEquals(List.of("redis-server", "--appendonly", "yes"), s.command());
    }

    @Test
    void continuedLinesAndNamedVolumes() {
        ContainerSpec s = DockerRun.parse("docker run -d \\\n  --name=grafana \\\n  -p 3000:3000 \\\n"
                + "  -v grafana-storage:/var/lib/grafana \\\n  grafana/grafana-oss\n");
        assertEquals("grafana", s.name());
        assertEquals(List.of(new VolumeMount("grafana-storage", "/var/lib/grafana", false)), s.volumes());
        assertEquals("grafana/grafana-oss", s.image());
    }

    @Test
    void quotedValuesMemoryAndQuietOptions() {
        ContainerSpec s = DockerRun.parse("$ docker run -m 512m --memory-swap 1g --restart unless-stopped"
                + " -e \"JAVA_OPTS=-Xmx256m -Dgreeting=\\\"hi\\\"\" -e 'KC_DB=dev-file' quay.io/keycloak/keycloak:24.0"
                + " start-dev");
        assertEquals(512, s.memoryMb());
        assertEquals(Map.of("JAVA_OPTS", "-Xmx256m -Dgreeting=\"hi\"", "KC_DB", "dev-file"), s.env());
        assertEquals(List.of("start-dev"), s.command());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void entrypointUserWorkdir() {
        ContainerSpec s = DockerRun.parse("sudo docker run --entrypoint /bin/sh -u 1000:1000 -w /app node:20 -c"
                + " 'npm start'");
        assertEquals(List.of("/bin/sh"), s.entrypoint());
        assertEquals(List.of("-c", "npm start"), s.command());
        assertEquals("1000:1000", s.user());
        assertEquals("/app", s.workdir());
    }

    @Test
    void whatKatoCannotHonourIsSaid() {
        String digest = "sha256:" + "0f".repeat(32);
        ContainerSpec s = DockerRun.parse("docker run --network host -v /srv/data:/data:ro --env-file .env -e HOME"
                + " ghcr.io/owner/app@" + digest);
        assertEquals(List.of(new VolumeMount("/srv/data", "/data", true)), s.volumes());
        assertEquals(4, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).startsWith("--network host: has no effect on Kato"), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("set HOME on the component")));
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("a host folder cannot come along")));
    }

    @Test
    void equalsFormsAndGluedShortOptions() {
        ContainerSpec s = DockerRun.parse("docker container run --env=FOO=bar --publish=9000:9000 -p9001:9001"
                + " -eMINIO_ROOT_USER=admin minio/minio server /data --console-address :9001");
        assertEquals(Map.of("FOO", "bar", "MINIO_ROOT_USER", "admin"), s.env());
        assertEquals(List.of(new PortMapping(9000, 9000, "tcp"), new PortMapping(9001, 9001, "tcp")), s.ports());
        assertEquals(List.of("server", "/data", "--console-address", ":9001"), s.command());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "docker run --frobnicate x nginx| '--frobnicate' is not a docker run option",
            "docker run -p 99999:80 nginx| option -p: '99999:80' has port 99999",
            "docker run -p 8000-8010:8000-8010 nginx| is not a port mapping",
            "docker run -m lots nginx| option -m: 'lots' is not an amount of memory",
            "docker run -d| No image in the command line",
            "docker ps| Not a 'docker run' command line",
            "docker run -e 'A=1 nginx| unclosed single quote",
            "docker run NGINX| no capitals",
            "docker run -v data nginx| not an absolute path",
            "docker run -e 1A=b nginx| '1A' is not a variable name",
            "docker run --name| '--name' needs a value",
    })
    void badLinesAreRefusedWithWhatIsWrong(String line, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> DockerRun.parse(line));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
