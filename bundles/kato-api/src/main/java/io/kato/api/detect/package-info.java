/**
 * The language-detector SPI: one bundle per language reads a shared index of a source tree and reports what it found.
 */
@Export
@Version("1.1.0")
package io.kato.api.detect;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
