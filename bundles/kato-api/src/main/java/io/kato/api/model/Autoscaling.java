package io.kato.api.model;

/**
 * A component's autoscaling rule: the runtime keeps between {@code minInstances} and
 * {@code maxInstances} instances, adding one when the average use per instance is above
 * {@code target} and removing one when it is well below.
 *
 * @param minInstances at least this many (1 or more)
 * @param maxInstances at most this many
 * @param metric       what is measured
 * @param target       average use per instance to hold: millicores for {@code cpu},
 *                     megabytes for {@code memory}
 */
public record Autoscaling(int minInstances, int maxInstances, Metric metric, int target) {
    /** What an autoscaling rule measures. */
    public enum Metric {
        CPU, MEMORY;

        @Override
        public String toString() {
            return WireEnum.name(this);
        }
    }
}
