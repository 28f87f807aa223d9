package io.kato.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events written by hand on a streamed response: one {@code data:} event per
 * log line, comments as heartbeats (a client that went away shows as a failed write), and
 * a named last event. Jersey's SSE module would be one more bundle for this little.
 */
final class Sse {
    static final String MEDIA_TYPE = "text/event-stream";
    /** How often an idle stream sends a comment, so that a gone client is noticed. */
    static final long HEARTBEAT_NANOS = 15_000_000_000L;
    private final OutputStream out;

    Sse(OutputStream out) {
        this.out = out;
    }

    /** One line as one event; carriage returns would end the field early, so they go. */
    void line(String line) throws IOException {
        write("data: " + line.replace("\r", "") + "\n\n");
    }

    void event(String name, String data) throws IOException {
        write("event: " + name + "\ndata: " + data.replace("\r", "").replace("\n", " ") + "\n\n");
    }

    void heartbeat() throws IOException {
        write(": keep-alive\n\n");
        flush();
    }

    void flush() throws IOException {
        out.flush();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
