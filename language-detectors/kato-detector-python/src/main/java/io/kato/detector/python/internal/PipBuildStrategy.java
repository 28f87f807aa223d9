package io.kato.detector.python.internal;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.build.ProbeSpec;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.List;
import java.util.Map;

/**
 * Builds pip projects with the host's {@code python3}: dependencies go into {@code .pydeps}
 * inside the tree ({@code pip install --target}), not a virtualenv, because a virtualenv's
 * scripts name the folder they were made in and the artifact moves after the build. pip's
 * download cache is the component's; {@code PIP_INDEX_URL} and the other {@code PIP_*}
 * variables set as build env reach pip as they are. Instances start with {@code .pydeps}
 * on {@code PYTHONPATH} and {@code PATH}.
 */
@org.osgi.service.component.annotations.Component(property = "service.ranking:Integer=60")
public class PipBuildStrategy implements BuildStrategy {
    static final String DEPS = ".pydeps";

    @Override
    public String name() {
        return "pip";
    }

    @Override
    public boolean supports(BuildContext context) {
        return context.detection().language().equals(PythonDetector.ID);
    }

    @Override
    public BuildPlan plan(BuildContext context) {
        String manager = context.detection().versions().getOrDefault("packageManager", "pip");
        if (!manager.equals("pip")) {
            throw new BuildPlanException("This project installs with " + manager + ", which the local runtime does not"
                    + " run yet: add a requirements.txt (for example '" + manager + " export > requirements.txt',"
                    + " or 'pip freeze > requirements.txt')");
        }
        String start = context.detection().startCommand();
        if (start == null || start.isBlank()) {
            throw new BuildPlanException("No start command: add a Procfile with a 'web:' line, or an app.py or main.py"
                    + " at the root");
        }
        String source = context.tree().exists("requirements.txt") ? "-r requirements.txt" : ".";
        // 'python' is not on every host (Debian has python3 only): the tree gets its own link to python3.
        String install = "mkdir -p " + DEPS + "/bin && { command -v python >/dev/null || ln -s \"$(command -v python3)\" "
                + DEPS + "/bin/python; } && python3 -m pip install --disable-pip-version-check --no-input --target "
                + DEPS + " " + source;
        List<BuildPlan.Step> steps = List.of(new BuildPlan.Step("install", List.of("sh", "-c", install),
                Map.of("PIP_CACHE_DIR", BuildPlan.Step.CACHE + "/pip"), "."));
        int port = context.detection().ports().isEmpty() ? PythonStart.DEFAULT_PORT : context.detection().ports().get(0);
        String run = "PYTHONPATH=\"$PWD/" + DEPS + "${PYTHONPATH:+:$PYTHONPATH}\" PATH=\"$PWD/" + DEPS + "/bin:$PATH\""
                + " exec " + CommandBuildStrategy.onPort(start, port); // gunicorn --bind 0.0.0.0:5000 takes PORT
        String version = context.detection().versions().getOrDefault("python", PythonDetector.DEFAULT_PYTHON);
        return new BuildPlan(name(), steps, ".", List.of("sh", "-c", run),
                List.of(new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, port, null, 0, 5, 2, 1, 3)),
                new BuildPlan.ContainerRecipe("python:" + version.replaceAll("[^0-9.].*$", "") + "-slim",
                        List.of("COPY . /app", "WORKDIR /app", "RUN pip install --no-cache-dir " + source,
                                "CMD " + start)));
    }
}
