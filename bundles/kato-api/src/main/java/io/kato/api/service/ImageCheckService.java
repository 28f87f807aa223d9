package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.ImageCheck;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Image checks, the counterpart of source checks for containers: the input is read and
 * validated at once (a bad {@code docker run} line or compose file is refused naming the
 * option, or the service and field), then a persisted job reads each image's
 * configuration from its registry. Components are then created from the check's report
 * ({@link ComponentService#createFromImages}).
 */
@ProviderType
public interface ImageCheckService {
    /**
     * Validates the request (no network) and queues the check.
     *
     * @throws io.kato.api.ValidationException for input that does not describe containers
     */
    ImageCheck start(Actor actor, String team, ImageCheckRequest request);

    ImageCheck get(Actor actor, String team, String checkId);

    Page<ImageCheck> list(Actor actor, String team, PageRequest page);

    /**
     * What to check: exactly one of {@code image}, {@code dockerRun} and {@code compose}.
     *
     * @param image       an image reference, e.g. {@code nginx:1.25} or {@code registry.example.org/team/app:v2}
     * @param dockerRun   a {@code docker run} command line
     * @param compose     the text of a docker-compose file
     * @param credentials the name of a team credential (password or token) for the registry, or null
     * @param registry    the registry (host[:port]) the credential is for; null: the first image's
     *                    registry other than Docker Hub, else Docker Hub. Images elsewhere are read
     *                    anonymously: a credential never reaches a registry it is not for
     * @param insecure    accept the registry's certificate unchecked, and plain HTTP (null: no)
     */
    record ImageCheckRequest(String image, String dockerRun, String compose, String credentials, String registry,
                             Boolean insecure) {
        /** Whether the user marked the registry insecure. */
        public boolean insecureRegistry() {
            return Boolean.TRUE.equals(insecure);
        }
    }
}
