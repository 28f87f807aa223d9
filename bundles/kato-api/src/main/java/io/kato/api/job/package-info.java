/**
 * Persisted jobs: the unit of work behind every long operation, run by the core's worker pool.
 */
@Export
@Version("1.0.0")
package io.kato.api.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
