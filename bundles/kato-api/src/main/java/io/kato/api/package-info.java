/**
 * Kato's public vocabulary: the errors every service may raise, paging, and the caller of an operation.
 */
@Export
@Version("1.0.0")
package io.kato.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
