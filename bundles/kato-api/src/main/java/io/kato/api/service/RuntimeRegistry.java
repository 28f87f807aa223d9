package io.kato.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The runtimes this server has right now, and which one is active. */
@ProviderType
public interface RuntimeRegistry {
    /**
     * Every registered runtime, and the configured one even when no bundle registers it
     * (then down, saying so), the active one first.
     */
    List<RuntimeInfo> runtimes();

    /**
     * One runtime.
     *
     * @param active     it is the one components run on ({@code runtime} in {@code etc/io.kato.core.cfg})
     * @param up         it can work now
     * @param message    why not, or null
     * @param runsImages it runs components made from container images
     */
    record RuntimeInfo(String name, boolean active, boolean up, String message, boolean runsImages) {
    }
}
