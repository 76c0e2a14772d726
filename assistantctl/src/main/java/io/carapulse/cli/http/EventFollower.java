package io.carapulse.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows an execution's events over SSE until the terminal event. When the connection drops it
 * reconnects with {@code Last-Event-ID} set to the last event handed on, so no event is lost; events
 * at or below that sequence number are skipped, so none is repeated. On each keepalive of a quiet
 * stream it asks {@code ended} whether to stop anyway (an execution can end without an event, see
 * {@code ExecutionLog}).
 */
public final class EventFollower {

    /** Ends the stream: the execution finished. */
    public static final String FINISHED = "execution.finished";
    /** Ends following: the execution waits for a person (the server's stream stays open). */
    public static final String HELD = "execution.held";

    private final ApiClient api;
    private final int maxAttempts;
    private final long backoffMillis;
    private final Consumer<String> notice;

    /**
     * @param maxAttempts   connection attempts in a row without a new event before giving up
     * @param backoffMillis wait before the first retry, doubled per failed attempt (capped at 5 s)
     * @param notice        told about each reconnect, for stderr
     */
    public EventFollower(ApiClient api, int maxAttempts, long backoffMillis, Consumer<String> notice) {
        this.api = api;
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
        this.notice = notice;
    }

    /**
     * Why following stopped: {@code event} is {@code execution.finished} or {@code execution.held}, or
     * {@code null} when {@code ended} said so on a quiet stream; {@code lastSeq} is the last event handed on.
     */
    public record Stop(ExecutionEventView event, long lastSeq) {
    }

    /**
     * Hands every event after {@code afterSeq} to {@code sink}, in order and once each, until
     * {@code execution.finished} or {@code execution.held}, or until {@code ended} answers true on a keepalive.
     */
    public Stop follow(String executionId, long afterSeq, Consumer<ExecutionEventView> sink, BooleanSupplier ended) {
        String path = "/v1/executions/" + ApiClient.segment(executionId) + "/events";
        long last = afterSeq;
        int failures = 0;
        while (true) {
            IOException cause;
            long before = last;
            try (InputStream body = api.stream(path, last > 0 ? Map.of("Last-Event-ID", Long.toString(last)) : Map.of());
                 SseReader reader = new SseReader(body)) {
                SseReader.Event e;
                while ((e = reader.next()) != null) {
                    if (e.id() == null) {
                        if (ended.getAsBoolean()) {
                            return new Stop(null, last);
                        }
                        continue; // keepalive
                    }
                    ExecutionEventView event = parse(e);
                    if (event.seq() <= last) {
                        continue;
                    }
                    sink.accept(event);
                    last = event.seq();
                    if (FINISHED.equals(event.type()) || HELD.equals(event.type())) {
                        return new Stop(event, last);
                    }
                }
                cause = new IOException("the stream ended before the execution did");
            } catch (IOException e) {
                cause = e;
            }
            failures = last > before ? 1 : failures + 1;
            if (failures >= maxAttempts) {
                throw api.unreachable("GET", path, cause);
            }
            notice.accept("connection lost (" + describe(cause) + "); resuming after event " + last);
            pause(Math.min(5000, backoffMillis << Math.min(failures - 1, 6)));
        }
    }

    private static ExecutionEventView parse(SseReader.Event e) {
        try {
            ExecutionEventView v = Json.reader().readValue(e.data(), ExecutionEventView.class);
            // the SSE id is authoritative for resuming; the body repeats it
            return new ExecutionEventView(Long.parseLong(e.id().strip()), e.name(), v.at(), v.data());
        } catch (JsonProcessingException | NumberFormatException ex) {
            throw new CliException(ExitCode.ERROR, "unexpected event from the server: " + e.name() + " " + e.id());
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
    }
}
