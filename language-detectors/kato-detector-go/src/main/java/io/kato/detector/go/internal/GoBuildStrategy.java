package io.kato.detector.go.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Builds Go modules with the host's {@code go}: the check's {@code go build}, with the build and module caches in
 * the component's cache folder, no cgo (a static binary, as in the container recipe).
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class GoBuildStrategy extends CommandBuildStrategy {
    public GoBuildStrategy() {
        super("go", GoDetector.ID, GoDetector.PORT, Map.of(
                "GOCACHE", BuildPlan.Step.CACHE + "/go-build",
                "GOMODCACHE", BuildPlan.Step.CACHE + "/go-mod",
                "CGO_ENABLED", "0"));
    }

    @Override
    protected String baseImage(Detection detection) {
        return "golang:" + version(detection, "go", "1.22");
    }
}
