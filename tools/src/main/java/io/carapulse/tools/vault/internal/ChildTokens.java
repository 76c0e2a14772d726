package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.vault.VaultInstance;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token a CLI call gets instead of the server's: a child of the server token
 * ({@code POST auth/token/create}), a service token with a TTL of the call's deadline, a use limit, no
 * {@code default} policy, the inventory's {@code child-policies} when set, not renewable; revoked by its
 * accessor ({@code POST auth/token/revoke-accessor}, which the driver has no method for) when the call
 * ends, whatever the end.
 */
public final class ChildTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ChildTokens.class);

    private final VaultApi api;

    public ChildTokens(VaultApi api) {
        this.api = api;
    }

    /**
     * A child token.
     *
     * @param token     the token, for the lease only
     * @param accessor  its accessor: the evidence that finds the call in Vault's audit device
     * @param requestId the {@code request_id} of its creation
     */
    public record Child(String token, String accessor, String requestId) {
        @Override
        public String toString() {
            return "Child[accessor=" + accessor + "]";
        }
    }

    /** Creates the child token of one CLI call. */
    public Child create(String environment, VaultInstance vault, Duration ttl, int uses, String displayName,
                        Map<String, String> meta, ToolContext ctx) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!vault.childPolicies().isEmpty()) {
            vault.childPolicies().forEach(body.putArray("policies")::add);
        }
        String seconds = Math.max(60, ttl.toSeconds()) + "s";
        body.put("no_default_policy", true).put("ttl", seconds).put("explicit_max_ttl", seconds)
                .put("num_uses", uses).put("renewable", false).put("type", "service")
                .put("display_name", displayName);
        ObjectNode m = body.putObject("meta");
        meta.forEach(m::put);
        VaultApi.Reply reply = api.call(environment, vault, "POST", "auth/token/create", body, false, ctx);
        JsonNode auth = reply.json().path("auth");
        String token = auth.path("client_token").asText("");
        if (token.isEmpty()) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "vault did not create a child token for the call "
                    + "(auth/token/create answered without one)", reply.evidence());
        }
        return new Child(token, auth.path("accessor").asText(""), reply.requestId());
    }

    /**
     * Revokes {@code child} by accessor with the server token; never cancelled with the call it served.
     * A failure is logged by accessor only (the token still dies at its TTL) and answered false.
     */
    public boolean revoke(String environment, VaultInstance vault, Child child) {
        try {
            api.call(environment, vault, "POST", "auth/token/revoke-accessor",
                    JsonNodeFactory.instance.objectNode().put("accessor", child.accessor()), false, UNCANCELLED);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("revoking the child token with accessor {} failed; it expires at its TTL: {}", child.accessor(),
                    e.getMessage());
            return false;
        }
    }

    /** A context for the revocation: its own short deadline, never cancelled. */
    private static final ToolContext UNCANCELLED = new ToolContext() {
        @Override
        public String executionId() {
            return "vault-child-token-revoke";
        }

        @Override
        public java.time.Instant deadline() {
            return java.time.Instant.now().plusSeconds(15);
        }

        @Override
        public void emit(String line) {
        }

        @Override
        public io.carapulse.api.tool.CancellationSignal cancellation() {
            return NEVER;
        }
    };

    private static final io.carapulse.api.tool.CancellationSignal NEVER = new io.carapulse.api.tool.CancellationSignal() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    };
}
