/**
 * The domain model shared by the core, the store and every interface: teams, applications, components, events, audit records, users.
 */
@Export
@Version("1.6.0")
package io.kato.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
