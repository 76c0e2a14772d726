package io.carapulse.core.api;

import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditCheckpoints;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.AuditVerification;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Cursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code /v1/audit}: the audit log, its signed checkpoints and its verification (S7). */
@ProblemResponses
@Controller("/v1/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final AuditService audit;
    private final AuditCheckpoints checkpoints;
    private final AuditVerification verification;
    private final PolicyService policy;

    public AuditController(AuditService audit, AuditCheckpoints checkpoints, AuditVerification verification,
                           PolicyService policy) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.verification = verification;
        this.policy = policy;
    }

    @Get
    public PageView<AuditEventView> list(@Nullable @QueryValue String actor, @Nullable @QueryValue String action,
                                         @Nullable @QueryValue String decision, @Nullable @QueryValue String subject,
                                         @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                         @Nullable @QueryValue String before,
                                         @Nullable @QueryValue Integer limit, @Nullable @QueryValue Long offset,
                                         Authentication auth) {
        policy.requireReader(Actors.of(auth), "audit.read", "audit", null);
        Paging.offset(offset);
        AuditFilter filter = new AuditFilter(actor, action, Paging.option(Decision.class, "decision", decision), subject,
                instant("from", from), instant("to", to), Cursor.sequence(before));
        return audit.list(filter, Paging.limit(limit));
    }

    @Get("/verify")
    public AuditVerifyView verify(Authentication auth) {
        policy.requireReader(Actors.of(auth), "audit.verify", "audit", null);
        return verification.verify();
    }

    /** Signed checkpoints, newest first; {@code before} pages by id. */
    @Get("/checkpoints")
    public PageView<AuditCheckpointView> checkpoints(@Nullable @QueryValue String before,
                                                     @Nullable @QueryValue Integer limit,
                                                     @Nullable @QueryValue Long offset, Authentication auth) {
        policy.requireReader(Actors.of(auth), "audit.read", "audit", null);
        Paging.offset(offset);
        return checkpoints.list(Cursor.sequence(before), Paging.limit(limit));
    }

    /** Signs the chain head now; {@code 409 audit_signing_off} when the server has no signing key. */
    @Post("/checkpoints")
    public HttpResponse<AuditCheckpointView> sign(Authentication auth) {
        Actor actor = Actors.of(auth);
        policy.requireReader(actor, "audit.checkpoint", "audit", null);
        return HttpResponse.created(checkpoints.signNow(actor));
    }


    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    name + " must be an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
    }
}
