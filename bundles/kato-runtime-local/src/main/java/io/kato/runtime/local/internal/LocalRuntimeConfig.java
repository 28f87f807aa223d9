package io.kato.runtime.local.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.kato.runtime.local.cfg}: limits of builds on this machine. */
@ObjectClassDefinition(name = "Kato local runtime", description = "Builds with the host's toolchains")
public @interface LocalRuntimeConfig {
    @AttributeDefinition(description = "Longest a build may take, all steps together, in seconds")
    int buildTimeoutSeconds() default 1800;

    @AttributeDefinition(description = "Longest line of build output kept in the log; longer ones are cut")
    int maxLogLine() default 4096;

    @AttributeDefinition(description = "Seconds a stopping instance gets after SIGTERM before SIGKILL")
    int stopGraceSeconds() default 10;

    @AttributeDefinition(description = "Size in MB at which an instance's log is moved aside to <instance>.log.1"
            + " (checked every few seconds; one old file is kept)")
    int maxInstanceLogMegabytes() default 10;

    @AttributeDefinition(description = "Milliseconds an instance leaving the gateway still gets requests' answers"
            + " out before SIGTERM (read at start)")
    long drainMillis() default 1000;
}
