/**
 * The source-fetcher SPI: one bundle per kind of source location (git, svn, archive).
 */
@Export
@Version("1.1.0")
package io.kato.api.source;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
