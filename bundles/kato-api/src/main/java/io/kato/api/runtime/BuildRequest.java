package io.kato.api.runtime;

import java.nio.file.Path;

/**
 * One build: which component, the workspace with the checked-out source, and the cache
 * folder kept between builds of the same component.
 */
public record BuildRequest(String componentId, String buildId, Path workspace, Path cache) {
}
