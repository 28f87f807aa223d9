/**
 * The registration-method SPI: how the endpoints of a third-party (outside) component are registered and kept current.
 */
@Export
@Version("2.0.0")
package io.kato.api.thirdparty;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
