package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.build.ProbeSpec;
import io.kato.api.model.App;
import io.kato.api.model.Build;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentSource;
import io.kato.api.model.ComponentState;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Port;
import io.kato.api.model.Registration;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Team;
import io.kato.api.model.Version;
import io.kato.api.model.Volume;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.api.service.ComponentService;
import io.kato.image.ImageReference;
import io.kato.store.BuildRows;
import io.kato.store.ComponentRows;
import io.kato.store.ComponentSpecRows;
import io.kato.store.EventRows;
import io.kato.store.ImageCheckRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceCardinality;

@org.osgi.service.component.annotations.Component(service = {ComponentService.class, ComponentServiceImpl.class})
public class ComponentServiceImpl extends ServiceSupport implements ComponentService {
    static final int DEFAULT_MEMORY_MB = 512;
    /** The operations that give new instances their dependencies' connection information as it is now. */
    private static final java.util.Set<String> DELIVERS_CONNECTIONS = java.util.Set.of("start", "restart", "upgrade",
            "rollback");
    private final Secrets secrets;
    private final Runtimes runtimes;
    private final ConnectionInfo connections;

    private volatile Reconciler reconciler;

    @Activate
    public ComponentServiceImpl(@Reference Store store, @Reference Secrets secrets, @Reference Runtimes runtimes) {
        this(store, secrets, runtimes, Clock.systemUTC());
    }

    ComponentServiceImpl(Store store, Secrets secrets, Runtimes runtimes, Clock clock) {
        super(store, clock);
        this.secrets = secrets;
        this.runtimes = runtimes;
        this.connections = new ConnectionInfo(secrets, runtimes);
    }

    @Override
    public ComponentState state(Actor actor, String team, String component) {
        Component c = get(actor, team, component);
        if (c.sourceKind() == SourceKind.THIRD_PARTY) { // outside: its endpoints tell
            String status = Registration.status(tx(tx -> new io.kato.store.ThirdPartyRows(tx).endpoints(c.id())
                    .stream().map(ThirdPartyServiceImpl::shown).toList()));
            return status.equals(Registration.RUNNING) ? ComponentState.RUNNING
                    : status.equals(Registration.ABNORMAL) ? ComponentState.ABNORMAL : ComponentState.CLOSED;
        }
        record Latest(boolean hasVersion, String status, boolean building) {
        }
        Latest builds = tx(tx -> {
            BuildRows rows = new BuildRows(tx);
            Optional<BuildRows.Build> latest = rows.latestBuild(c.id());
            boolean building = latest.map(b -> BuildServiceImpl.inProgress(tx, c.teamId(), b)).orElse(false);
            return new Latest(rows.countVersions(c.id()) > 0,
                    latest.flatMap(b -> rows.build(b.id())).map(BuildRows.Build::status).orElse(null), building);
        });
        boolean building = builds.building();
        Observation seen = runtimes.forTeamAndUp(c.teamId()).map(r -> r.observe(c.id())).orElse(null);
        return ComponentStates.derive(new ComponentStates.Facts(c.desiredRunning(), c.instances(), builds.hasVersion(),
                Build.FAILED.equals(builds.status()),
                building ? ComponentStates.Operation.BUILDING : ComponentStates.Operation.NONE, seen));
    }

