package io.kato.detector.javajar.internal;

import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Runs a jar given as it is (nothing to build): the tree is the artifact, instances run {@code java -jar} on
 * the host's JDK.
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class JarBuildStrategy extends CommandBuildStrategy {
    public JarBuildStrategy() {
        super("jar", JavaJarDetector.ID, JavaJarDetector.PORT, Map.of());
    }

    @Override
    protected String baseImage(Detection detection) {
        return "eclipse-temurin:" + version(detection, "java", "17") + "-jre";
    }
}
