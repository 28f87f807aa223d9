package io.kato.api.job;

/**
 * Thrown by a {@link JobHandler} when trying again cannot help (wrong credentials, a
 * missing branch): the job and its event fail at once with this message, whatever
 * attempts are left. Any other exception counts as one failed attempt.
 */
public class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message) {
        super(message);
    }
}
