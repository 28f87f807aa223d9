package io.kato.api.build;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of building a source tree into something runnable (maven, npm, dockerfile…).
 * Language bundles register their strategies as OSGi services.
 *
 * <p><b>Selection rule.</b> For a build the core asks, in order of descending
 * {@code service.ranking} (then ascending {@code service.id}), every strategy whose
 * {@link #supports} answers true for the component's detected language; the first one
 * plans the build. A Katofile may name a strategy, which then wins if it supports the tree.
 *
 * <p><b>Threading.</b> Both methods are pure functions of their input: no I/O besides
 * reading the given tree, no state, safe to call concurrently. Running the plan is the
 * runtime's job, not the strategy's.
 *
 * <p><b>Departure.</b> Builds already planned keep their plan; new builds choose again.
 */
@ConsumerType
public interface BuildStrategy {
    /** Stable id ({@code maven}, {@code npm}, {@code dockerfile}). */
    String name();

    /** Whether this strategy can build the tree described by the context. */
    boolean supports(BuildContext context);

    /**
     * The plan to build the tree.
     *
     * @throws BuildPlanException when the tree cannot be built this way, with a message
     *                            saying what is missing
     */
    BuildPlan plan(BuildContext context);
}
