package io.kato.api.runtime;

import io.kato.api.build.BuildPlan;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A workload backend: runs builds, applies a component's desired state, reports what it
 * observes and streams logs.
 *
 * <p><b>Selection rule.</b> Exactly one runtime is active: the one whose {@link #name()}
 * equals the {@code runtime} setting of {@code etc/io.kato.core.cfg} (default
 * {@code local}). Others may be registered and stay idle.
 *
 * <p><b>Contract.</b> {@link #apply} and {@link #remove} are idempotent and called by the
 * core's reconciler, never concurrently for the same component; they converge the
 * backend towards the given state and return without waiting for instances to be ready.
 * {@link #observe} is cheap and never blocks on the workload. {@link #build} blocks the
 * calling job thread until the build ends or is cancelled.
 *
 * <p><b>Departure.</b> When the active runtime goes away, workloads it started keep
 * running as they are (processes are not orphaned on purpose, a cluster keeps its
 * objects); components are reported {@code unknown} until it returns.
 */
@ConsumerType
public interface Runtime {
    /** Stable id ({@code local}, {@code kubernetes}). */
    String name();

    /**
     * Runs a build plan in the given workspace. A runtime that {@link #runsImages runs images}
     * builds the plan's container recipe instead of its steps and returns the image pinned to
     * its digest; a version built so starts with the image's own command (the recipe's), not
     * the plan's start command, which is for processes on a host.
     *
     * @return the stored artifact's location, usable in later {@link Deployment}s
     * @throws RuntimeFailure when a step fails, with the step's name and exit status
     */
    String build(BuildRequest request, BuildPlan plan, LogSink log);

    /** Makes the backend run the deployment (or nothing, when it is stopped). */
    void apply(Deployment deployment);

    /**
     * Stops everything the backend runs for the component, keeping the data of its volumes
     * (a stopped component starts again with them).
     */
    void remove(String componentId);

    /**
     * Removes everything the backend holds for a deleted component, its volumes' data too.
     * Idempotent; the default is {@link #remove}, for runtimes that keep no data.
     */
    default void purge(String componentId) {
        remove(componentId);
    }

    /**
     * Whether {@link #apply} is cheap for a deployment that did not change (the runtime
     * compares it with what it last applied without asking its backend). Such a runtime is
     * handed every running component's deployment on each reconcile pass, so changes that
     * leave version, revision and instances alone (routes, volumes, autoscaling, env) reach
     * it at once. Others get them at the next start, restart or upgrade.
     */
    default boolean appliesEveryPass() {
        return false;
    }

    /** What the backend sees of the component now. */
    Observation observe(String componentId);

    /**
     * Follows the log of one instance: the lines it writes from now on go to the sink, on a
     * thread of the runtime's, until the returned handle is closed. An instance that is
     * restarted keeps its log; one that does not exist (yet) gives nothing until it writes.
     */
    AutoCloseable logs(String componentId, String instance, LogSink sink);

    /** Whether it can work now; cheap, never blocking on what it runs on. Up unless it says otherwise. */
    default RuntimeHealth health() {
        return RuntimeHealth.UP;
    }

    /**
     * Whether it runs components made from container images (their version's artifact is an
     * image reference). A runtime that does not is never asked to: starting such a component
     * is refused with a message naming a runtime that can.
     */
    default boolean runsImages() {
        return false;
    }

    /** The last lines (at most {@code lines}) of one instance's log, oldest first; empty when it has none. */
    default java.util.List<String> logTail(String componentId, String instance, int lines) {
        return java.util.List.of();
    }

    /**
     * Where the team's other components reach one of the component's inner ports: a
     * {@code host:port} that stays the same while its instances come and go (a Service on a
     * cluster; a forwarding port on one machine), known before the component first runs so
     * that its dependents can be given it at their start. Answers from memory or local
     * state, quickly; the same arguments give the same answer until the component is purged.
     *
     * @param componentId the component
     * @param name        its name (a cluster names its Service after it)
     * @param team        its team
     * @param port        the inner port
     * @return null when the runtime has no such address (dependents then get none)
     */
    default String innerAddress(String componentId, String name, String team, int port) {
        return null;
    }

    /**
     * Where the team's components reach a third-party component, when this runtime gives it
     * a name of its own (a Service without selector on a cluster); null when dependents go
     * to its endpoints' addresses directly (the default, and the local runtime's way).
     */
    default String externalAddress(String componentId, String name, String team, int port) {
        return null;
    }

    /**
     * Keeps what stands for a third-party component current with its ready endpoints, for a
     * runtime whose {@link #externalAddress} is not null. Called on every reconcile pass, so
     * quick when nothing changed; what it made goes with {@link #purge} of the component.
     */
    default void applyExternal(ExternalService service) {
    }

    /**
     * Follows the log of one plugin beside the instance ({@code plugin} null: the instance's
     * own, {@link #logs(String, String, LogSink)}). The default is for runtimes whose plugins
     * write into the instance's log: that log.
     */
    default AutoCloseable logs(String componentId, String instance, String plugin, LogSink sink) {
        return logs(componentId, instance, sink);
    }

    /** The last lines of one plugin's log beside the instance; the default as {@link #logs(String, String, String, LogSink)}. */
    default java.util.List<String> logTail(String componentId, String instance, String plugin, int lines) {
        return logTail(componentId, instance, lines);
    }
}
