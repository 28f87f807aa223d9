package io.kato.core.internal;

import io.kato.store.ComponentRows;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes uploaded archives nobody needs any more: older than {@code archiveRetentionHours},
 * used by no component (a component built from an archive keeps it, builds need it again),
 * by no check still queued or running, and by no check that ended within the retention.
 * Runs shortly after start and then hourly.
 */
@Component(service = ArchiveSweeper.class, immediate = true, configurationPid = "io.kato.source")
public class ArchiveSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSweeper.class);
    private final Store store;
    private final Clock clock;
    private final Path archives;
    private volatile Duration retention;
    private ScheduledExecutorService loop;

    @Activate
    public ArchiveSweeper(@Reference Store store, SourceConfig config) {
        this(store, config, Clock.systemUTC(), DataDir.kato().resolve("archives"));
        loop = Executors.newSingleThreadScheduledExecutor(JobServiceImpl.named("kato-archive-sweep"));
        loop.scheduleWithFixedDelay(this::pass, 60, 3600, TimeUnit.SECONDS);
    }

    ArchiveSweeper(Store store, SourceConfig config, Clock clock, Path archives) {
        this.store = store;
        this.clock = clock;
        this.archives = archives;
        modified(config);
    }

    @Modified
    void modified(SourceConfig config) {
        retention = Duration.ofHours(Math.max(1, config.archiveRetentionHours()));
    }

    @Deactivate
    void deactivate() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    private void pass() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.info("Deleted {} uploaded archive(s) unused for more than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Archive sweep failed: {}", e.getMessage());
        }
    }

    /** One pass; returns how many archives it deleted. */
    int sweep() {
        if (!Files.isDirectory(archives)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        try (DirectoryStream<Path> uploads = Files.newDirectoryStream(archives, p -> !p.toString().endsWith(".team"))) {
            for (Path upload : uploads) {
                String id = upload.getFileName().toString();
                try {
                    if (Files.getLastModifiedTime(upload).toInstant().isBefore(cutoff) && !inUse(id, cutoff)) {
                        // The owner file first: without it the id no longer names an upload, and a
                        // file left behind by a crash here is swept on the next pass.
                        Files.deleteIfExists(archives.resolve(id + ".team"));
                        Files.deleteIfExists(upload);
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.debug("Skipping upload {} this pass: {}", id, e.getMessage()); // gone or busy meanwhile
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            LOG.warn("Cannot sweep {}: {}", archives, e.getMessage());
        }
        return deleted;
    }

    /**
     * Used by a component, or by a check that is still going or ended within the retention
     * (so that components can still be made from a fresh report).
     */
    private boolean inUse(String id, Instant cutoff) {
        return store.inTransaction(tx -> new ComponentRows(tx).countBySource("archive", id) > 0
                || new SourceCheckRows(tx).countUnfinishedOrEndedAfter("archive", id, cutoff) > 0);
    }
}
