package io.carapulse.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void shouldSplitEventsJoinDataLinesAndSkipComments() throws Exception {
        String stream = ": hello\n"
                + "id: 1\nevent: step.output\ndata: {\"a\":\ndata:1}\nretry: 100\n\n"
                + "event: keepalive\ndata: {}\n\n"
                + "id:2\nevent:execution.finished\ndata:{}\n\n"
                + "id: 3\ndata: half";
        try (SseReader r = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.next()).isEqualTo(new SseReader.Event("1", "step.output", "{\"a\":\n1}"));
            assertThat(r.next()).isEqualTo(new SseReader.Event(null, "keepalive", "{}"));
            assertThat(r.next()).isEqualTo(new SseReader.Event("2", "execution.finished", "{}"));
            // an event cut off before its blank line is never dispatched
            assertThat(r.next()).isNull();
        }
    }
}
