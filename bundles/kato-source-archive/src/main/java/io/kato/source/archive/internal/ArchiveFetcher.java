package io.kato.source.archive.internal;

import io.kato.api.ValidationException;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceFetcher;
import io.kato.api.source.SourceLocation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Unpacks an uploaded archive (zip or tar.gz, told apart by their first bytes). The
 * location's URL is the upload's id; the core keeps uploads in
 * {@code ${karaf.data}/kato/archives/<id>}. Every entry is checked before it is written:
 * no path may leave the target, links are refused, and file count, total size and the
 * compression ratio are bounded, so an archive bomb stops early with a clear message.
 */
@Component
public class ArchiveFetcher implements SourceFetcher {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final Path uploads;

    public ArchiveFetcher() {
        this(Path.of(System.getProperty("karaf.data", "data"), "kato", "archives"));
    }

    ArchiveFetcher(Path uploads) {
        this.uploads = uploads;
    }

    @Override
    public String kind() {
        return "archive";
    }

    @Override
    public void validate(SourceLocation location, FetchLimits limits) {
        if (location.url() == null || !ID.matcher(location.url()).matches()) {
            throw ValidationException.of("url", "for an archive, give the id that POST /api/v1/teams/{team}/"
                    + "source-archives returned");
        }
    }

    @Override
    public FetchResult fetch(SourceLocation location, Credentials credentials, Path target, FetchLimits limits,
                             FetchListener listener) {
        validate(location, limits);
        Path archive = uploads.resolve(location.url());
        if (!Files.isRegularFile(archive)) {
            throw new SourceFetchException("No uploaded archive " + location.url() + ": upload it again");
        }
        Budget budget = new Budget(limits, sizeOf(archive));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            in.mark(4);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 'P' && b1 == 'K') {
                Unpack.zip(in, target, budget);
            } else if (b0 == 0x1f && b1 == 0x8b) {
                Unpack.tarGz(in, target, budget);
            } else {
                throw new SourceFetchException("The upload is neither a zip nor a tar.gz archive");
            }
        } catch (IOException e) {
            throw new SourceFetchException("The archive is damaged: " + e.getMessage(), e);
        }
        listener.progress("Unpacked " + budget.files() + " files, " + budget.bytes() + " bytes");
        return new FetchResult("archive-" + location.url().substring(0, 8), null, null, null, Instant.now());
    }

    private static long sizeOf(Path archive) {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new SourceFetchException("The archive cannot be read: " + e.getMessage(), e);
        }
    }
}
