package io.carapulse.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.approval.ChannelUpdate;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What the outbox keeps of a channel update comes back as the same update; the lifecycles move one way. */
class ChannelUpdatesTest {

    static Stream<ChannelUpdate> updates() {
        return Stream.of(
                new ChannelUpdate.Decided("u1", true, "bob@example.com", "linear", "looks right"),
                new ChannelUpdate.Refused("u2", "carol@example.com is not on call"),
                new ChannelUpdate.Expired("u3"),
                new ChannelUpdate.Superseded("u4", "steps edited"),
                new ChannelUpdate.ExecutionEnded("u5", "exe_1", "FAILED",
                        URI.create("https://carapulse.example.com/v1/executions/exe_1/evidence"), "step 1 failed"));
    }

    @ParameterizedTest
    @MethodSource("updates")
    void shouldReadBackWhatItWrote(ChannelUpdate update) {
        assertThat(ChannelUpdates.read(ChannelUpdates.write(update))).isEqualTo(update);
    }

    @Test
    void shouldRefuseAnUnknownType() {
        assertThatThrownBy(() -> ChannelUpdates.read("{\"type\":\"teleported\",\"update\":{}}"))
                .hasMessageContaining("teleported");
    }

    @Test
    void shouldMoveChannelsAndOutboxEntriesForwardOnly() {
        assertThat(ChannelStatus.ANNOUNCING.canMoveTo(ChannelStatus.OPEN)).isTrue();
        assertThat(ChannelStatus.OPEN.canMoveTo(ChannelStatus.ANNOUNCING)).isFalse();
        assertThat(OutboxStatus.PENDING.canMoveTo(OutboxStatus.DONE)).isTrue();
        assertThat(OutboxStatus.DONE.canMoveTo(OutboxStatus.PENDING)).isFalse();
        OutboxEntity done = OutboxEntity.pending("chn_1", OutboxKind.CHECK, "{}", java.time.Instant.EPOCH)
                .done(java.time.Instant.EPOCH);
        assertThatThrownBy(() -> done.done(java.time.Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }
}
