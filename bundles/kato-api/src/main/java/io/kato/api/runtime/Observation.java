package io.kato.api.runtime;

import java.util.List;

/**
 * What a runtime sees of a component.
 *
 * @param known     false when the runtime holds nothing for it
 * @param versionId the version its instances run, or null
 * @param instances each instance's state
 */
public record Observation(boolean known, String versionId, List<Instance> instances) {
    public Observation {
        instances = List.copyOf(instances);
    }

    public static Observation absent() {
        return new Observation(false, null, List.of());
    }

    public long ready() {
        return instances.stream().filter(Instance::ready).count();
    }

    /**
     * One instance: its id, whether it is alive and passes readiness, how often it
     * restarted, and where it listens ({@code host:port}, or null when not reachable directly).
     */
    public record Instance(String id, boolean alive, boolean ready, int restarts, String address) {
        public Instance(String id, boolean alive, boolean ready, int restarts) {
            this(id, alive, ready, restarts, null);
        }
    }
}
