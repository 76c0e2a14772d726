package io.carapulse.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.PlanOrigin;
import io.carapulse.api.dto.StandingApprovalRequest;
import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Standing approvals: an approver authorises in advance the plans of one runbook version in one
 * environment whose parameters stay within bounds, for a time no longer than the environment allows
 * ({@code guard-rails.standing-approval-max}; without it none may be granted there). The same
 * separation of duties applies as to approving a plan: it is checked when granting (the approver
 * role) and again for each plan (the plan's requester is not the grantor unless the environment lets
 * requesters approve their own plans). A plan with break-glass steps is never authorised this way.
 */
@Singleton
public class StandingApprovals {

    /** A standing approval that authorises a plan. */
    public record Grant(String id, String grantedBy, Instant expiresAt) {
    }

    private static final Set<String> BOUND_KEYS = Set.of("minimum", "maximum", "enum");

    private final EnvironmentCatalog environments;
    private final PolicyService policy;
    private final AuditService audit;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public StandingApprovals(EnvironmentCatalog environments, PolicyService policy, AuditService audit,
                             JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock) {
        this.environments = environments;
        this.policy = policy;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Grants one for the given version of the runbook (the current one when the request names none). */
    public StandingApprovalView grant(Actor actor, StandingApprovalRequest r, RunbookCatalog catalog) {
        if (r == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "a JSON body with runbook, environment, bounds and duration is required");
        }
        if (r.environment() == null || r.runbook() == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "runbook and environment are required");
        }
        Environment env = environments.find(r.environment()).orElseThrow(() -> new ProblemException(
                ProblemCode.ENVIRONMENT_NOT_ALLOWED, "environment '" + r.environment() + "' is not configured"));
        policy.requireApproverRole(actor, env, null);
        Optional<Duration> max = env.guardRails().standingApprovalMax();
        if (max.isEmpty()) {
            throw policy.deny(actor, "standing_approval.grant", "standing_approval", null, ProblemCode.FORBIDDEN,
                    "environment '" + env.name() + "' allows no standing approvals (guard-rails.standing-approval-max is not set)");
        }
        Duration duration = duration(r.duration());
        if (duration.compareTo(max.get()) > 0) {
            throw invalid("duration", "at most " + human(max.get()) + " in " + env.name() + ", not " + r.duration());
        }
        RunbookCatalog.Version v = r.version() == null ? catalog.current(r.runbook()) : catalog.version(r.runbook(), r.version());
        if (v.version() != catalog.current(r.runbook()).version()) {
            throw invalid("version", "runbook " + r.runbook() + " is at version " + catalog.current(r.runbook()).version()
                    + "; only the current version can be approved in advance");
        }
        if (!v.definition().runsIn(env.name())) {
            throw new ProblemException(ProblemCode.ENVIRONMENT_NOT_ALLOWED, "runbook " + r.runbook() + " may not run in "
                    + env.name());
        }
        int version = v.version();
        ObjectNode bounds = bounds(r.bounds(), v.definition());
        if (r.note() != null && r.note().length() > 2000) {
            throw invalid("note", "at most 2000 characters");
        }
        Instant now = Times.now(clock);
        String id = Ids.standingApproval();
        Instant expires = now.plus(duration);
        return tx.executeWrite(s -> {
            jdbc.prepareStatement("INSERT INTO standing_approval (id, runbook, runbook_version, environment, bounds_json,"
                    + " note, granted_by, granted_by_name, granted_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?)", ps -> {
                ps.setString(1, id);
                ps.setString(2, r.runbook());
                ps.setInt(3, version);
                ps.setString(4, env.name());
                ps.setString(5, Json.canonical(bounds));
                ps.setString(6, r.note());
                ps.setString(7, actor.id());
                ps.setString(8, actor.name());
                ps.setTimestamp(9, Timestamp.from(now));
                ps.setTimestamp(10, Timestamp.from(expires));
                return ps.executeUpdate();
            });
            audit.record(AuditEntry.allow(actor, "standing_approval.grant", "standing_approval", id)
                    .with("runbook", r.runbook()).with("runbookVersion", version).with("environment", env.name())
                    .with("bounds", bounds).with("expiresAt", expires.toString()).withReason(r.note()));
            return require(id);
        });
    }

    public List<StandingApprovalView> list(Actor actor) {
        policy.requireReader(actor, "standing_approval.list", "standing_approval", null);
        return tx.executeRead(s -> query("SELECT * FROM standing_approval ORDER BY granted_at DESC", ps -> { }));
    }

    public StandingApprovalView get(Actor actor, String id) {
        policy.requireReader(actor, "standing_approval.read", "standing_approval", id);
        return tx.executeRead(s -> require(id));
    }

    /** Revokes one; approvals it gave that no execution used yet are voided, and those plans wait for a person. */
    public StandingApprovalView revoke(Actor actor, String id, Revoker revoker) {
        StandingApprovalView current = tx.executeRead(s -> require(id));
        Environment env = environments.find(current.environment()).orElseThrow(() ->
                new ProblemException(ProblemCode.NOT_FOUND, "no environment " + current.environment()));
        policy.requireApproverRole(actor, env, null);
        return tx.executeWrite(s -> {
            end(id, actor, "revoked", revoker);
            return require(id);
        });
    }

    /** Ends every standing approval of older versions of {@code runbook}; inside the caller's transaction. */
    public void voidOlderVersions(String runbook, int newVersion, Actor actor, Revoker revoker) {
        List<String> ids = jdbc.prepareStatement("SELECT id FROM standing_approval WHERE runbook = ? AND runbook_version < ?"
                + " AND ended_at IS NULL", ps -> {
            ps.setString(1, runbook);
            ps.setInt(2, newVersion);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        for (String id : ids) {
            end(id, actor, "voided: runbook " + runbook + " version " + newVersion + " was recorded", revoker);
        }
    }

    /** Voids a standing approval's unused approvals; the plans then wait for a person (given by the caller). */
    public interface Revoker {
        void voidUnused(String approvalId, String planId, String why, Actor actor);
    }

    private void end(String id, Actor actor, String reason, Revoker revoker) {
        Instant now = Times.now(clock);
        int changed = jdbc.prepareStatement("UPDATE standing_approval SET ended_at = ?, ended_by = ?, end_reason = ?"
                + " WHERE id = ? AND ended_at IS NULL", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, actor.id());
            ps.setString(3, reason);
            ps.setString(4, id);
            return ps.executeUpdate();
        });
        if (changed == 0) {
            return;
        }
        audit.record(AuditEntry.allow(actor, reason.startsWith("voided") ? "standing_approval.void" : "standing_approval.revoke",
                "standing_approval", id).withReason(reason));
        List<String[]> uses = jdbc.prepareStatement("SELECT u.approval_id, u.plan_id FROM standing_approval_use u"
                + " JOIN approval a ON a.id = u.approval_id WHERE u.standing_approval_id = ? AND a.status = 'APPROVED'", ps -> {
            ps.setString(1, id);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        for (String[] use : uses) {
            revoker.voidUnused(use[0], use[1], "standing approval " + id + " " + reason, actor);
        }
    }

    /**
     * The standing approval that authorises a runbook plan, if one does; inside the caller's transaction.
     *
     * @param requester who requests the plan
     */
    public Optional<Grant> match(Environment env, Actor requester, PlanOrigin origin, boolean breakGlass) {
        if (origin == null || breakGlass || env.guardRails().standingApprovalMax().isEmpty()) {
            return Optional.empty();
        }
        Instant now = Times.now(clock);
        List<StandingApprovalView> candidates = query("SELECT * FROM standing_approval WHERE runbook = ? AND runbook_version = ?"
                + " AND environment = ? AND ended_at IS NULL AND expires_at > ? ORDER BY granted_at", ps -> {
            try {
                ps.setString(1, origin.runbook());
                ps.setInt(2, origin.version());
                ps.setString(3, env.name());
                ps.setTimestamp(4, Timestamp.from(now));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        for (StandingApprovalView v : candidates) {
            if (v.grantedBy().equals(requester.id()) && !env.policy().selfApproval()) {
                continue; // separation of duties: a grantor's own runs need someone else
            }
            if (within(v.bounds(), origin.params())) {
                return Optional.of(new Grant(v.id(), v.grantedBy(), v.expiresAt()));
            }
        }
        return Optional.empty();
    }

    /** The standing approval that gave {@code approvalId}, if one did. */
    public Optional<String> forApproval(String approvalId) {
        return tx.executeRead(st -> jdbc.prepareStatement(
                "SELECT standing_approval_id FROM standing_approval_use WHERE approval_id = ?", ps -> {
                    ps.setString(1, approvalId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                    }
                }));
    }

    /** Records that {@code grant} gave {@code approvalId}; inside the caller's transaction. */
    public void recordUse(Grant grant, String approvalId, String planId) {
        jdbc.prepareStatement("INSERT INTO standing_approval_use (approval_id, standing_approval_id, plan_id) VALUES (?,?,?)",
                ps -> {
                    ps.setString(1, approvalId);
                    ps.setString(2, grant.id());
                    ps.setString(3, planId);
                    return ps.executeUpdate();
                });
    }

    static boolean within(JsonNode bounds, ObjectNode params) {
        for (Iterator<Map.Entry<String, JsonNode>> it = bounds.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> b = it.next();
            JsonNode value = params.get(b.getKey());
            if (value == null) {
                return false;
            }
            JsonNode allowed = b.getValue().get("enum");
            if (allowed != null) {
                boolean found = false;
                for (JsonNode a : allowed) {
                    found |= a.isNumber() && value.isNumber() ? a.decimalValue().compareTo(value.decimalValue()) == 0
                            : a.equals(value);
                }
                if (!found) {
                    return false;
                }
            }
            if (b.getValue().has("minimum") && (!value.isNumber()
                    || value.decimalValue().compareTo(b.getValue().get("minimum").decimalValue()) < 0)) {
                return false;
            }
            if (b.getValue().has("maximum") && (!value.isNumber()
                    || value.decimalValue().compareTo(b.getValue().get("maximum").decimalValue()) > 0)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode bounds(ObjectNode given, RunbookDefinition definition) {
        if (given == null || given.isEmpty()) {
            throw invalid("bounds", "name at least one parameter and its bounds, e.g. {\"replicas\": {\"minimum\": 2, \"maximum\": 6}}");
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "bounds." + e.getKey();
            RunbookParameter parameter = definition.parameters().get(e.getKey());
            if (parameter == null) {
                throw invalid(path, "runbook has no parameter '" + e.getKey() + "'");
            }
            JsonNode b = e.getValue();
            if (!b.isObject() || b.isEmpty()) {
                throw invalid(path, "must be {\"minimum\": …, \"maximum\": …} or {\"enum\": [...]}");
            }
            for (Iterator<String> k = b.fieldNames(); k.hasNext(); ) {
                String key = k.next();
                if (!BOUND_KEYS.contains(key)) {
                    throw invalid(path + "." + key, "unknown; a bound has minimum, maximum or enum");
                }
            }
            boolean numeric = parameter.type().equals("integer") || parameter.type().equals("number");
            for (String key : List.of("minimum", "maximum")) {
                if (b.has(key) && (!numeric || !b.get(key).isNumber())) {
                    throw invalid(path + "." + key, numeric ? "must be a number" : "only a number parameter has a " + key);
                }
            }
            if (b.has("minimum") && b.has("maximum") && b.get("minimum").decimalValue().compareTo(b.get("maximum").decimalValue()) > 0) {
                throw invalid(path + ".maximum", "is below minimum");
            }
            if (b.has("enum")) {
                if (!b.get("enum").isArray() || b.get("enum").isEmpty()) {
                    throw invalid(path + ".enum", "must be a non-empty list of values");
                }
                for (int i = 0; i < b.get("enum").size(); i++) {
                    String problem = parameter.check(b.get("enum").get(i), false);
                    if (problem != null) {
                        throw invalid(path + ".enum[" + i + "]", problem);
                    }
                }
            }
            out.set(e.getKey(), b.deepCopy());
        }
        return out;
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("duration", "required, e.g. 8h or 7d");
        }
        return io.carapulse.core.common.Durations.parse(text.trim()).orElseThrow(() ->
                invalid("duration", "'" + text + "' is not a duration such as 30m, 8h or 7d"));
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static ProblemException invalid(String path, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, path + ": " + message,
                Map.of("errors", List.of(Map.of("path", path, "message", message))));
    }

    private StandingApprovalView require(String id) {
        return query("SELECT * FROM standing_approval WHERE id = ?", ps -> {
            try {
                ps.setString(1, id);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).stream().findFirst().orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no standing approval " + id));
    }

    private List<StandingApprovalView> query(String sql, Consumer<java.sql.PreparedStatement> bind) {
        Instant now = Times.now(clock);
        return jdbc.prepareStatement(sql, ps -> {
            bind.accept(ps);
            List<StandingApprovalView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant expires = rs.getTimestamp("expires_at").toInstant();
                    Timestamp ended = rs.getTimestamp("ended_at");
                    String reason = rs.getString("end_reason");
                    String status = ended != null ? (reason != null && reason.startsWith("voided") ? "voided" : "revoked")
                            : expires.isAfter(now) ? "active" : "expired";
                    out.add(new StandingApprovalView(rs.getString("id"), rs.getString("runbook"), rs.getInt("runbook_version"),
                            rs.getString("environment"), Json.readObject(rs.getString("bounds_json")), rs.getString("note"),
                            rs.getString("granted_by"), rs.getTimestamp("granted_at").toInstant(), expires, status,
                            ended == null ? null : ended.toInstant(), rs.getString("ended_by"), reason));
                }
            }
            return out;
        });
    }
}
