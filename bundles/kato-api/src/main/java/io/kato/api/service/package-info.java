/**
 * Core services, implemented by kato-core and called by REST and the shell. Every mutating method takes the {@link io.kato.api.Actor} it acts for and checks its role.
 */
@Export
@Version("1.8.0")
package io.kato.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
