/**
 * The plugin-type SPI: one bundle per plugin type (entry network, export network, governance, performance analysis, init, general).
 */
@Export
@Version("2.1.0")
package io.kato.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
