package io.carapulse.core.runbook;

import io.carapulse.api.dto.RunbookView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.tool.ToolRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runbooks this server knows, every version of each. A name belongs to one source: the API, a
 * file in a runbook directory, or the built-ins shipped with the server (which a file of the same
 * name replaces). Recording a definition whose content differs from the current version makes a new
 * version; recording the same content again changes nothing.
 */
@Singleton
public class RunbookCatalog {

    /** Where a runbook is defined. */
    public enum Source {
        BUILTIN, FILE, API;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Source of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A recorded version and its parsed definition. */
    public record Version(String name, int version, Source source, String location, RunbookDefinition definition,
                          String sha256, Instant createdAt, String createdBy) {
    }

    private final RunbookRepository runbooks;
    private final RunbookVersionRepository versions;
    private final ToolRegistry tools;
    private final EnvironmentCatalog environments;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final StandingApprovals standing;
    private final io.carapulse.core.approval.ApprovalService approvals;

    public RunbookCatalog(RunbookRepository runbooks, RunbookVersionRepository versions, ToolRegistry tools,
                          EnvironmentCatalog environments, AuditService audit, TransactionOperations<Connection> tx,
                          Clock clock, StandingApprovals standing, io.carapulse.core.approval.ApprovalService approvals) {
        this.standing = standing;
        this.approvals = approvals;
        this.runbooks = runbooks;
        this.versions = versions;
        this.tools = tools;
        this.environments = environments;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A parser that checks tools, actions and environments against this server. */
    RunbookParser parser() {
        return new RunbookParser(tools::tool, name -> environments.find(name).isPresent());
    }

    /**
     * Records {@code definition} from {@code source} as the runbook's current version.
     *
     * @return the current version afterwards (a new one only if the content changed)
     * @throws ProblemException {@code invalid_state} when the name belongs to another source
     */
    public Version record(RunbookDefinition definition, Source source, String location, Actor actor) {
        // stored as written (parameters in their declared order); hashed in the canonical form
        String json = Json.write(definition.toJson());
        String sha = Json.sha256Hex(Json.canonical(definition.toJson()));
        try {
            return tx.executeWrite(status -> recordLocked(definition, source, location, actor, json, sha));
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            // another replica recorded the first version of this name at the same moment: compare with it
            return tx.executeWrite(status -> recordLocked(definition, source, location, actor, json, sha));
        }
    }

    private Version recordLocked(RunbookDefinition definition, Source source, String location, Actor actor,
                                 String json, String sha) {
        Instant now = Times.now(clock);
        String name = definition.name();
        Optional<RunbookRow> existing = runbooks.findForUpdate(name);
        int next = 1;
        if (existing.isPresent()) {
            RunbookRow row = existing.get();
            Source owner = Source.of(row.source());
            if (!row.retired() && owner != source && !(source == Source.FILE && owner == Source.BUILTIN)) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "runbook " + name + " is defined "
                        + where(owner, row.location()) + "; change or remove it there");
            }
            RunbookVersionRow current = versions.findByNameAndVersion(name, row.currentVersion()).orElseThrow();
            if (current.sha256().equals(sha) && owner == source && java.util.Objects.equals(row.location(), location)) {
                if (row.retired()) {
                    runbooks.update(new RunbookRow(name, row.currentVersion(), row.source(), row.location(), false, now));
                    audit.record(AuditEntry.allow(actor, "runbook.restore", "runbook", name)
                            .with("version", row.currentVersion()).with("source", source.wire()));
                }
                return version(current);
            }
            next = row.currentVersion() + 1;
        }
        RunbookVersionRow saved = versions.save(new RunbookVersionRow(Ids.runbookVersion(), name, next, source.wire(),
                location, json, sha, now, actor.id()));
        RunbookRow row = new RunbookRow(name, next, source.wire(), location, false, now);
        if (existing.isPresent()) {
            runbooks.update(row);
        } else {
            runbooks.save(row);
        }
        audit.record(AuditEntry.allow(actor, "runbook.record", "runbook", name)
                .with("version", next)
                .with("source", source.wire())
                .with("sha256", sha));
        // a standing approval covers the version it was granted for, never a changed runbook
        standing.voidOlderVersions(name, next, actor, approvals::reopen);
        return version(saved);
    }

    /**
     * Takes a runbook out of the catalog (its versions stay, for the plans made from them).
     *
     * @param source only a runbook of this source is retired (the API retires only what the API defined)
     */
    public void retire(String name, Source source, Actor actor) {
        tx.executeWrite(status -> {
            RunbookRow row = runbooks.findForUpdate(name).filter(r -> !r.retired())
                    .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no runbook " + name));
            if (Source.of(row.source()) != source) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "runbook " + name + " is defined "
                        + where(Source.of(row.source()), row.location()) + "; remove it there");
            }
            runbooks.update(new RunbookRow(name, row.currentVersion(), row.source(), row.location(), true, Times.now(clock)));
            audit.record(AuditEntry.allow(actor, "runbook.retire", "runbook", name).with("version", row.currentVersion()));
            return null;
        });
    }

    /** The runbooks that may be run, by name. */
    public List<Version> list() {
        return tx.executeRead(status -> runbooks.findByRetiredOrderByName(false).stream()
                .map(r -> version(versions.findByNameAndVersion(r.name(), r.currentVersion()).orElseThrow()))
                .toList());
    }

    /** Names and sources of every runbook row, retired ones too (for the directory scan). */
    List<RunbookRow> rows() {
        return tx.executeRead(status -> {
            List<RunbookRow> out = new java.util.ArrayList<>();
            runbooks.findAll().forEach(out::add);
            return out;
        });
    }

    /** The current version of a runbook that may be run. */
    public Version current(String name) {
        return tx.executeRead(status -> runbooks.findById(name).filter(r -> !r.retired())
                .flatMap(r -> versions.findByNameAndVersion(name, r.currentVersion()))
                .map(this::version)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no runbook " + name)));
    }

    /** A given version of a runbook that may be run. */
    public Version version(String name, int version) {
        Version current = current(name);
        if (version == current.version()) {
            return current;
        }
        return tx.executeRead(status -> versions.findByNameAndVersion(name, version).map(this::version)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "runbook " + name + " has no version "
                        + version + " (the current one is " + current.version() + ")")));
    }

    /** Every version of a runbook, newest first. */
    public List<Version> versions(String name) {
        current(name);
        return tx.executeRead(status -> versions.findByNameOrderByVersionDesc(name).stream().map(this::version).toList());
    }

    public static RunbookView view(Version v, boolean withSteps) {
        var json = v.definition().toJson();
        return new RunbookView(v.name(), v.version(), v.definition().description(), v.source().wire(), v.location(),
                v.definition().environments(), (com.fasterxml.jackson.databind.node.ObjectNode) json.get("parameters"),
                v.definition().summary(), withSteps ? json.get("steps") : null, withSteps ? json.get("verify") : null,
                v.sha256(), v.createdAt(), v.createdBy());
    }

    private Version version(RunbookVersionRow row) {
        RunbookDefinition definition = RunbookParser.stored().parse(Json.read(row.definitionJson()),
                "runbook " + row.name() + " version " + row.version());
        return new Version(row.name(), row.version(), Source.of(row.source()), row.location(), definition,
                row.sha256(), row.createdAt(), row.createdBy());
    }

    private static String where(Source source, String location) {
        return switch (source) {
            case API -> "through the API";
            case FILE -> "by the file " + location;
            case BUILTIN -> "by the server (built in)";
        };
    }
}
