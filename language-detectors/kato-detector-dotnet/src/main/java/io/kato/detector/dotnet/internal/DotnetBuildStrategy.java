package io.kato.detector.dotnet.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Builds .NET projects with the host's {@code dotnet}: the check's {@code dotnet publish} into {@code out/},
 * NuGet packages in the component's cache folder, no telemetry.
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class DotnetBuildStrategy extends CommandBuildStrategy {
    public DotnetBuildStrategy() {
        super("dotnet", DotnetDetector.ID, DotnetDetector.PORT, Map.of(
                "NUGET_PACKAGES", BuildPlan.Step.CACHE + "/nuget",
                "DOTNET_CLI_TELEMETRY_OPTOUT", "1",
                "DOTNET_NOLOGO", "1"));
    }

    @Override
    protected String baseImage(Detection detection) {
        return "mcr.microsoft.com/dotnet/sdk:" + version(detection, "dotnet", "8.0");
    }
}
