/**
 * Kato's persistence: transactions over JDBC and one row repository per table group.
 * The SQL here runs unchanged on embedded Derby and on PostgreSQL.
 */
@Export
@Version("1.0.0")
package io.kato.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
