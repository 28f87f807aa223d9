package io.kato.core.internal;

import io.kato.api.KatoException;
import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.Problem;
import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.job.JobHandler;
import io.kato.api.model.SourceCheck;
import io.kato.api.model.SourceReport;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source check: fetch into a private workspace, index the tree once, run every
 * detector on the index, keep the report, delete the workspace. Problems in the user's
 * input end the check as failed with a message saying what to fix; they are not retried.
 */
@Component(service = JobHandler.class, property = JobHandler.KIND_PROPERTY + "=" + SourceCheckServiceImpl.JOB_KIND)
public class SourceCheckJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SourceCheckJob.class);
    private final Store store;
    private final SourceWorkspaces sources;
    private final LanguageRegistryImpl detectors;

    @Activate
    public SourceCheckJob(@Reference Store store, @Reference SourceWorkspaces sources,
                          @Reference LanguageRegistryImpl detectors) {
        this.store = store;
        this.sources = sources;
        this.detectors = detectors;
    }

    @Override
    public String run(JobContext context) throws Exception {
        SourceCheckRows.Row check = store.inTransaction(tx -> new SourceCheckRows(tx).byId(context.payload()))
                .orElseThrow(() -> new JobFailedException("Source check " + context.payload() + " no longer exists"));
        if (SourceCheck.SUCCEEDED.equals(check.status()) || SourceCheck.FAILED.equals(check.status())) {
            return check.message(); // an earlier attempt finished it
        }
        store.inTransaction(tx -> new SourceCheckRows(tx).transition(check.id(), check.status(), SourceCheck.RUNNING,
                "running"));
        Path workspace = null;
        try {
            workspace = sources.workspace("check-" + check.id());
            SourceReport report = check(check, workspace, context);
            String summary = report.languages().isEmpty() ? "no known language found"
                    : "found " + String.join(", ", report.languages().stream().map(Detection::language).toList());
            end(check, SourceCheck.SUCCEEDED, summary, SourceCheckServiceImpl.JSON.writeValueAsString(report));
            return summary;
        } catch (SourceFetchException | JobFailedException e) {
            end(check, SourceCheck.FAILED, e.getMessage(), null);
            throw new JobFailedException(e.getMessage());
        } catch (IOException e) {
            LOG.warn("Source check {} failed: {}", check.id(), e.toString());
            String message = "The check could not read the fetched files: " + e.getMessage();
            end(check, SourceCheck.FAILED, message, null);
            throw new JobFailedException(message);
        } catch (KatoException e) {
            end(check, SourceCheck.FAILED, e.getMessage(), null);
            throw new JobFailedException(e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not the user's input: the check still ends, and the log has the details.
            LOG.error("Source check {} failed unexpectedly", check.id(), e);
            String message = "The check failed inside the server (" + e.getClass().getSimpleName() + "); an"
                    + " admin finds the details in the log under check " + check.id();
            end(check, SourceCheck.FAILED, message, null);
            throw new JobFailedException(message);
        } finally {
            if (workspace != null) {
                Workspaces.delete(workspace);
            }
        }
    }

    private SourceReport check(SourceCheckRows.Row check, Path workspace, JobContext context) throws IOException {
        SourceConfig c = sources.config();
        FetchResult fetched = sources.fetch(check, workspace, context::log);
        Path root = SourceWorkspaces.folder(workspace, check.subdir());
        FileSourceTree tree = FileSourceTree.index(root, c.maxFiles());
        context.log("Indexed " + tree.files().size() + " files" + (tree.truncated() ? " (truncated)" : ""));
        List<Detection> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        // detections are collected in selection order: the first is the primary language
        for (LanguageRegistryImpl.Entry e : detectors.ordered()) {
            detect(e.detector(), tree, found, problems);
        }
        Optional<String> katofileText = tree.read(Katofile.FILE, Katofile.MAX_BYTES);
        if (katofileText.isPresent()) {
            Katofile katofile = Katofile.parse(katofileText.get(), problems);
            if (katofile != null) {
                found = katofile.apply(found, problems);
                context.log("Applied the Katofile");
            }
        }
        if (tree.files().isEmpty()) {
            problems.add(Problem.error("The repository is empty", "Push some code to it, or check ref and subdir",
                    null));
        } else if (found.isEmpty()) {
            problems.add(Problem.warning("No installed detector recognised this source",
                    "Check the sub-directory, or add a Katofile naming the language", null));
        }
        if (tree.truncated()) {
            problems.add(Problem.warning("The tree has more than " + c.maxFiles() + " files; only those were indexed",
                    "Point subdir at the service's own folder", null));
        }
        return new SourceReport(fetched.revision(), fetched.ref(), found, LanguageBreakdown.of(tree), problems,
                tree.files().size(), tree.truncated());
    }

    /** A detector that fails is reported, not fatal: the others still speak. */
    private static void detect(LanguageDetector detector, FileSourceTree tree, List<Detection> found,
                               List<Problem> problems) {
        try {
            Optional<Detection> d = detector.detect(tree);
            d.ifPresent(found::add);
        } catch (RuntimeException e) {
            LOG.warn("Detector {} failed", detector.language(), e);
            problems.add(Problem.warning("The " + detector.language() + " detector failed on this tree",
                    "Report it to the detector's maintainers; the other languages were still checked", null));
        }
    }

    private void end(SourceCheckRows.Row check, String status, String message, String reportJson) {
        Instant now = Instant.now();
        store.inTransaction(tx -> {
            new SourceCheckRows(tx).finish(check.id(), status, message, reportJson, now);
            return null;
        });
    }

}
