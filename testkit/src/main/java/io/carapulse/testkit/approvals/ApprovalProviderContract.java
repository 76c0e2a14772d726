package io.carapulse.testkit.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApprovalProvider} that sends requests somewhere must do, whatever the channel: the
 * server calls it from a durable outbox and calls again after timeouts, errors and crashes, so
 * announcing the same request twice must leave one announcement, applying the same update twice must
 * leave one effect, and nothing it returns may carry a secret. A provider's test extends this class and
 * points it at its channel (a real peer or WireMock).
 */
public abstract class ApprovalProviderContract {

    /** The provider under test, configured against the test's channel. */
    protected abstract ApprovalProvider provider();

    /** A request for an environment the provider is configured for. */
    protected abstract ApprovalRequest request();

    /** How many distinct announcements (issues, incidents) the channel holds for {@code request}. */
    protected abstract int announcementsOf(ApprovalRequest request);

    /**
     * An update whose effect the channel records visibly (a comment, an event), and the number of such
     * effects recorded for it so far.
     */
    protected abstract ChannelUpdate visibleUpdate();

    protected abstract int effectsOf(ChannelUpdate update);

    /** The secret values the provider was configured with (API keys, tokens, routing keys). */
    protected abstract List<String> secrets();

    @Test
    void shouldNameItselfInLowerCase() {
        assertThat(provider().name()).matches("[a-z][a-z0-9-]*");
        assertThat(provider().announces()).isTrue();
    }

    @Test
    void shouldAnnounceARequestOnceHoweverOftenItIsAsked() {
        ApprovalRequest request = request();

        ChannelRecord first = provider().announce(request);
        ChannelRecord again = provider().announce(request);

        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(first.provider()).isEqualTo(provider().name());
        assertThat(announcementsOf(request)).isEqualTo(1);
    }

    @Test
    void shouldApplyAnUpdateOnceHoweverOftenItIsAsked() {
        ChannelRecord record = provider().announce(request());
        ChannelUpdate update = visibleUpdate();

        ChannelRecord after = provider().update(record, update);
        provider().update(after, update);

        assertThat(effectsOf(update)).isEqualTo(1);
        assertThat(after.externalId()).isEqualTo(record.externalId());
    }

    @Test
    void shouldKeepSecretsOutOfWhatItReturns() {
        ChannelRecord record = provider().update(provider().announce(request()), visibleUpdate());

        String shown = record + " " + record.evidence();
        for (String secret : secrets()) {
            assertThat(shown).doesNotContain(secret);
        }
    }

    /** A fresh idempotency key, as the server chooses one. */
    protected static String newKey() {
        return UUID.randomUUID().toString();
    }
}
