package io.kato.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives log lines; implementations must be fast and never block the producer for long. */
@ConsumerType
public interface LogSink {
    void line(String line);
}
