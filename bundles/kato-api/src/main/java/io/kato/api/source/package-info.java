/**
 * The source-fetcher SPI: one bundle per kind of source location (git, svn, archive).
 */
@Version("1.0.0")
package io.kato.api.source;

import org.osgi.annotation.versioning.Version;
