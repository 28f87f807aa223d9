package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentState;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Event;
import io.kato.api.model.Port;
import io.kato.api.model.SourceKind;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Components of a team, with their ports and env vars. Every change to a port or env var
 * moves the component to its next version, so one ETag guards the whole component.
 * Secret env var values are returned masked. Versioning and visibility as in {@link TeamService}.
 */
@ProviderType
public interface ComponentService {
    Page<Component> list(Actor actor, String team, PageRequest page);

    Component get(Actor actor, String team, String component);

    Component create(Actor actor, String team, ComponentDraft draft);

    /**
     * One component per runnable module the source check found (a multi-module tree), in
     * one transaction: all are created or none. Names come from the modules' names; each
     * component's source is the module's folder.
     *
     * @param language a detected language other than the primary one, or null
     */
    List<Component> createFromModules(Actor actor, String team, String checkId, String app, String language);

    /**
     * One component per service of a succeeded image check (all of them, or those named),
     * in one transaction: all are created or none. Each is named after its service and
     * gets its ports, env (secret-looking ones sealed), memory and deploy type from the
     * report, and its image as version 1: an image needs no build.
     *
     * @param services the services to create, or null or empty for all
     */
    List<Component> createFromImages(Actor actor, String team, String imageCheckId, String app,
                                     List<String> services);

    Component update(Actor actor, String team, String component, ComponentChanges changes, Long expectedVersion);

    void delete(Actor actor, String team, String component, Long expectedVersion);

    /**
     * Wants the component running, its newest version on as many instances as it asks
     * for; the reconciler makes it so. Team admins and developers.
     *
     * @throws io.kato.api.ConflictException when it has no version yet: build it first
     */
    Component start(Actor actor, String team, String component);

    /** Wants the component stopped: its instances get SIGTERM, then SIGKILL after a grace period. */
    Component stop(Actor actor, String team, String component);

    /**
     * Replaces every instance with a fresh one of the same version, rolling: a new instance
     * is ready before an old one stops. The component must be running.
     *
     * @return the operation's event; it ends when the rollout has converged, or fails after
     *         the rollout time limit naming the instances that never became ready
     */
    Event restart(Actor actor, String team, String component);

    /**
     * Runs the newest version with the component's current env and ports, rolling as
     * {@link #restart}. On a stopped component it only chooses what the next start runs.
     */
    Event upgrade(Actor actor, String team, String component);

    /** Like {@link #upgrade}, to the version with the given number (1, 2, …) instead of the newest. */
    Event rollback(Actor actor, String team, String component, int versionNumber);

    /** Changes the instance count and/or memory per instance ({@code null} keeps each as it is). */
    Event scale(Actor actor, String team, String component, Integer instances, Integer memoryMb);

    /** The component's health probes (none: the runtime's default readiness, a TCP connect to its port). */
    List<io.kato.api.build.ProbeSpec> probes(Actor actor, String team, String component);

    /**
     * Replaces the component's probes: at most one readiness and one liveness probe. Port 0
     * means the component's first port. They apply from the next start, restart or upgrade.
     *
     * @throws io.kato.api.ValidationException naming the field that is out of bounds
     */
    List<io.kato.api.build.ProbeSpec> setProbes(Actor actor, String team, String component,
                                                List<io.kato.api.build.ProbeSpec> probes);

    /**
     * Starts every component of the application that has a version to run, each an operation
     * with its own event; components without one are listed as skipped, with the reason.
     */
    List<AppOperation> startApp(Actor actor, String team, String app);

    /** Stops every component of the application, each an operation with its own event. */
    List<AppOperation> stopApp(Actor actor, String team, String app);

    /** What an application-level operation did to one component: its event, or why it was skipped. */
    record AppOperation(String component, Event event, String skipped) {
    }

    /**
     * The version the component runs (or runs at its next start), or null when it has none.
     * A component that was never started or upgraded runs its newest version.
     */
    io.kato.api.model.Version deployedVersion(Actor actor, String team, String component);

    /** Its instances as the active runtime sees them now (empty when none runs or no runtime is active). */
    List<io.kato.api.runtime.Observation.Instance> instances(Actor actor, String team, String component);

    /**
     * The last lines (1 to 10 000) of one instance's log, oldest first. Instances are named
     * {@code <component>-<n>}; a stopped instance's log stays readable.
     *
     * @throws io.kato.api.NotFoundException when no such instance name can belong to the component
     */
    default List<String> instanceLog(Actor actor, String team, String component, String instance, int lines) {
        return instanceLog(actor, team, component, instance, null, lines);
    }

    /**
     * The same, of one plugin installed on the component ({@code plugin} names it; null: the
     * instance's own output). Where a runtime keeps a plugin's output apart (a sidecar's log
     * on a cluster), that alone; where plugins write into the instance's log (the local
     * runtime), the instance's log.
     *
     * @throws io.kato.api.NotFoundException also when no plugin of that name is installed on it
     */
    List<String> instanceLog(Actor actor, String team, String component, String instance, String plugin, int lines);

    /** Follows one instance's log from now on, until the returned handle is closed. */
    default AutoCloseable followInstanceLog(Actor actor, String team, String component, String instance,
                                            io.kato.api.runtime.LogSink sink) {
        return followInstanceLog(actor, team, component, instance, null, sink);
    }

    /** Follows one instance's log, or that of one of its plugins (see {@link #instanceLog(Actor, String, String, String, String, int)}). */
    AutoCloseable followInstanceLog(Actor actor, String team, String component, String instance, String plugin,
                                    io.kato.api.runtime.LogSink sink);

    /** The component's lifecycle state now, derived from its desired state, jobs and the active runtime. */
    ComponentState state(Actor actor, String team, String component);

    /** Adds the port, or replaces the one with the same number. */
    Component putPort(Actor actor, String team, String component, Port port, Long expectedVersion);

    Component removePort(Actor actor, String team, String component, int port, Long expectedVersion);

    /** Adds the variable, or replaces the one with the same name. */
    Component putEnv(Actor actor, String team, String component, EnvVar env, Long expectedVersion);

    Component removeEnv(Actor actor, String team, String component, String name, Long expectedVersion);

    /**
     * A new component. {@code app} names an existing application of the team; numbers left
     * {@code null} take their defaults (1 instance, 512 MB, stateless multiple).
     * {@code fromCheck} names a succeeded source check of the team: the component takes its
     * source, its language (the primary one, or {@code language} when given) and, where
     * the draft has none, the detected ports and env vars.
     */
    record ComponentDraft(String name, String app, String displayName, SourceKind sourceKind,
                          Integer instances, Integer memoryMb, DeployType deployType,
                          List<Port> ports, List<EnvVar> env, String fromCheck, String language) {
    }

    /** What to change; {@code null} leaves a field as it is. Ports and env have their own calls. */
    record ComponentChanges(String displayName, Integer instances, Integer memoryMb, DeployType deployType) {
    }
}
