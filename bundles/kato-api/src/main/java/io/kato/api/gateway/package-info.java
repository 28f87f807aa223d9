/**
 * The gateway's view of the platform: which component a request's host names, and where
 * its ready instances listen. The core provides it; a gateway (Kato's own, or another)
 * consumes it, and tells which components it measures or guards ({@link GatewayPolicy}),
 * and a gateway that measures serves what it measured ({@link GatewayMetrics}).
 */
@Export
@Version("1.1.0")
package io.kato.api.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
