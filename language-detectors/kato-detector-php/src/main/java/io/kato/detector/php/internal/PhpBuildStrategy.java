package io.kato.detector.php.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Builds PHP projects with the host's {@code php} and {@code composer} (when the project has a composer.json),
 * composer's cache in the component's cache folder; instances run the check's start command (PHP's built-in
 * server by default) on {@code PORT}.
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class PhpBuildStrategy extends CommandBuildStrategy {
    public PhpBuildStrategy() {
        super("php", PhpDetector.ID, PhpDetector.PORT, Map.of(
                "COMPOSER_CACHE_DIR", BuildPlan.Step.CACHE + "/composer"));
    }

    @Override
    protected String baseImage(Detection detection) {
        return "php:" + version(detection, "php", "8.3") + "-cli";
    }
}
