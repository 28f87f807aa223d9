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

class ComposeTest {
    /** The shape of the many WordPress examples: format 3, a database, a volume, depends_on. */
    private static final String WORDPRESS = """
            version: "3.9"
            services:
              db:
                image: mysql:8.0
                volumes:
                  - db_data:/var/lib/mysql
                restart: always
                environment:
                  MYSQL_ROOT_PASSWORD: somewordpress
                  MYSQL_DATABASE: wordpress
                deploy:
                  resources:
                    limits:
                      memory: 1G
              wordpress:
                depends_on:
                  - db
                image: wordpress:latest
                ports:
                  - "8000:80"
                environment:
                  - WORDPRESS_DB_HOST=db:3306
                  - WORDPRESS_DB_PASSWORD=${DB_PASSWORD:-wordpress}
                  - WORDPRESS_TABLE_PREFIX=$${prefix}
            volumes:
              db_data: {}
            """;

    @Test
    void aVersion3FileGivesOneSpecPerServiceInOrder() {
        List<ContainerSpec> specs = Compose.parse(WORDPRESS, Map.of());
        assertEquals(List.of("db", "wordpress"), specs.stream().map(ContainerSpec::name).toList());
        ContainerSpec db = specs.get(0);
        assertEquals("mysql:8.0", db.image());
        assertEquals(List.of(new VolumeMount("db_data", "/var/lib/mysql", false)), db.volumes());
        assertEquals(1024, db.memoryMb());
        assertEquals(Map.of("MYSQL_ROOT_PASSWORD", "somewordpress", "MYSQL_DATABASE", "wordpress"), db.env());
        assertEquals(List.of(), db.warnings());
        ContainerSpec wp = specs.get(1);
        assertEquals(List.of("db"), wp.dependsOn());
        assertEquals(List.of(new PortMapping(80, 8000, "tcp")), wp.ports());
        assertEquals("wordpress", wp.env().get("WORDPRESS_DB_PASSWORD"), "the default of an unset variable");
        assertEquals("${prefix}", wp.env().get("WORDPRESS_TABLE_PREFIX"), "$$ is a literal $");
        assertEquals("secret", Compose.parse(WORDPRESS, Map.of("DB_PASSWORD", "secret")).get(1).env()
                .get("WORDPRESS_DB_PASSWORD"));
    }

    @Test
    void aVersion2FileWithLinksMemLimitAndCommands() {
        List<ContainerSpec> specs = Compose.parse("""
                version: '2.4'
                services:
                  web:
                    image: registry.example.org/shop/web:3
                    links: ["cache:redis", "api"]
                    mem_limit: 256m
                    command: gunicorn -b 0.0.0.0:8000 "shop.wsgi:application"
                    entrypoint: ["/docker-entrypoint.sh"]
                    expose: ["8000"]
                    user: app
                    working_dir: /srv
                    env_file: .env
                  api:
                    image: registry.example.org/shop/api:3
                    depends_on:
                      cache:
                        condition: service_healthy
                    ports:
                      - target: 9000
                        published: 19000
                        protocol: tcp
                    volumes:
                      - type: bind
                        source: ./config
                        target: /etc/api
                        read_only: true
                      - type: tmpfs
                        target: /tmp
                  cache:
                    image: redis
                """, Map.of());
        ContainerSpec web = specs.get(0);
        assertEquals(List.of("cache", "api"), web.dependsOn());
        assertEquals(256, web.memoryMb());
        assertEquals(List.of("gunicorn", "-b", "0.0.0.0:8000", "shop.wsgi:application"), web.command());
        assertEquals(List.of("/docker-entrypoint.sh"), web.entrypoint());
        assertEquals(List.of(new PortMapping(8000, null, "tcp")), web.ports());
        assertEquals("app", web.user());
        assertEquals("/srv", web.workdir());
        assertTrue(web.warnings().get(0).contains("env_file"), web.warnings().toString());
        ContainerSpec api = specs.get(1);
        assertEquals(List.of("cache"), api.dependsOn());
        assertEquals(List.of(new PortMapping(9000, 19000, "tcp")), api.ports());
        assertEquals(List.of(new VolumeMount("./config", "/etc/api", true)), api.volumes());
        assertTrue(api.warnings().get(0).contains("a host folder cannot come along"), api.warnings().toString());
        assertNull(specs.get(2).command());
    }

    @Test
    void versionlessFilesMergeKeysAndUnreadFields() {
        List<ContainerSpec> specs = Compose.parse("""
                x-common: &common
                  image: busybox:1.36
                  environment: {LEVEL: info}
                services:
                  a:
                    <<: *common
                    command: ["sleep", "1000"]
                    stop_grace_period: 5s
                    cap_add: [NET_ADMIN]
                  b:
                    <<: *common
                    environment: {LEVEL: debug, EMPTY: ""}
                """, Map.of());
        assertEquals("busybox:1.36", specs.get(0).image());
        assertEquals(Map.of("LEVEL", "info"), specs.get(0).env());
        assertEquals(List.of("field 'cap_add' is not read by Kato"), specs.get(0).warnings());
        assertEquals(Map.of("LEVEL", "debug", "EMPTY", ""), specs.get(1).env());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "services:\\n  web: {image: nginx, ports: ['80:80:80']}| service 'web', field 'ports[0]': '80:80:80' is"
                    + " not a port mapping",
            "services:\\n  web: {image: nginx, depends_on: [db]}| service 'web', field 'depends_on[0]': there is no"
                    + " service 'db'",
            "services:\\n  web: {build: .}| service 'web', field 'image': the service is built",
            "services:\\n  web: {ports: ['80']}| service 'web', field 'image': missing",
            "services:\\n  web: {image: nginx, mem_limit: huge}| service 'web', field 'mem_limit': 'huge' is not an"
                    + " amount of memory",
            "services:\\n  web: {image: nginx, environment: 3}| service 'web', field 'environment': must be a mapping",
            "services:\\n  web: {image: nginx, ports: 80}| service 'web', field 'ports': must be a list",
            "services:\\n  web: {image: 'Nginx'}| service 'web', field 'image': 'Nginx'",
            "services:\\n  web: {image: nginx, volumes: ['data']}| service 'web', field 'volumes[0]'",
            "services:\\n  web: {image: '${IMAGE:?set IMAGE}'}| service 'web', field 'image': needs the variable IMAGE",
            "services:\\n  web: [nginx]| service 'web': must be a mapping",
            "services: {}| field 'services': must map",
            "version: '1'\\nservices: {}| field 'version': '1'",
            "web:\\n  image: nginx| no 'services:'",
            "services:\\n  web: {image: nginx\\n  db: x| not valid YAML (line",
            "''| empty or not a mapping",
            "services:\\n  web: {image: nginx, ports: [{target: 80, published: 'x'}]}| service 'web', field"
                    + " 'ports[0]': 'published' must be a port number",
            "a: &a [1,1,1,1,1,1,1,1,1,1]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]"
                    + "\\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]"
                    + "\\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\\nservices: {}|"
                    + " expands to more than",
    })
    void badFilesNameTheServiceAndField(String yaml, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> Compose.parse(yaml.replace("\\n", "\n"), Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
