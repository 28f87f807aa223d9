package io.kato.api.runtime;

import java.util.List;

/**
 * What a runtime sees of a component.
 *
 * @param known     false when the runtime holds nothing for it
 * @param versionId the version its instances run, or converge to during a rollout; null when unknown
 * @param revision  the deployment revision they run or converge to
 * @param instances each instance's state, those of a rollout's old revision included
 */
public record Observation(boolean known, String versionId, long revision, List<Instance> instances) {
    public Observation {
        instances = List.copyOf(instances);
    }

    /** An observation at revision 0. */
    public Observation(boolean known, String versionId, List<Instance> instances) {
        this(known, versionId, 0, instances);
    }

    public static Observation absent() {
        return new Observation(false, null, List.of());
    }

    public long ready() {
        return instances.stream().filter(Instance::ready).count();
    }

    /** True while instances of another version or revision than the target still run (a rollout). */
    public boolean rollingOut() {
        return instances.stream().anyMatch(i -> i.versionId() != null
                && (!i.versionId().equals(versionId) || i.revision() != revision));
    }

    /**
     * One instance.
     *
     * @param id        stable while it lives
     * @param alive     its process (or pod) runs
     * @param ready     it passes readiness: the gateway may send it requests
     * @param restarts  how often it was restarted after exiting or failing liveness
     * @param address   {@code host:port} where it listens, or null when not reachable directly
     * @param versionId the version it runs (null when the runtime does not say)
     * @param revision  the deployment revision it belongs to
     * @param message   why it is not alive or not ready (the last exit status and log lines, a
     *                  failing probe), or null
     */
    public record Instance(String id, boolean alive, boolean ready, int restarts, String address, String versionId,
                           long revision, String message) {
        public Instance(String id, boolean alive, boolean ready, int restarts) {
            this(id, alive, ready, restarts, null);
        }

        public Instance(String id, boolean alive, boolean ready, int restarts, String address) {
            this(id, alive, ready, restarts, address, null, 0, null);
        }
    }
}
