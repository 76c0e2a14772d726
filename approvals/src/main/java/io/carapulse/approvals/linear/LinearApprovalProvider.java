package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelReading;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.api.approval.DecisionSource;
import io.carapulse.api.approval.PollPage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Approvals as Linear issues: one issue per request in the configured team, labelled
 * {@code approval:pending}; people decide by switching the label to {@code approval:approved} or
 * {@code approval:rejected}. Issues and comments are created with ids chosen before the first
 * attempt, so a retry finds what an earlier attempt made instead of making it twice.
 */
@Singleton
@Requires(beans = LinearConfiguration.class)
public class LinearApprovalProvider implements ApprovalProvider, DecisionSource {

    static final String NAME = "linear";
    private static final int MAX_HISTORY_PAGES = 20;

    private final LinearClient client;
    private final LinearLabels labels;
    private final LinearWebhookVerifier webhooks;
    private final boolean webhooksConfigured;
    private volatile String viewerId;

    public LinearApprovalProvider(LinearConfiguration config) {
        this.client = new LinearClient(config);
        this.labels = new LinearLabels(client, config.teamId());
        this.webhooks = new LinearWebhookVerifier(config.webhookSecretRef(), config.webhookTolerance());
        this.webhooksConfigured = config.webhookSecretRef() != null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean decides() {
        return true;
    }

    @Override
    public ChannelRecord announce(ApprovalRequest request) {
        Map<String, String> ids = labels.ensure();
        LinearClient.IssueRef issue = client.findIssue(request.channelId()).orElseGet(() -> forgettingLabels(() ->
                client.createIssue(request.channelId(), LinearText.title(request), LinearText.body(request),
                        List.of(ids.get(LinearLabels.PENDING)))));
        return new ChannelRecord(NAME, issue.id(), issue.identifier(), issue.url(),
                Map.of("issueId", issue.id(), "identifier", issue.identifier(), "url", issue.url()));
    }

    @Override
    public ChannelRecord update(ChannelRecord record, ChannelUpdate update) {
        String issue = record.externalId();
        if (update instanceof ChannelUpdate.Decided d) {
            setLabel(issue, d.approved() ? LinearLabels.APPROVED : LinearLabels.REJECTED);
            if (!NAME.equals(d.via())) {
                comment(d.updateId(), issue, LinearText.decided(d));
            }
        } else if (update instanceof ChannelUpdate.Refused r) {
            comment(r.updateId(), issue, LinearText.refused(r));
            setLabel(issue, LinearLabels.PENDING);
        } else if (update instanceof ChannelUpdate.Expired e) {
            setLabel(issue, LinearLabels.EXPIRED);
            comment(e.updateId(), issue, LinearText.expired());
        } else if (update instanceof ChannelUpdate.Superseded s) {
            setLabel(issue, LinearLabels.SUPERSEDED);
            comment(s.updateId(), issue, LinearText.superseded(s));
        } else if (update instanceof ChannelUpdate.ExecutionEnded x) {
            comment(x.updateId(), issue, LinearText.executed(x));
        }
        return record;
    }

    @Override
    public boolean acceptsWebhooks() {
        return webhooksConfigured;
    }

    @Override
    public List<String> verifyWebhook(byte[] body, Function<String, String> headers, Instant now) {
        return webhooks.verify(body, headers, now);
    }

    @Override
    public ChannelReading read(ChannelRecord record) {
        JsonNode issue = client.issueState(record.externalId(), null);
        List<JsonNode> history = new ArrayList<>();
        JsonNode page = issue.path("history");
        for (int i = 0; ; i++) {
            page.path("nodes").forEach(history::add);
            JsonNode info = page.path("pageInfo");
            if (!info.path("hasNextPage").asBoolean(false) || i + 1 >= MAX_HISTORY_PAGES) {
                break;
            }
            page = client.issueState(record.externalId(), info.path("endCursor").asText()).path("history");
        }
        return LinearHistory.read(issue, history, labels.names(), viewer());
    }

    @Override
    public PollPage changed(List<String> externalIds, String cursor, String pageAfter) {
        LinearClient.Changed page = client.changed(externalIds, cursor, pageAfter);
        Instant newest = cursor == null ? null : Instant.parse(cursor);
        List<String> ids = new ArrayList<>();
        for (JsonNode n : page.nodes()) {
            ids.add(n.path("id").asText());
            Instant updated = Instant.parse(n.path("updatedAt").asText());
            if (newest == null || updated.isAfter(newest)) {
                newest = updated;
            }
        }
        return new PollPage(ids, page.nextPage(), newest == null ? null : newest.toString());
    }

    /** Leaves exactly one approval label on the issue. */
    private void setLabel(String issueId, String name) {
        Map<String, String> ids = labels.ensure();
        List<String> remove = new ArrayList<>();
        ids.forEach((n, id) -> {
            if (!n.equals(name)) {
                remove.add(id);
            }
        });
        forgettingLabels(() -> {
            client.updateLabels(issueId, List.of(ids.get(name)), remove);
            return null;
        });
    }

    /** A refused call may mean a label we remember is gone: look them up again next time. */
    private <T> T forgettingLabels(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (io.carapulse.api.error.PermanentException e) {
            labels.forget();
            throw e;
        }
    }

    private void comment(String id, String issueId, String body) {
        if (!client.commentExists(id)) {
            client.createComment(id, issueId, body);
        }
    }

    private String viewer() {
        if (viewerId == null) {
            viewerId = client.viewerId();
        }
        return viewerId;
    }
}
