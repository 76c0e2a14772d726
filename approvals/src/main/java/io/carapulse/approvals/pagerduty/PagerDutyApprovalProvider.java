package io.carapulse.approvals.pagerduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.PermanentException;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages for approval requests through the Events API v2: a trigger whose dedup key is derived from
 * the approval (so repeating it changes nothing), resolved when the request ends without use or the
 * execution it authorised ends. The incident id, looked up by dedup key through the REST API, is
 * kept as evidence; PagerDuty creates incidents asynchronously, so a look-up that finds nothing yet
 * is repeated with the next update. Nobody decides through PagerDuty.
 */
@Singleton
public class PagerDutyApprovalProvider implements ApprovalProvider {

    static final String NAME = "pagerduty";
    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyApprovalProvider.class);

    private final PagerDutyConfiguration config;
    private final PagerDutyClient client;
    private final EnvironmentCatalog environments;

    public PagerDutyApprovalProvider(PagerDutyConfiguration config, EnvironmentCatalog environments) {
        this.config = config;
        this.client = new PagerDutyClient(config);
        this.environments = environments;
    }

    /** The dedup key of an approval's page. */
    public static String dedupKey(String approvalId) {
        return "carapulse/" + approvalId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean decides() {
        return false;
    }

    @Override
    public ChannelRecord announce(ApprovalRequest r) {
        Environment.PagerDuty pd = pagerDuty(r.environment());
        String dedup = dedupKey(r.approvalId());
        ObjectNode event = JsonHttp.JSON.createObjectNode().put("event_action", "trigger").put("dedup_key", dedup)
                .put("client", "Carapulse");
        ObjectNode payload = event.putObject("payload")
                .put("summary", summary(r))
                .put("source", config.source())
                .put("severity", pd.severity())
                .put("component", "approvals")
                .put("group", r.environment())
                .put("class", r.breakGlass() ? "break_glass_approval" : "approval");
        ObjectNode details = payload.putObject("custom_details")
                .put("approval_id", r.approvalId()).put("plan_id", r.planId()).put("environment", r.environment())
                .put("requester", r.requester()).put("fingerprint", r.fingerprint()).put("break_glass", r.breakGlass())
                .put("expires_at", r.expiresAt().toString());
        ArrayNode steps = details.putArray("steps");
        r.steps().forEach(s -> steps.add(s.position() + ". " + s.tool() + "." + s.action() + " [" + s.actionClass()
                + "] " + s.target() + (s.preview() == null ? "" : " — changes: " + s.preview().summary()
                + " (diff sha256 " + s.preview().diffSha256() + "; the diff is on the plan page)")
                + (s.revertAfter() == null ? "" : " — reverted " + s.revertAfter() + " after the execution succeeds")));
        if (r.planUrl() != null) {
            event.put("client_url", r.planUrl().toString());
            event.putArray("links").addObject().put("href", r.planUrl().toString()).put("text", "Plan " + r.planId());
        }
        client.enqueue(routingKey(r.environment(), pd), event);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("dedupKey", dedup);
        evidence.put("environment", r.environment());
        evidence.put("severity", pd.severity());
        evidence.put("triggered", true);
        return lookUp(new ChannelRecord(NAME, dedup, null, null, evidence));
    }

    @Override
    public ChannelRecord update(ChannelRecord record, ChannelUpdate update) {
        boolean resolves = update instanceof ChannelUpdate.Expired || update instanceof ChannelUpdate.Superseded
                || update instanceof ChannelUpdate.ExecutionEnded
                || (update instanceof ChannelUpdate.Decided d && !d.approved());
        if (!resolves) {
            return lookUp(record);
        }
        String environment = String.valueOf(record.evidence().get("environment"));
        ObjectNode event = JsonHttp.JSON.createObjectNode().put("event_action", "resolve")
                .put("dedup_key", record.externalId());
        client.enqueue(routingKey(environment, pagerDuty(environment)), event);
        return lookUp(record.withEvidence("resolved", true));
    }

    /** Adds the incident id and URL when PagerDuty shows the incident; a failed look-up changes nothing. */
    private ChannelRecord lookUp(ChannelRecord record) {
        if (record.displayId() != null || !client.hasApiToken()) {
            return record;
        }
        try {
            return client.incidentByKey(record.externalId())
                    .map(i -> new ChannelRecord(NAME, record.externalId(), i.id(), i.url(), record.evidence())
                            .withEvidence("incidentId", i.id()))
                    .orElse(record);
        } catch (CarapulseException e) {
            LOG.warn("PagerDuty incident look-up for {} failed, will retry with the next update: {}",
                    record.externalId(), e.getMessage());
            return record;
        }
    }

    private Environment.PagerDuty pagerDuty(String environment) {
        return environments.find(environment).map(e -> e.policy().pagerDuty()).orElse(Environment.PagerDuty.NONE);
    }

    private SecretRef routingKey(String environment, Environment.PagerDuty pd) {
        return pd.routingKey().or(() -> java.util.Optional.ofNullable(config.routingKeyRef()))
                .orElseThrow(() -> new PermanentException("channel_refused", "no PagerDuty routing key for '"
                        + environment + "': set carapulse.environments." + environment
                        + ".pagerduty.routing-key or carapulse.approvals.pagerduty.routing-key"));
    }

    private static String summary(ApprovalRequest r) {
        String s = (r.breakGlass() ? "Break-glass approval" : "Approval") + " needed in " + r.environment() + ": "
                + r.summary() + " (requested by " + r.requester() + ")";
        return s.length() > 1000 ? s.substring(0, 999) + "…" : s;
    }
}
