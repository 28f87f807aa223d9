package io.kato.core.internal;

import io.kato.api.ValidationException;
import io.kato.api.model.ImageCheck;
import io.kato.api.service.ImageCheckService.ImageCheckRequest;
import io.kato.image.Compose;
import io.kato.image.ContainerSpec;
import io.kato.image.DockerRun;
import io.kato.image.ImageReference;
import io.kato.image.SpecException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an image check was given, read into container specs: once when the check is
 * asked for (so bad input is refused at once, naming what is wrong) and again by its job
 * from the sealed input, with the same result.
 */
final class ImageInputs {
    static final int MAX_COMMAND_LINE = 16 * 1024;
    static final int MAX_COMPOSE = 256 * 1024;

    /** The input read: its kind, its text (sealed before it is stored), and one spec per container. */
    record Parsed(String kind, String text, List<ContainerSpec> specs) {
        /** The reference as given, for a check of one image; null for the kinds whose text is not shown. */
        String image() {
            return kind.equals(ImageCheck.IMAGE) ? text : null;
        }
    }

    private ImageInputs() {
    }

    static Parsed parse(ImageCheckRequest r) {
        if (r == null) {
            throw ValidationException.of("body", "is required: {\"image\": \"nginx:1.25\"}, {\"dockerRun\": \"docker"
                    + " run ...\"} or {\"compose\": \"services: ...\"}");
        }
        int given = (r.image() == null ? 0 : 1) + (r.dockerRun() == null ? 0 : 1) + (r.compose() == null ? 0 : 1);
        if (given != 1) {
            throw ValidationException.of("body", "give exactly one of image, dockerRun and compose");
        }
        if (r.image() != null) {
            return parse(ImageCheck.IMAGE, r.image().trim());
        }
        return r.dockerRun() != null ? parse(ImageCheck.DOCKER_RUN, r.dockerRun()) : parse(ImageCheck.COMPOSE,
                r.compose());
    }

    /** Reads stored input of a kind. */
    static Parsed parse(String kind, String text) {
        String field = switch (kind) {
            case ImageCheck.IMAGE -> "image";
            case ImageCheck.DOCKER_RUN -> "dockerRun";
            default -> "compose";
        };
        List<ContainerSpec> specs;
        try {
            specs = switch (kind) {
                case ImageCheck.IMAGE -> {
                    ImageReference.parse(text);
                    yield List.of(new ContainerSpec(null, text, Map.of(), List.of(), List.of(), null, null, null, null,
                            null, List.of(), List.of()));
                }
                case ImageCheck.DOCKER_RUN -> {
                    if (text.length() > MAX_COMMAND_LINE) {
                        throw new SpecException("is longer than " + MAX_COMMAND_LINE + " characters");
                    }
                    yield List.of(DockerRun.parse(text));
                }
                default -> {
                    if (text.length() > MAX_COMPOSE) {
                        throw new SpecException("is larger than " + MAX_COMPOSE / 1024 + " KB");
                    }
                    yield Compose.parse(text, Map.of());
                }
            };
        } catch (SpecException e) {
            throw ValidationException.of(field, e.getMessage());
        }
        Set<String> names = new HashSet<>();
        for (ContainerSpec s : specs) {
            String name = componentName(s);
            if (!names.add(name)) {
                throw ValidationException.of(field, "two services would both be component '" + name + "': rename"
                        + " one");
            }
        }
        return new Parsed(kind, text, specs);
    }

    /**
     * The registry the check's credential goes to, and only there: the one the user named,
     * else the one registry other than Docker Hub the images are on (a compose file's own
     * images next to public ones), else Docker Hub; with several such registries the user
     * must name one. Null without a credential.
     */
    static String credentialRegistry(Parsed input, String credentials, String named) {
        List<String> registries = input.specs().stream().map(s -> ImageReference.parse(s.image()).registry())
                .distinct().toList();
        if (credentials == null) {
            if (named != null) {
                throw ValidationException.of("registry", "is the registry a credential is for: name the credential"
                        + " too");
            }
            return null;
        }
        if (named == null) {
            List<String> own = registries.stream().filter(r -> !r.equals(ImageReference.DOCKER_HUB)).toList();
            if (own.size() > 1) {
                throw ValidationException.of("registry", "is needed: the images are on " + own + ", so say which"
                        + " one the credential is for");
            }
            return own.isEmpty() ? ImageReference.DOCKER_HUB : own.get(0);
        }
        String registry = named.trim().toLowerCase(Locale.ROOT);
        if (!registry.matches("(?:[a-z0-9-]+(?:\\.[a-z0-9-]+)*|\\[[0-9a-f:]+])(?::[0-9]{1,5})?")) {
            throw ValidationException.of("registry", "'" + named + "' is not a registry host[:port]");
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = ImageReference.DOCKER_HUB;
        }
        if (!registries.contains(registry)) {
            throw ValidationException.of("registry", "no image of this check is on '" + registry + "' (they are on "
                    + registries + ")");
        }
        return registry;
    }

    /**
     * The component a spec becomes: its service or container name, else its image's
     * repository, made a DNS label (lower case, '-' for '_' and '.').
     */
    static String componentName(ContainerSpec s) {
        String base = s.name();
        if (base == null) {
            String repository = ImageReference.parse(s.image()).repository();
            base = repository.substring(repository.lastIndexOf('/') + 1);
        }
        String label = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        if (label.length() > 40) {
            label = label.substring(0, 40).replaceAll("-$", "");
        }
        if (label.isEmpty() || !Character.isLetter(label.charAt(0))) {
            label = "c-" + label;
        }
        return label;
    }

    /** Docker's names of images Kato deploys stateful by default: they keep data. */
    static final Set<String> DATABASES = Set.of("mysql", "mariadb", "postgres", "postgresql", "mongo", "mongodb",
            "redis", "valkey", "elasticsearch", "opensearch", "rabbitmq", "etcd", "zookeeper", "kafka", "cassandra",
            "minio", "influxdb", "clickhouse-server", "neo4j", "couchdb", "couchbase", "cockroach", "timescaledb",
            "percona-server", "mssql-server", "nats", "memgraph", "questdb", "keydb", "dragonfly");

    static boolean database(String repository) {
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return DATABASES.contains(last);
    }

    /** Names whose values are secrets by custom: stored sealed, shown masked. */
    static boolean secretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.contains("PASSWORD") || n.contains("PASSWD") || n.contains("SECRET") || n.contains("TOKEN")
                || n.endsWith("_KEY") || n.contains("PRIVATE_KEY") || n.contains("ACCESS_KEY")
                || n.contains("CREDENTIAL") || n.endsWith("_PASS");
    }
}
