package io.kato.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.kato.source.cfg}: what source checks may fetch, and how much. */
@ObjectClassDefinition(name = "Kato source", description = "Limits and safety of source fetches")
public @interface SourceConfig {
    @AttributeDefinition(description = "Allow hosts that resolve to private or loopback addresses")
    boolean allowPrivateNetworks() default false;

    @AttributeDefinition(description = "Allow file:// URLs and local paths (admins' own repositories)")
    boolean allowFileUrls() default false;

    @AttributeDefinition(description = "Longest a fetch may take, in seconds")
    int timeoutSeconds() default 300;

    @AttributeDefinition(description = "Most bytes a fetched tree may hold")
    long maxBytes() default 2_147_483_648L;

    @AttributeDefinition(description = "Most files a fetched tree may hold (and the index covers)")
    int maxFiles() default 200_000;

    @AttributeDefinition(description = "Hours after which an uploaded archive that no component uses is deleted")
    int archiveRetentionHours() default 24;
}
