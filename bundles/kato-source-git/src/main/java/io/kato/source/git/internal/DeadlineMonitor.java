package io.kato.source.git.internal;

import io.kato.api.source.FetchListener;
import java.time.Instant;
import org.eclipse.jgit.lib.BatchingProgressMonitor;

/**
 * Forwards JGit's progress to the check's log (at most a line a second per task) and
 * cancels the clone when the user cancels or the time limit passes: JGit's own timeout
 * only bounds each network read, not the whole fetch.
 */
final class DeadlineMonitor extends BatchingProgressMonitor {
    private final FetchListener listener;
    private final Instant deadline;

    DeadlineMonitor(FetchListener listener, Instant deadline) {
        this.listener = listener;
        this.deadline = deadline;
        setDelayStart(1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public boolean isCancelled() {
        return listener.cancelled() || Instant.now().isAfter(deadline);
    }

    @Override
    protected void onUpdate(String taskName, int workCurr, java.time.Duration duration) {
    }

    @Override
    protected void onEndTask(String taskName, int workCurr, java.time.Duration duration) {
        listener.progress(taskName + ": " + workCurr);
    }

    @Override
    protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone, java.time.Duration duration) {
    }

    @Override
    protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone,
                             java.time.Duration duration) {
        listener.progress(taskName + ": " + workCurr + "/" + workTotal);
    }
}
