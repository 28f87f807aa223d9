package io.kato.core.internal;

import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.model.Component;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchResult;
import io.kato.image.ImageConfig;
import io.kato.image.ImageReference;
import io.kato.image.RegistryClient;
import io.kato.image.RegistryException;
import io.kato.store.BuildRows;
import io.kato.store.ImageCheckRows;
import io.kato.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * The "build" of a component made from an image: its tag is read again from the registry
 * (with the credential and TLS choice of the check it came from), and what it points to now
 * becomes the next version, pinned to its digest. The command stays the one the component
 * runs: it may be the user's own, and a new image does not change what the user asked for.
 */
final class ImagePulls {
    private final Store store;
    private final CredentialServiceImpl credentials;
    private final RegistryClient registries;

    ImagePulls(Store store, CredentialServiceImpl credentials, RegistryClient registries) {
        this.store = store;
        this.credentials = credentials;
        this.registries = registries;
    }

    BuildJob.Built pull(Component c, JobContext context) {
        ImageReference pinned = ImageReference.parse(c.source().url());
        // the tag when there is one: what it points to now; an image given by digest alone stays itself
        ImageReference wanted = pinned.tag() == null ? pinned : new ImageReference(pinned.registry(),
                pinned.repository(), pinned.tag(), null);
        Optional<ImageCheckRows.Row> check = c.source().checkId() == null ? Optional.empty()
                : store.inTransaction(tx -> new ImageCheckRows(tx).byId(c.source().checkId()));
        RegistryClient.Auth auth = check.filter(k -> wanted.registry().equals(k.registry()))
                .map(k -> auth(store, credentials, k)).orElse(null);
        boolean insecure = check.map(ImageCheckRows.Row::insecure).orElse(false);
        context.log("Reading " + wanted + (auth == null ? "" : " with credential '" + check.get().credential() + "'"));
        ImageConfig config;
        try {
            config = registries.inspect(wanted, auth, insecure);
        } catch (RegistryException e) {
            throw new JobFailedException(e.getMessage());
        }
        BuildRows.VersionRow last = store.inTransaction(tx -> new BuildRows(tx).versions(c.id(), 0, 1)).stream()
                .findFirst().orElseThrow(() -> new JobFailedException("The component has no version to take the"
                        + " command from: create it from an image check again"));
        boolean same = config.reference().toString().equals(last.artifact());
        context.log("  " + config.digest() + (same ? ", the image version " + last.number() + " runs already"
                : ", new since version " + last.number()));
        List<String> start;
        try {
            start = List.of(SourceCheckServiceImpl.JSON.readValue(last.startCommandJson(), String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored start command is unreadable", e);
        }
        String digest = config.digest();
        return new BuildJob.Built(c, "image", config.reference().toString(), start, new FetchResult(
                digest.substring(digest.indexOf(':') + 1), wanted.tag(), null, "image " + config.reference(), null));
    }

    /** The registry login of a check's credential, or null when it names none. */
    static RegistryClient.Auth auth(Store store, CredentialServiceImpl credentials, ImageCheckRows.Row check) {
        return auth(store, credentials, check.teamId(), check.credential(), "check the image again");
    }

    /**
     * The registry login of a team's credential, or null for none; {@code afterwards} says
     * what to do once a deleted credential is created again.
     */
    static RegistryClient.Auth auth(Store store, CredentialServiceImpl credentials, String teamId, String credential,
                                    String afterwards) {
        if (credential == null) {
            return null;
        }
        Credentials c;
        try {
            c = store.inTransaction(tx -> credentials.open(tx, teamId, credential));
        } catch (io.kato.api.NotFoundException gone) {
            throw new JobFailedException("The credential '" + credential + "' was deleted: create it again and "
                    + afterwards);
        }
        if (c.secret() == null) {
            throw new JobFailedException("The credential '" + credential + "' is an SSH key; registries take"
                    + " a user with a password or token");
        }
        return new RegistryClient.Auth(c.username(), new String(c.secret()));
    }
}
