package io.kato.source.git.internal;

import io.kato.api.source.FetchListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a fetch logs, for assertions; never cancels. */
final class RecordingListener implements FetchListener {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void progress(String line) {
        lines.add(line);
    }

    @Override
    public boolean cancelled() {
        return false;
    }
}
