package io.carapulse.core.evidence;

import io.carapulse.api.error.PermanentException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.api.evidence.EvidenceFollowUp;
import io.carapulse.api.evidence.EvidenceFollowUp.Attempt;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a pending follow-up and stores what it came to as the addendum of its evidence:
 * pending again with the next backoff, found, not found (its time is up) or failed; an ending is written
 * with its {@code evidence.addendum} audit record in one transaction (S7). What the follow-up said is
 * redacted before it is stored (S4).
 */
@Singleton
public class FollowUpRunner {

    static final String AUDIT_ACTION = "evidence.addendum";
    private static final Logger LOG = LoggerFactory.getLogger(FollowUpRunner.class);
    private static final int SUMMARY_CHARS = 2000;

    private final FollowUpRepository repository;
    private final AuditService audit;
    private final FollowUpSettings settings;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Map<String, EvidenceFollowUp> byKind = new HashMap<>();
    private final Redactor redactor = Redactor.patterns();

    public FollowUpRunner(FollowUpRepository repository, AuditService audit, FollowUpSettings settings,
                          List<EvidenceFollowUp> followUps, TransactionOperations<Connection> tx, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        for (EvidenceFollowUp f : followUps) {
            EvidenceFollowUp other = byKind.putIfAbsent(f.kind(), f);
            if (other != null) {
                throw new IllegalStateException("two evidence follow-ups answer kind '" + f.kind() + "': "
                        + other.getClass().getName() + " and " + f.getClass().getName());
            }
        }
    }

    /**
     * Attempts the follow-up {@code id} if it is due and stores the outcome.
     *
     * @return when to attempt it next; empty when it has ended (or does not exist)
     */
    public Optional<Instant> attempt(String id) {
        FollowUpEntity f = tx.executeRead(s -> repository.findById(id)).orElse(null);
        if (f == null || f.status().terminal()) {
            return Optional.empty();
        }
        if (f.nextAttemptAt() != null && Times.now(clock).isBefore(f.nextAttemptAt())) {
            return Optional.of(f.nextAttemptAt()); // woken early (a revived task): never sooner than the backoff
        }
        Attempt answer = ask(f);
        Instant at = Times.now(clock);
        FollowUpEntity next = outcome(f, answer, at);
        try {
            FollowUpEntity saved = tx.executeWrite(s -> {
                FollowUpEntity stored = repository.update(next);
                if (stored.status().terminal()) {
                    audit.record(AuditEntry.allow(Actor.SYSTEM, AUDIT_ACTION, "evidence", stored.evidenceId())
                            .withReason(stored.status().wire())
                            .with("executionId", stored.executionId())
                            .with("followUpId", stored.id())
                            .with("kind", stored.kind())
                            .with("status", stored.status().wire())
                            .with("attempts", stored.attempts())
                            .with("externalIds", Json.read(stored.externalIdsJson()))
                            .with("summary", stored.summary()));
                }
                return stored;
            });
            return Optional.ofNullable(saved.nextAttemptAt());
        } catch (OptimisticLockException e) {
            // another replica stored an attempt meanwhile: follow what it stored
            return tx.executeRead(s -> repository.findById(id)).map(FollowUpEntity::nextAttemptAt);
        }
    }

    /** The follow-up's answer; a missing bean or an exception is an answer too, never a crash. */
    private Attempt ask(FollowUpEntity f) {
        EvidenceFollowUp followUp = byKind.get(f.kind());
        if (followUp == null) {
            return new Attempt.Failed("nothing on this server looks for follow-ups of kind '" + f.kind()
                    + "' (no tool family installed here offers it)");
        }
        try {
            Attempt answer = followUp.attempt(Json.readObject(f.paramsJson()), f.environment());
            return answer != null ? answer : new Attempt.NotYet("the follow-up gave no answer");
        } catch (RetriableException e) {
            return new Attempt.NotYet(e.getMessage());
        } catch (PermanentException e) {
            return new Attempt.Failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("evidence follow-up {} ({}) failed unexpectedly; it will be tried again", f.id(), f.kind(), e);
            return new Attempt.NotYet("the lookup failed unexpectedly: " + e.getClass().getSimpleName());
        }
    }

    private FollowUpEntity outcome(FollowUpEntity f, Attempt answer, Instant at) {
        if (answer instanceof Attempt.Found found) {
            Map<String, String> ids = new TreeMap<>();
            found.externalIds().forEach((k, v) -> ids.put(redactor.redact(k), redactor.redact(v)));
            return f.attempted(FollowUpStatus.FOUND, at, null, Json.write(ids), clean(found.summary()));
        }
        if (answer instanceof Attempt.Failed failed) {
            return f.attempted(FollowUpStatus.FAILED, at, null, f.externalIdsJson(), clean(failed.why()));
        }
        String why = ((Attempt.NotYet) answer).why();
        if (!at.isBefore(f.giveUpAt())) {
            Duration allowed = Duration.between(f.createdAt(), f.giveUpAt());
            int attempts = f.attempts() + 1;
            return f.attempted(FollowUpStatus.NOT_FOUND, at, null, f.externalIdsJson(),
                    clean("nothing found within " + human(allowed) + " (" + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + (why.isBlank() ? ")" : "); last: " + why)));
        }
        Instant next = FollowUps.earliest(at.plus(settings.delayAfter(f.attempts() + 1)), f.giveUpAt());
        return f.attempted(FollowUpStatus.PENDING, at, next, f.externalIdsJson(), clean(why));
    }

    /** Redacted first, then cut, so a secret is never cut into a piece the redactor no longer knows. */
    private String clean(String text) {
        String s = redactor.redact(text == null ? "" : text);
        return s.length() > SUMMARY_CHARS ? s.substring(0, SUMMARY_CHARS - 1) + "…" : s;
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
