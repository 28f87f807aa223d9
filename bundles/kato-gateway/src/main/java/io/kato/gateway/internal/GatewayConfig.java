package io.kato.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.kato.gateway.cfg}: where the gateway listens and how users reach it. */
@ObjectClassDefinition(name = "Kato gateway", description = "Routes domains to components' ready instances")
public @interface GatewayConfig {
    @AttributeDefinition(description = "Address the gateway listens on (0.0.0.0 for every interface)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "HTTP port of the gateway")
    int httpPort() default 8880;

    @AttributeDefinition(description = "HTTPS port of the gateway, open once a certificate is uploaded (-1: never)")
    int httpsPort() default 8443;

    @AttributeDefinition(description = "Default domains are <component>-<team>.<baseDomain>")
    String baseDomain() default "localhost";

    @AttributeDefinition(description = "Port users reach the gateway at, shown in components' urls")
    int publicPort() default 8880;

    @AttributeDefinition(description = "Scheme users reach the gateway with (http or https)")
    String publicScheme() default "http";

    @AttributeDefinition(description = "Seconds a request may take in all before the gateway answers 504")
    int timeoutSeconds() default 120;

    @AttributeDefinition(description = "Most connections kept open to one instance")
    int maxConnectionsPerInstance() default 256;
}
