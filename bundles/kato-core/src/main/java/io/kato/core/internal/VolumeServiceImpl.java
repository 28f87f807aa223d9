package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.Component;
import io.kato.api.model.DeployType;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Team;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.service.VolumeService;
import io.kato.store.ComponentSpecRows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/** Volumes and config files of components: validated against each other and the component's deploy type. */
@org.osgi.service.component.annotations.Component(service = VolumeService.class)
public class VolumeServiceImpl extends ServiceSupport implements VolumeService {
    /** Short enough for a pod's volume name ({@code v-<name>}, 63 at most) and the objects named after it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    /** ConfigMaps hold at most 1 MiB; half of it leaves room for the others of the component. */
    static final int MAX_CONTENT_BYTES = 512 * 1024;
    private static final int MAX_VOLUMES = 32;
    private static final int MAX_SIZE_MB = 1 << 20;

    @Activate
    public VolumeServiceImpl(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    VolumeServiceImpl(Store store, Clock clock) {
        super(store, clock);
    }

    @Override
    public List<Volume> list(Actor actor, String team, String component) {
        return tx(tx -> new ComponentSpecRows(tx).volumes(component(tx, actor, team, component, Access.Need.READ).id()));
    }

    @Override
    public Volume put(Actor actor, String team, String component, Volume volume) {
        Volume valid = valid(volume);
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            ComponentSpecRows rows = new ComponentSpecRows(tx);
            List<Volume> others = new ArrayList<>(rows.volumes(c.id()));
            Volume before = others.stream().filter(v -> v.name().equals(valid.name())).findFirst().orElse(null);
            others.remove(before);
            fits(valid, others, c.deployType());
            rows.putVolume(c.id(), valid, now());
            audit(tx, actor, t.id(), "put-volume", "component/" + c.name(), shown(before), shown(valid));
            return valid;
        });
    }

    @Override
    public void remove(Actor actor, String team, String component, String name) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            ComponentSpecRows rows = new ComponentSpecRows(tx);
            Volume before = rows.volumes(c.id()).stream().filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> new NotFoundException("Component '" + component + "' has no volume '" + name
                            + "'"));
            rows.removeVolume(c.id(), name);
            audit(tx, actor, t.id(), "remove-volume", "component/" + c.name(), shown(before), null);
            return null;
        });
    }

    private static Component component(Tx tx, Actor actor, String team, String component, Access.Need need) {
        return ComponentServiceImpl.find(tx, Access.team(tx, actor, team, need), component);
    }

    /** The audit trail keeps a config file's size, not its text. */
    private static Object shown(Volume v) {
        return v == null || v.content() == null ? v : new Volume(v.name(), v.type(), v.path(), v.sizeMb(),
                "(" + v.content().getBytes(StandardCharsets.UTF_8).length + " bytes)");
    }

    /** The volume on its own: name, path, size and content as its type wants them, defaults filled in. */
    static Volume valid(Volume v) {
        if (v == null) {
            throw ValidationException.of("body", "is required, e.g. {\"name\": \"data\", \"type\": \"share_file\","
                    + " \"path\": \"/data\", \"sizeMb\": 1024}");
        }
        if (v.name() == null || !NAME.matcher(v.name()).matches()) {
            throw ValidationException.of("name", "needs 1 to 40 lower-case letters, digits and '-', starting and"
                    + " ending with a letter or digit (is " + v.name() + ")");
        }
        if (v.type() == null) {
            throw ValidationException.of("type", "is required: one of share_file, local, memory, config_file");
        }
        String path = v.path() == null ? "" : v.path().strip();
        if (!path.startsWith("/") || path.length() < 2 || path.length() > 1000 || path.contains("//")
                || path.endsWith("/") || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)
                || List.of(path.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw ValidationException.of("path", "must be an absolute path like /data or /etc/app/app.conf, without"
                    + " '.', '..' or a trailing '/' (is " + v.path() + ")");
        }
        if (v.type() == VolumeType.CONFIG_FILE) {
            if (v.content() == null) {
                throw ValidationException.of("content", "is required for a config file: its text");
            }
            if (v.content().getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
                throw ValidationException.of("content", "is larger than " + MAX_CONTENT_BYTES / 1024 + " KB: keep"
                        + " large files in a share_file volume");
            }
            if (v.sizeMb() != null) {
                throw ValidationException.of("sizeMb", "a config file has no size: leave it out");
            }
            return new Volume(v.name(), v.type(), path, null, v.content());
        }
        if (v.content() != null) {
            throw ValidationException.of("content", "only config files have content; a " + v.type()
                    + " volume starts empty");
        }
        int size = v.sizeMb() != null ? v.sizeMb() : v.type() == VolumeType.MEMORY ? 64 : 1024;
        if (size < 1 || size > MAX_SIZE_MB) {
            throw ValidationException.of("sizeMb", "must be between 1 and " + MAX_SIZE_MB + " (is " + size + ")");
        }
        return new Volume(v.name(), v.type(), path, size, null);
    }

    /** The volume among the component's others: paths unique, count bounded, local only where instances keep identity. */
    static void fits(Volume v, List<Volume> others, DeployType deployType) {
        if (others.size() >= MAX_VOLUMES) {
            throw ValidationException.of("name", "a component has at most " + MAX_VOLUMES + " volumes");
        }
        others.stream().filter(o -> o.path().equals(v.path())).findFirst().ifPresent(o -> {
            throw ValidationException.of("path", v.path() + " is already volume '" + o.name() + "''s path");
        });
        if (v.type() == VolumeType.LOCAL && !deployType.stateful()) {
            throw ValidationException.of("type", "a local volume belongs to one instance, which only stateful"
                    + " components keep: change the deploy type to stateful_single or stateful_multiple first, or"
                    + " use share_file");
        }
    }

    /** A change of deploy type that would strand local volumes is refused. */
    static void deployTypeFits(Tx tx, Component c, DeployType next) {
        if (!next.stateful() && new ComponentSpecRows(tx).volumes(c.id()).stream()
                .anyMatch(v -> v.type() == VolumeType.LOCAL)) {
            throw ValidationException.of("deployType", "component '" + c.name() + "' has local volumes, which need"
                    + " a stateful deploy type: remove them or make them share_file first");
        }
    }

    /**
     * The volumes of an image-check service: a stateful one keeps data per instance, a
     * stateless one shares it; each named after its path ({@code /var/lib/mysql} →
     * {@code var-lib-mysql}), made unique where two paths read alike.
     */
    static List<Volume> ofImage(ImageReport.Service s) {
        List<Volume> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        VolumeType type = s.deployType().stateful() ? VolumeType.LOCAL : VolumeType.SHARE_FILE;
        for (ImageReport.Volume v : s.volumes()) {
            String base = v.path().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            base = base.isEmpty() ? "data" : base.length() > 36 ? base.substring(base.length() - 36)
                    .replaceAll("^-+", "") : base;
            String name = base;
            for (int n = 2; !names.add(name); n++) {
                name = base + "-" + n;
            }
            String path = v.path().length() > 1 ? v.path().replaceAll("/+$", "") : v.path();
            Volume valid;
            try {
                valid = valid(new Volume(name, type, path, null, null));
            } catch (ValidationException e) {
                throw ValidationException.of("services." + s.name() + ".volumes", e.getMessage());
            }
            fits(valid, out, s.deployType());
            out.add(valid);
        }
        return out;
    }
}