    @Override
    public Page<Component> list(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            ComponentRows rows = new ComponentRows(tx);
            return new Page<>(rows.list(t.id(), page.offset(), page.limit()), page.offset(), page.limit(),
                    rows.count(t.id())).map(Component::masked);
        });
    }

    @Override
    public Component get(Actor actor, String team, String component) {
        return tx(tx -> find(tx, Access.team(tx, actor, team, Access.Need.READ), component)).masked();
    }

    @Override
    public Component create(Actor actor, String team, ComponentDraft draft) {
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"api\", \"app\": \"shop\"}");
        }
        String name = Names.dnsLabel("name", draft.name());
        if (draft.app() == null || draft.app().isBlank()) {
            throw ValidationException.of("app", "is required: the name of the application the component belongs to");
        }
        if (draft.sourceKind() == SourceKind.THIRD_PARTY) {
            throw ValidationException.of("sourceKind", "third-party components are registered with POST"
                    + " /api/v1/teams/{team}/third-party-components (or kato:third-party-create), with their method");
        }
        List<Port> ports = ComponentSpecs.ports(draft.ports(), name);
        List<EnvVar> env = ComponentSpecs.envs(draft.env());
        int instances = ComponentSpecs.instances("instances", draft.instances(), 1);
        int memory = ComponentSpecs.memory("memoryMb", draft.memoryMb(), DEFAULT_MEMORY_MB);
        String taken = "Component '" + name + "' already exists in team '" + team + "': choose another name";
        return routing(tx(() -> taken, tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App app = AppServiceImpl.find(tx, t, draft.app());
            ComponentRows rows = new ComponentRows(tx);
            if (rows.byName(t.id(), name).isPresent()) {
                throw new ConflictException(taken);
            }
            FromCheck origin = draft.fromCheck() == null ? null
                    : FromCheck.of(tx, t, draft.fromCheck(), draft.language(), name);
            return insert(tx, actor, t, app, name, Names.text("displayName", draft.displayName(), 200, name),
                    origin != null ? SourceKind.SOURCE
                            : draft.sourceKind() == null ? SourceKind.SOURCE : draft.sourceKind(),
                    origin, instances, memory,
                    draft.deployType() == null ? DeployType.STATELESS_MULTIPLE : draft.deployType(),
                    ports.isEmpty() && origin != null ? origin.ports() : ports,
                    env.isEmpty() && origin != null ? origin.env() : env);
        }).masked());
    }

    @Override
    public List<Component> createFromModules(Actor actor, String team, String checkId, String app, String language) {
        if (app == null || app.isBlank()) {
            throw ValidationException.of("app", "is required: the application the components belong to");
        }
        return routing(tx(() -> "A component with one of the modules' names already exists in team '" + team + "'",
                tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App a = AppServiceImpl.find(tx, t, app);
            List<Component> created = new ArrayList<>();
            for (var module : FromCheck.modules(tx, t, checkId, language).entrySet()) {
                if (new ComponentRows(tx).byName(t.id(), module.getKey()).isPresent()) {
                    throw new ConflictException("Component '" + module.getKey() + "' already exists in team '" + team
                            + "': rename or delete it, then create the modules' components again");
                }
                FromCheck origin = module.getValue();
                created.add(insert(tx, actor, t, a, module.getKey(), module.getKey(), SourceKind.SOURCE,
                        origin, 1, DEFAULT_MEMORY_MB, DeployType.STATELESS_MULTIPLE, origin.ports(), origin.env())
                        .masked());
            }
            return created;
        }));
    }

    @Override
    public List<Component> createFromImages(Actor actor, String team, String imageCheckId, String app,
                                            List<String> services) {
        if (app == null || app.isBlank()) {
            throw ValidationException.of("app", "is required: the application the components belong to");
        }
        return routing(tx(() -> "A component with one of the services' names already exists in team '" + team + "'",
                tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App a = AppServiceImpl.find(tx, t, app);
            ImageCheckRows.Row check = ImageCheckServiceImpl.find(tx, t, imageCheckId);
            ImageReport report = ImageCheckServiceImpl.storedReport(check);
            if (report == null) {
                throw new ConflictException("Image check " + imageCheckId + " is " + check.status() + ": create"
                        + " components from a succeeded check");
            }
            List<String> all = report.services().stream().map(ImageReport.Service::name).toList();
            List<String> wanted = services == null || services.isEmpty() ? all : services;
            for (String w : wanted) {
                if (!all.contains(w)) {
                    throw ValidationException.of("services", "image check " + imageCheckId + " has no service '" + w
                            + "' (it has " + all + ")");
                }
            }
            List<Component> created = new ArrayList<>();
            BuildRows versions = new BuildRows(tx);
            for (ImageReport.Service s : report.services()) {
                if (!wanted.contains(s.name())) {
                    continue;
                }
                if (new ComponentRows(tx).byName(t.id(), s.name()).isPresent()) {
                    throw new ConflictException("Component '" + s.name() + "' already exists in team '" + team
                            + "': rename or delete it, or create only the other services");
                }
                // the report keeps secret values sealed; insert seals what it is given
                List<EnvVar> env = ComponentSpecs.envs(s.env().stream().map(e -> new EnvVar(e.name(),
                        secrets.open(e), e.scope(), e.secret())).toList());
                ImageReference ref = ImageReference.parse(s.image());
                FromCheck origin = new FromCheck(new ComponentSource("image", s.image(), null, null, check.id()), null,
                        ComponentSpecs.ports(s.ports(), s.name()), env);
                Component c = insert(tx, actor, t, a, s.name(), s.name(), SourceKind.IMAGE, origin, 1,
                        ComponentSpecs.memory("memoryMb", s.memoryMb(), DEFAULT_MEMORY_MB), s.deployType(),
                        origin.ports(), env);
                ComponentSpecRows spec = new ComponentSpecRows(tx);
                for (Volume v : VolumeServiceImpl.ofImage(s)) {
                    spec.putVolume(c.id(), v, now());
                }
                String start;
                try {
                    start = SourceCheckServiceImpl.JSON.writeValueAsString(s.command());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                // an image needs no build: it is version 1 as it is, pinned to the digest that was read
                versions.insertVersion(new BuildRows.VersionRow(Rows.newId(), c.id(), 1, check.id(), "image",
                        s.image(), start, s.digest().substring(s.digest().indexOf(':') + 1), ref.tag(), actor.name(),
                        "image " + s.image(), now()));
                created.add(c.masked());
            }
            // links and depends_on between the services become dependencies, on the services made now or before
            ComponentRows rows = new ComponentRows(tx);
            for (ImageReport.Service s : report.services()) {
                if (!wanted.contains(s.name())) {
                    continue;
                }
                Component c = rows.byName(t.id(), s.name()).orElseThrow();
                for (String needed : s.dependsOn()) {
                    Optional<Component> d = rows.byName(t.id(), needed);
                    if (d.isEmpty()) {
                        continue; // a service left out of this creation: add the dependency once it exists
                    }
                    Optional<String> cycle = DependencyServiceImpl.cycle(tx, t.id(), c, d.get());
                    if (cycle.isPresent()) {
                        throw ValidationException.of("services", "the services' depends_on close a cycle: "
                                + cycle.get());
                    }
                    new io.kato.store.DependencyRows(tx).add(c.id(), d.get().id(), now());
                }
            }
            return created;
        }));
    }

    /** A third-party component: one inner port, nothing to build or run; the caller holds the transaction. */
    Component insertThirdParty(Tx tx, Actor actor, Team t, App app, String name, String displayName, Port port) {
        return insert(tx, actor, t, app, name, displayName, SourceKind.THIRD_PARTY, null, 1, DEFAULT_MEMORY_MB,
                DeployType.STATELESS_MULTIPLE, List.of(port), List.of());
    }

    /** Writes a new component (secrets sealed) and its record; the caller holds the transaction. */
    private Component insert(Tx tx, Actor actor, Team t, App app, String name, String displayName, SourceKind kind,
                             FromCheck origin, int instances, int memory, DeployType deployType, List<Port> ports,
                             List<EnvVar> env) {
        String label = GatewayRoutes.defaultLabel(name, t.name());
        GatewayRuleServiceImpl.defaultDomainOwner(tx, label, t.id()).ifPresent(owner -> {
            throw new ConflictException("Component '" + name + "' of team '" + t.name() + "' would share its default"
                    + " domain (" + label + ".<base domain>) with " + owner + ": choose another name");
        });
        Instant now = now();
        Component c = new Component(Rows.newId(), t.id(), app.id(), app.name(), name, displayName, kind,
                origin == null ? null : origin.language(), origin == null ? null : origin.source(), instances, memory,
                deployType, false, ports, env.stream().map(secrets::seal).toList(), 1, now, now);
        new ComponentRows(tx).insert(c);
        record(tx, actor, t.id(), "create", "component", name, null, c.masked());
        return c;
    }

    @Override
    public Component update(Actor actor, String team, String component, ComponentChanges changes, Long expectedVersion) {
        if (changes == null) {
            throw ValidationException.of("body", "is required: the fields to change");
        }
        return change(actor, team, component, expectedVersion, "update", c -> new Component(c.id(), c.teamId(),
                c.appId(), c.appName(), c.name(), Names.text("displayName", changes.displayName(), 200, c.displayName()),
                c.sourceKind(), c.language(), c.source(),
                ComponentSpecs.instances("instances", changes.instances(), c.instances()),
                ComponentSpecs.memory("memoryMb", changes.memoryMb(), c.memoryMb()),
                changes.deployType() == null ? c.deployType() : changes.deployType(), c.desiredRunning(), c.ports(),
                c.env(), c.version(), c.createdAt(), c.updatedAt()));
    }

    @Override
    public void delete(Actor actor, String team, String component, Long expectedVersion) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component current = find(tx, t, component);
            expectVersion("Component '" + component + "'", expectedVersion, current.version());
            if (current.desiredRunning()) {
                throw new ConflictException("Component '" + component + "' is running: stop it first, then delete it");
            }
            List<String> dependents = new io.kato.store.DependencyRows(tx).dependents(current.id()).stream()
                    .map(id -> new ComponentRows(tx).byId(id).map(Component::name).orElse(id)).sorted().toList();
            if (!dependents.isEmpty()) {
                throw new ConflictException("Component '" + component + "' is a dependency of " + dependents
                        + ": remove those dependencies first");
            }
            List<String> rules = GatewayRuleServiceImpl.rulesUsing(tx, t.id(), current.name());
            if (!rules.isEmpty()) {
                throw new ConflictException("Component '" + component + "' is a backend of gateway rule(s) " + rules
                        + ": delete or change them first");
            }
            if (!new ComponentRows(tx).delete(current.id(), current.version())) {
                throw lostRace("Component '" + component + "'");
            }
            record(tx, actor, t.id(), "delete", "component", component, current.masked(), null);
            return null;
        });
    }

    @Override
    public Component putPort(Actor actor, String team, String component, Port port, Long expectedVersion) {
        Port valid = ComponentSpecs.port("port", port, component == null ? "port" : component);
        return routing(change(actor, team, component, expectedVersion, "put-port", c -> {
            List<Port> ports = new ArrayList<>(c.ports().stream().filter(p -> p.port() != valid.port()).toList());
            ports.add(valid);
            ports.sort(Comparator.comparingInt(Port::port));
            return c.withPortsAndEnv(ports, c.env());
        }));
    }

    @Override
    public Component removePort(Actor actor, String team, String component, int port, Long expectedVersion) {
        return routing(change(actor, team, component, expectedVersion, "remove-port", c -> {
            if (c.ports().stream().noneMatch(p -> p.port() == port)) {
                throw new NotFoundException("Component '" + component + "' has no port " + port);
            }
            return c.withPortsAndEnv(c.ports().stream().filter(p -> p.port() != port).toList(), c.env());
        }));
    }

    @Override
    public Component putEnv(Actor actor, String team, String component, EnvVar env, Long expectedVersion) {
        EnvVar sealed = secrets.seal(ComponentSpecs.env("env", env));
        return change(actor, team, component, expectedVersion, "put-env", c -> {
            List<EnvVar> vars = new ArrayList<>(c.env().stream().filter(e -> !e.name().equals(sealed.name())).toList());
            vars.add(sealed);
            vars.sort(Comparator.comparing(EnvVar::name));
            return c.withPortsAndEnv(c.ports(), vars);
        });
    }

    @Override
    public Component removeEnv(Actor actor, String team, String component, String name, Long expectedVersion) {
        return change(actor, team, component, expectedVersion, "remove-env", c -> {
            if (c.env().stream().noneMatch(e -> e.name().equals(name))) {
                throw new NotFoundException("Component '" + component + "' has no env var '" + name + "'");
            }
            return c.withPortsAndEnv(c.ports(), c.env().stream().filter(e -> !e.name().equals(name)).toList());
        });
    }

    /** Read, check the expected version, apply the change, compare-and-set, record: one transaction. */
    private Component change(Actor actor, String team, String component, Long expectedVersion, String operation,
                             UnaryOperator<Component> edit) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component current = find(tx, t, component);
            expectVersion("Component '" + component + "'", expectedVersion, current.version());
            Component next = edit.apply(current).atVersion(current.version() + 1, now());
            if (next.sourceKind() == SourceKind.THIRD_PARTY && next.ports().size() != 1) {
                throw ValidationException.of("ports", "a third-party component has exactly one port (this would leave"
                        + " it " + next.ports().size() + "), fixed when it is registered: change its protocol or alias"
                        + " with PUT …/ports/" + current.ports().get(0).port() + ", or register the service anew"
                        + " for another port");
            }
            if (next.deployType() != current.deployType()) {
                VolumeServiceImpl.deployTypeFits(tx, current, next.deployType());
            }
            if (!new ComponentRows(tx).update(next, current.version())) {
                throw lostRace("Component '" + component + "'");
            }
            record(tx, actor, t.id(), operation, "component", component, current.masked(), next.masked());
            return next;
        }).masked();
    }

    @Override
    public Component start(Actor actor, String team, String component) {
        return starting(actor, team, component).component();
    }

    @Override
    public List<ProbeSpec> probes(Actor actor, String team, String component) {
        return tx(tx -> readProbes(new ComponentRows(tx).probes(find(tx, Access.team(tx, actor, team,
                Access.Need.READ), component).id())));
    }

    @Override
    public List<ProbeSpec> setProbes(Actor actor, String team, String component, List<ProbeSpec> probes) {
        List<ProbeSpec> valid = validProbes(probes);
        String json;
        try {
            json = SourceCheckServiceImpl.JSON.writeValueAsString(valid);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = find(tx, t, component);
            ComponentRows rows = new ComponentRows(tx);
            List<ProbeSpec> before = readProbes(rows.probes(c.id()));
            rows.putProbes(c.id(), json, now());
            audit(tx, actor, t.id(), "set-probes", "component/" + c.name(), before, valid);
            return valid;
        });
    }

    static List<ProbeSpec> readProbes(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(SourceCheckServiceImpl.JSON.readValue(json, ProbeSpec[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored probes are unreadable", e);
        }
    }

    /** At most one probe per purpose, every number in bounds, a target where the kind needs one. */
    private static List<ProbeSpec> validProbes(List<ProbeSpec> probes) {
        if (probes == null) {
            throw ValidationException.of("body", "is required: a list of probes, [] for none, e.g. [{\"purpose\":"
                    + " \"readiness\", \"kind\": \"http\", \"target\": \"/health\", \"periodSeconds\": 5, ...}]");
        }
        List<ProbeSpec> valid = new ArrayList<>();
        java.util.Set<ProbeSpec.Purpose> seen = java.util.EnumSet.noneOf(ProbeSpec.Purpose.class);
        for (int i = 0; i < probes.size(); i++) {
            ProbeSpec p = probes.get(i);
            String at = "probes[" + i + "]";
            if (p == null || p.purpose() == null || p.kind() == null) {
                throw ValidationException.of(at, "needs a purpose (readiness, liveness) and a kind (tcp, http, cmd)");
            }
            if (!seen.add(p.purpose())) {
                throw ValidationException.of(at, "one " + p.purpose() + " probe per component");
            }
            String target = p.target() == null ? null : p.target().strip();
            if (p.kind() == ProbeSpec.Kind.HTTP && (target == null || !target.startsWith("/") || target.length() > 1000
                    || target.chars().anyMatch(c -> c <= 0x20 || c == 0x7f))) {
                throw ValidationException.of(at + ".target", "an http probe needs a path like /health");
            }
            if (p.kind() == ProbeSpec.Kind.CMD && (target == null || target.isEmpty() || target.length() > 1000)) {
                throw ValidationException.of(at + ".target", "a cmd probe needs a command line (at most 1000 characters)");
            }
            bound(at + ".port", p.port(), 0, 65535);
            bound(at + ".delaySeconds", p.delaySeconds(), 0, 3600);
            bound(at + ".periodSeconds", p.periodSeconds(), 1, 3600);
            bound(at + ".timeoutSeconds", p.timeoutSeconds(), 1, 600);
            bound(at + ".successThreshold", p.successThreshold(), 1, p.purpose() == ProbeSpec.Purpose.LIVENESS ? 1 : 10);
            bound(at + ".failureThreshold", p.failureThreshold(), 1, 100);
            valid.add(new ProbeSpec(p.purpose(), p.kind(), p.port(), p.kind() == ProbeSpec.Kind.TCP ? null : target,
                    p.delaySeconds(), p.periodSeconds(), p.timeoutSeconds(), p.successThreshold(),
                    p.failureThreshold()));
        }
        return valid;
    }

    static void bound(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ValidationException.of(field, "must be between " + min + " and " + max + " (is " + value + ")");
        }
    }

    @Override
    public List<AppOperation> startApp(Actor actor, String team, String app) {
        List<AppOperation> done = new ArrayList<>();
        for (Component c : appComponents(actor, team, app)) {
            try {
                done.add(new AppOperation(c.name(), starting(actor, team, c.name()).event(), null));
            } catch (ConflictException e) {
                done.add(new AppOperation(c.name(), null, e.getMessage())); // not built yet: the others still start
            }
        }
        return done;
    }

    @Override
    public List<AppOperation> stopApp(Actor actor, String team, String app) {
        return appComponents(actor, team, app).stream().map(c -> new AppOperation(c.name(),
                stopping(actor, team, c.name()).event(), null)).toList();
    }

    /** The application's components, checked for write access first (an unknown app is a 404). */
    private List<Component> appComponents(Actor actor, String team, String app) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App a = AppServiceImpl.find(tx, t, app);
            ComponentRows rows = new ComponentRows(tx);
            List<Component> all = new ArrayList<>();
            for (int offset = 0; ; offset += 500) {
                List<Component> page = rows.list(t.id(), offset, 500);
                page.stream().filter(c -> c.appId().equals(a.id())).forEach(all::add);
                if (page.size() < 500) {
                    return all;
                }
            }
        });
    }

    Outcome starting(Actor actor, String team, String component) {
        return operate(actor, team, component, "start", (c, builds) -> {
            runsHere(c);
            BuildRows.VersionRow v = release(c, builds, component);
            if (c.desiredRunning()) {
                return Change.done("Component '" + component + "' is already running (version " + v.number() + ")");
            }
            return Change.rollout(c.running(true), "Starting version " + v.number() + " on " + c.instances()
                    + " instance(s)");
        });
    }

    /** An image component needs a runtime that runs images; the local one runs processes built from source. */
    private void runsHere(Component c) {
        if (c.sourceKind() == SourceKind.THIRD_PARTY) {
            throw new ConflictException("Component '" + c.name() + "' is a third-party component: it runs outside the"
                    + " platform, so there is nothing to start or stop; its endpoints are in GET …/registration");
        }
        if (c.sourceKind() == SourceKind.IMAGE && !runtimes.forTeam(c.teamId()).map(Runtime::runsImages)
                .orElse(false)) {
            throw new ConflictException("Component '" + c.name() + "' runs the container image " + c.source().url()
                    + ", and its team's runtime '" + runtimes.nameFor(c.teamId()) + "' does not run images (the local"
                    + " runtime runs processes built from source): run it on the kubernetes runtime (the team's"
                    + " runtime, or runtime = kubernetes in etc/io.kato.core.cfg, with a cluster configured)");
        }
    }

    @Override
    public Component stop(Actor actor, String team, String component) {
        return stopping(actor, team, component).component();
    }

    private Outcome stopping(Actor actor, String team, String component) {
        return operate(actor, team, component, "stop", (c, builds) -> c.desiredRunning()
                ? Change.rollout(c.running(false), "Stopping its instances: SIGTERM, then SIGKILL after the grace period")
                : Change.done("Component '" + component + "' is already stopped"));
    }

    @Override
    public Event restart(Actor actor, String team, String component) {
        return operate(actor, team, component, "restart", (c, builds) -> {
            if (!c.desiredRunning()) {
                throw new ConflictException("Component '" + component + "' is not running: start it instead");
            }
            BuildRows.VersionRow v = release(c, builds, component);
            bump(c, builds, v);
            return Change.rollout(null, "Restarting version " + v.number() + ", one instance at a time");
        }).event();
    }

    @Override
    public Event upgrade(Actor actor, String team, String component) {
        return operate(actor, team, component, "upgrade", (c, builds) -> deploy(c, builds, newest(c, builds,
                component), "Upgrading to")).event();
    }

    @Override
    public Event rollback(Actor actor, String team, String component, int versionNumber) {
        return operate(actor, team, component, "rollback", (c, builds) -> {
            release(c, builds, component);
            BuildRows.VersionRow v = builds.version(c.id(), versionNumber).orElseThrow(() -> new NotFoundException(
                    "Component '" + component + "' has no version " + versionNumber + ": list its versions with GET"
                            + " .../components/" + component + "/versions"));
            return deploy(c, builds, v, "Rolling back to");
        }).event();
    }

    @Override
    public Event scale(Actor actor, String team, String component, Integer instances, Integer memoryMb) {
        if (instances == null && memoryMb == null) {
            throw ValidationException.of("instances", "give instances and/or memoryMb: {\"instances\": 3}");
        }
        return operate(actor, team, component, "scale", (c, builds) -> {
            int count = ComponentSpecs.instances("instances", instances, c.instances());
            int memory = ComponentSpecs.memory("memoryMb", memoryMb, c.memoryMb());
            Component next = c.scaled(count, memory);
            String what = "Scaling to " + count + " instance(s) of " + memory + " MB";
            if (!c.desiredRunning()) {
                return new Change(next, what + " at the next start", true);
            }
            if (memory != c.memoryMb() && builds.countVersions(c.id()) > 0) {
                bump(c, builds, release(c, builds, component)); // new limits need new instances, rolling
            }
            return Change.rollout(next, what);
        }).event();
    }

    @Override
    public Version deployedVersion(Actor actor, String team, String component) {
        return tx(tx -> {
            Component c = find(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            return new BuildRows(tx).runnable(c.id()).map(BuildServiceImpl::version).orElse(null);
        });
    }

    /** Runs the version from now on (a new revision), rolling when the component runs. */
    private Change deploy(Component c, BuildRows builds, BuildRows.VersionRow v, String verb) {
        bump(c, builds, v);
        if (!c.desiredRunning()) {
            return Change.done("Version " + v.number() + " will run at the next start");
        }
        return Change.rollout(null, verb + " version " + v.number() + ", one instance at a time");
    }

    private void bump(Component c, BuildRows builds, BuildRows.VersionRow v) {
        long revision = builds.release(c.id()).map(BuildRows.Release::revision).orElse(0L) + 1;
        builds.putRelease(new BuildRows.Release(c.id(), v.id(), revision, now()));
    }

    private static BuildRows.VersionRow newest(Component c, BuildRows builds, String component) {
        return builds.versions(c.id(), 0, 1).stream().findFirst().orElseThrow(() -> new ConflictException(
                "Component '" + component + "' has no version to run yet: build it first (POST .../components/"
                        + component + "/build, or kato:build)"));
    }

    /** The released version; the newest one becomes the release when there is none yet. */
    private BuildRows.VersionRow release(Component c, BuildRows builds, String component) {
        Optional<BuildRows.VersionRow> released = builds.release(c.id()).flatMap(r -> builds.versionById(r.versionId()));
        if (released.isPresent()) {
            return released.get();
        }
        BuildRows.VersionRow v = newest(c, builds, component);
        builds.putRelease(new BuildRows.Release(c.id(), v.id(), 0, now()));
        return v;
    }

    /** What an operation does to the component (null: nothing) and whether it is done at once. */
    private record Change(Component next, String message, boolean done) {
        static Change done(String message) {
            return new Change(null, message, true);
        }

        static Change rollout(Component next, String message) {
            return new Change(next, message, false);
        }
    }

    record Outcome(Component component, Event event) {
    }

    @FunctionalInterface
    private interface Operation {
        Change apply(Component current, BuildRows builds);
    }

    /**
     * One lifecycle operation in one transaction, serialised per component by a row lock:
     * the change, its audit record and its event, which stays running until the runtime has
     * converged ({@link Rollouts}) unless the operation is done at once.
     */
    private Outcome operate(Actor actor, String team, String component, String operation, Operation op) {
        Outcome out = tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            ComponentRows rows = new ComponentRows(tx);
            rows.lock(find(tx, t, component).id());
            Component c = find(tx, t, component);
            Change change = op.apply(c, new BuildRows(tx));
            if (!change.done() && DELIVERS_CONNECTIONS.contains(operation)) {
                connections.deliver(tx, c, now()); // its new instances get what its dependencies offer now
            }
            Component after = c;
            if (change.next() != null) {
                after = change.next().atVersion(c.version() + 1, now());
                if (!rows.update(after, c.version())) {
                    throw lostRace("Component '" + component + "'");
                }
            }
            Instant at = now();
            Event e = new Event(Rows.newId(), t.id(), "component", c.name(), operation, actor.name(),
                    change.done() ? EventStatus.SUCCEEDED : EventStatus.RUNNING, change.message(), at,
                    change.done() ? at : null);
            EventRows events = new EventRows(tx);
            events.insert(e);
            events.appendLog(e.id(), at + " " + change.message() + "\n");
            audit(tx, actor, t.id(), operation, "component/" + c.name(), c.masked(), after.masked());
            return new Outcome(after.masked(), e);
        });
        nudge();
        return out;
    }

    @Override
    public List<Observation.Instance> instances(Actor actor, String team, String component) {
        Component c = get(actor, team, component);
        return runtimes.forTeam(c.teamId()).map(r -> r.observe(c.id()).instances()).orElse(List.of());
    }

    @Override
    public List<String> instanceLog(Actor actor, String team, String component, String instance, String plugin,
                                    int lines) {
        if (lines < 1 || lines > 10_000) {
            throw ValidationException.of("lines", "must be between 1 and 10000");
        }
        Component c = instanceOf(actor, team, component, instance);
        return runtimeOf(c).logTail(c.id(), instance, installed(c, plugin), lines);
    }

    @Override
    public AutoCloseable followInstanceLog(Actor actor, String team, String component, String instance,
                                           String plugin, io.kato.api.runtime.LogSink sink) {
        Component c = instanceOf(actor, team, component, instance);
        return runtimeOf(c).logs(c.id(), instance, installed(c, plugin), sink);
    }

    /** The plugin's name when it is installed on the component (null stays null: the instance's own log). */
    private String installed(Component c, String plugin) {
        if (plugin == null || plugin.isBlank()) {
            return null;
        }
        boolean there = tx(tx -> new io.kato.store.PluginRows(tx).byName(c.teamId(), plugin).map(p -> new
                io.kato.store.PluginRows(tx).installs(c.id()).stream().anyMatch(i -> i.pluginId().equals(p.id())))
                .orElse(false));
        if (!there) {
            throw new NotFoundException("No plugin '" + plugin + "' is installed on '" + c.name() + "': see GET"
                    + " …/components/" + c.name() + "/plugins");
        }
        return plugin;
    }

    /** The component, when the instance name can be one of its instances ({@code <component>-<n>}). */
    private Component instanceOf(Actor actor, String team, String component, String instance) {
        Component c = get(actor, team, component);
        // the local runtime's names (kept for an instance that stopped: its log stays), or one
        // the runtime shows now (a pod's); never a free-form name, which a runtime may use in a path
        boolean named = instance != null && (instance.matches(java.util.regex.Pattern.quote(c.name()) + "-[0-9]{1,9}")
                || runtimes.forTeam(c.teamId()).map(r -> r.observe(c.id()).instances().stream()
                        .anyMatch(i -> i.id().equals(instance))).orElse(false));
        if (!named) {
            throw new NotFoundException("Component '" + component + "' has no instance '" + instance + "': see its"
                    + " runningInstances for their names");
        }
        return c;
    }

    private io.kato.api.runtime.Runtime runtimeOf(Component c) {
        return runtimes.forTeam(c.teamId()).orElseThrow(() -> new ConflictException("No runtime '"
                + runtimes.nameFor(c.teamId()) + "' is installed: install its bundle, or choose another runtime for"
                + " the team (or in etc/io.kato.core.cfg)"));
    }

    /** The reconciler acts on the change now rather than at its next pass. */
    private void nudge() {
        Reconciler r = reconciler;
        if (r != null) {
            r.soon();
        }
    }

    /** Components or their ports changed: the gateway's table is told, rather than waiting for its next read. */
    private <T> T routing(T result) {
        GatewayRoutes r = routes;
        if (r != null) {
            r.changed();
        }
        return result;
    }

    private volatile GatewayRoutes routes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRoutes(GatewayRoutes r) {
        routes = r;
    }

    void unbindRoutes(GatewayRoutes r) {
        if (routes == r) {
            routes = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReconciler(Reconciler r) {
        reconciler = r;
    }

    void unbindReconciler(Reconciler r) {
        if (reconciler == r) {
            reconciler = null;
        }
    }

    static Component find(Tx tx, Team team, String component) {
        return new ComponentRows(tx).byName(team.id(), component == null ? "" : component)
                .orElseThrow(() -> new NotFoundException("Component '" + component + "' does not exist in team '"
                        + team.name() + "'"));
    }
}
