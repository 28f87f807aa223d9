/**
 * The build-strategy SPI: how one kind of source becomes a runnable artifact.
 */
@Export
@Version("1.1.0")
package io.kato.api.build;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
