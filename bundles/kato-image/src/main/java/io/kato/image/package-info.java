/**
 * Container images as Kato meets them: image references, the image configuration read
 * from a registry over the OCI distribution API, and the two ways users describe
 * containers without Kato — a {@code docker run} command line and a docker-compose file —
 * both read into {@link io.kato.image.ContainerSpec}s. Pure parsing and HTTP: no Docker
 * engine is needed.
 */
@Export
@Version("1.0.0")
package io.kato.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
