package io.kato.detector.support.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandBuildStrategyTest {
    private final CommandBuildStrategy strategy = new CommandBuildStrategy("lang", "lang", 8080,
            Map.of("CACHE_DIR", BuildPlan.Step.CACHE + "/lang")) {
        @Override
        protected String baseImage(Detection detection) {
            return "lang:" + version(detection, "lang", "1");
        }
    };

    private static BuildContext context(String build, String start, List<Integer> ports, Map<String, String> versions) {
        Detection d = new Detection("lang", versions, build, start, ports, Map.of(), List.of(), List.of());
        return new BuildContext(MemorySourceTree.of(Map.of()), d, Map.of(), "DEV");
    }

    @Test
    void theChecksCommandsRunWithTheCacheAndTheStartCommandListensOnPort() {
        BuildPlan plan = strategy.plan(context("make all", "server --port 9000 --metrics-port 90000", List.of(9000),
                Map.of("lang", "^2.4.1")));
        assertEquals(List.of(new BuildPlan.Step("build", List.of("sh", "-c", "make all"),
                Map.of("CACHE_DIR", "{cache}/lang"), ".")), plan.steps());
        assertEquals(List.of("sh", "-c", "exec server --port ${PORT:-9000} --metrics-port 90000"), plan.startCommand());
        assertEquals(".", plan.artifact());
        assertEquals(9000, plan.probes().get(0).port());
        assertEquals("lang:2.4.1", plan.container().baseImage());
        assertEquals(List.of("COPY . /app", "WORKDIR /app", "RUN make all",
                "CMD server --port 9000 --metrics-port 90000"), plan.container().instructions());
    }

    @Test
    void nothingToBuildIsNoStepAndNoStartIsAClearRefusal() {
        assertTrue(strategy.plan(context(null, "run", List.of(), Map.of())).steps().isEmpty());
        BuildPlanException e = assertThrows(BuildPlanException.class, () -> strategy.plan(context("make", " ",
                List.of(), Map.of())));
        assertTrue(e.getMessage().contains("Procfile"), e.getMessage());
    }

    @Test
    void everyFormOfAFixedPortBecomesTheInstancesPort() {
        assertEquals("php -S 0.0.0.0:${PORT:-8080} -t public", CommandBuildStrategy.onPort("php -S 0.0.0.0:8080 -t public",
                8080));
        assertEquals("php artisan serve --host=0.0.0.0 --port=${PORT:-8080}", CommandBuildStrategy.onPort(
                "php artisan serve --host=0.0.0.0 --port=8080", 8080));
        assertEquals("rails s -p ${PORT:-3000}", CommandBuildStrategy.onPort("rails s -p 3000", 3000));
        assertEquals("dotnet out/A.dll --urls http://0.0.0.0:${PORT:-8080}", CommandBuildStrategy.onPort(
                "dotnet out/A.dll --urls http://0.0.0.0:8080", 8080));
        assertEquals("serve 80800", CommandBuildStrategy.onPort("serve 80800", 8080), "another number stays");
    }
}
