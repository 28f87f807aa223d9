package io.kato.detector.ruby.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Builds Ruby projects with the host's {@code bundle}: gems go into the tree's {@code vendor/bundle} (so they
 * move with the artifact), downloads into the component's cache folder.
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class RubyBuildStrategy extends CommandBuildStrategy {
    public RubyBuildStrategy() {
        super("ruby", RubyDetector.ID, RubyDetector.PORT, Map.of(
                "BUNDLE_PATH", "vendor/bundle",
                "BUNDLE_CACHE_PATH", BuildPlan.Step.CACHE + "/bundle-cache",
                "BUNDLE_WITHOUT", "development:test"));
    }

    @Override
    protected String baseImage(Detection detection) {
        return "ruby:" + version(detection, "ruby", "3.3");
    }
}
