package io.kato.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.kato.core.cfg}: the orchestration settings. */
@ObjectClassDefinition(name = "Kato core", description = "Jobs, reconciler and runtime selection")
public @interface CoreConfig {
    @AttributeDefinition(description = "Name of the active runtime (local or kubernetes)")
    String runtime() default "local";

    @AttributeDefinition(description = "How many jobs this node runs at once")
    int workers() default 2;

    @AttributeDefinition(description = "How often idle workers look for queued jobs, in milliseconds")
    int jobPollMillis() default 500;

    @AttributeDefinition(description = "How long a job lease lasts without a heartbeat, in seconds")
    int jobLeaseSeconds() default 60;

    @AttributeDefinition(description = "How often the reconciler compares desired and observed state, in seconds")
    int reconcileSeconds() default 10;

    @AttributeDefinition(description = "How long a start, restart, upgrade, rollback or scale may take to converge"
            + " before its event fails, in seconds")
    int rolloutTimeoutSeconds() default 300;

    @AttributeDefinition(description = "How long a starting component waits for its dependencies to be ready before"
            + " it starts anyway, in seconds")
    int dependencyWaitSeconds() default 120;

    @AttributeDefinition(description = "Where plugins reach Kato's discovery endpoint: this server's API base URL"
            + " as the plugins' network sees it (on a cluster, an address its pods can reach)")
    String discoveryUrl() default "http://127.0.0.1:8181/api/v1/discovery";
}
