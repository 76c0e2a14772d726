package io.carapulse.core.plan;

import io.carapulse.api.dto.PlanOrigin;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The agent a plan acts as: {@code runbook:<name>} for a plan a runbook run made, as long as its steps are the
 * runbook's ({@code plan_origin.steps_edited}, V24). That agent's capabilities count beside the requester's, and its
 * own integrations serve the plan's tool calls before the environment's (docs/integrations.md#runbooks-as-agents).
 * Editing the steps ends it for good: what the runbook's grants cover is what the runbook says, not what someone
 * wrote in its place. So does retiring the runbook: nothing acts as a runbook that is no longer one.
 */
@Singleton
public class PlanAgents {

    /** The principal prefix of a runbook acting as an agent. */
    public static final String RUNBOOK = "runbook:";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;

    PlanAgents(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The agent plan {@code planId} acts as, if any. */
    public Optional<String> of(String planId) {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT o.runbook FROM plan_origin o JOIN runbook r ON r.name = o.runbook"
                        + " WHERE o.plan_id = ? AND o.steps_edited = FALSE AND r.retired = FALSE", ps -> {
                    ps.setString(1, planId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(RUNBOOK + rs.getString(1)) : Optional.<String>empty();
                    }
                }));
    }

    /** The agent of a plan a runbook is making now ({@code origin} null for none). */
    static String of(PlanOrigin origin) {
        return origin == null ? null : RUNBOOK + origin.runbook();
    }

    /**
     * Records, inside the caller's transaction, that the steps of plan {@code planId} were edited; whether it acted
     * as a runbook until now.
     */
    boolean stepsEdited(String planId) {
        return jdbc.prepareStatement("UPDATE plan_origin SET steps_edited = TRUE WHERE plan_id = ? AND steps_edited = FALSE",
                ps -> {
                    ps.setString(1, planId);
                    return ps.executeUpdate() > 0;
                });
    }
}
