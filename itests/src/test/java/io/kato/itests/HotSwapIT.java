package io.kato.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** An admin drops a detector bundle into deploy/ and takes it out again, with no restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends KatoTestSupport {

    @Test
    public void hotDeployedDetectorAppearsWithoutRestartAndLeavesWhenRemoved() throws Exception {
        long frameworkStarted = bundleContext.getBundle(0).getLastModified();
        assertFalse(get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));

        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path jar = deploy.resolve("kato-itest-detector.jar");
        Files.copy(Path.of(System.getProperty("kato.itest.detector")), jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor("the detector to appear in GET /api/v1/languages", Duration.ofSeconds(30),
                () -> get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        String shell = executeCommand("kato:languages --no-format");
        assertTrue(shell, shell.contains("itest-lang") && shell.contains("kato-itest-detector"));

        Files.delete(jar);
        waitFor("the detector to leave GET /api/v1/languages", Duration.ofSeconds(30),
                () -> !get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        assertTrue("the framework was not restarted", bundleContext.getBundle(0).getLastModified() == frameworkStarted);
    }
}
