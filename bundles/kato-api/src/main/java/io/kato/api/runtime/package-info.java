/**
 * The runtime SPI: the workload backend (local processes, Kubernetes) that builds, runs and observes components.
 */
@Export
@Version("1.6.0")
package io.kato.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
