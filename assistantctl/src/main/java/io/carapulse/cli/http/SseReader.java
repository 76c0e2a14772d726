package io.carapulse.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Reads {@code text/event-stream} as the HTML standard defines it: {@code id}, {@code event} and
 * {@code data} fields (several data lines joined by newlines), a blank line ends an event, lines
 * starting with {@code :} are comments.
 */
public final class SseReader implements AutoCloseable {

    /** One dispatched event; {@code id} is {@code null} when the event carried none (keepalives). */
    public record Event(String id, String name, String data) {
    }

    private final BufferedReader in;

    public SseReader(InputStream in) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or {@code null} when the stream ended. */
    public Event next() throws IOException {
        String id = null;
        String name = null;
        StringJoiner data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null || name != null || id != null) {
                    return new Event(id, name == null ? "message" : name, data == null ? "" : data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringJoiner("\n");
                    }
                    data.add(value);
                }
                default -> {
                    // retry and unknown fields: nothing to do
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
