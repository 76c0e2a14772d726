package io.carapulse.core.broker;

import io.carapulse.api.dto.KeyRotationView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.api.auth.Role;
import io.carapulse.core.broker.crypto.SecretUnreadableException;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/integrations/rotate-key} (admin): re-wraps every secret's data key with the current key
 * encryption key ({@link KeyRotation}) and returns the counts; audited as {@value #ACTION} with the counts
 * and key id, refusals as denials.
 */
@ProblemResponses
@Controller("/v1/integrations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class KeyRotationController {

    /** The audit action of a rotation. */
    public static final String ACTION = "integration.rotate-key";

    private final KeyRotation rotation;
    private final AuditService audit;
    private final PolicyService policy;
    private final TransactionOperations<Connection> tx;
    private final BrokerKeys keys;
    private final BrokerReplicas replicas;
    private final io.micronaut.context.event.ApplicationEventPublisher<KeyRotation.Result> rotated;

    public KeyRotationController(KeyRotation rotation, AuditService audit, PolicyService policy,
                                 TransactionOperations<Connection> tx, BrokerKeys keys, BrokerReplicas replicas,
                                 io.micronaut.context.event.ApplicationEventPublisher<KeyRotation.Result> rotated) {
        this.keys = keys;
        this.replicas = replicas;
        this.rotated = rotated;
        this.rotation = rotation;
        this.audit = audit;
        this.policy = policy;
        this.tx = tx;
    }

    @Post("/rotate-key")
    public KeyRotationView rotate(Authentication auth) {
        Actor actor = Actors.of(auth);
        if (!actor.has(Role.ADMIN)) {
            throw policy.deny(actor, ACTION, "broker", null, ProblemCode.FORBIDDEN,
                    "rotating the credential broker's key needs the admin role");
        }
        String current = keys.require().current().id();
        List<BrokerReplicas.Replica> lacking = replicas.lacking(current);
        if (!lacking.isEmpty()) {
            Instant now = Instant.now();
            throw policy.deny(actor, ACTION, "broker", null, ProblemCode.INVALID_STATE, "not rotating: "
                    + lacking.stream().map(r -> "replica " + r.label() + " (seen " + Duration.between(r.seenAt(), now)
                    .toSeconds() + " s ago) holds " + r.kekIds()).collect(Collectors.joining("; "))
                    + ", not the current key " + current + "; give every replica the new key (and the old one in "
                    + BrokerConfiguration.PREVIOUS_KEY_ENCRYPTION_KEYS + "), restart them, then rotate");
        }
        KeyRotation.Result r;
        try {
            r = rotation.rotate();
        } catch (SecretUnreadableException e) {
            throw policy.deny(actor, ACTION, "broker", null, ProblemCode.INVALID_STATE,
                    "the rotation stopped (the batches before it are done): " + e.getMessage());
        }
        // the batches committed on their own; the record of the whole run follows them
        tx.executeWrite(s -> {
            audit.record(AuditEntry.allow(actor, ACTION, "broker", r.kekId()).with("rewrapped", r.rewrapped())
                    .with("batches", r.batches()).with("secrets", r.total()));
            return null;
        });
        rotated.publishEvent(r); // what was cached from the old keys' secrets (minted tokens) is dropped
        return new KeyRotationView(r.rewrapped(), r.batches(), r.kekId(), r.total());
    }
}
