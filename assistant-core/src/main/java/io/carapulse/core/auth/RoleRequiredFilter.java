package io.carapulse.core.auth;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.http.Problems;
import io.carapulse.core.observability.CarapulseMeters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/**
 * A caller with no Carapulse role is refused on every {@code /v1} route before any controller looks
 * at state, so the answer never depends on what exists: the same {@code 403} for a plan that exists
 * and one that does not, for a version, a list or an approval. {@code /v1/me} stays open so such a
 * caller can see who the server thinks they are and which roles they lack.
 */
@ServerFilter("/v1/**")
class RoleRequiredFilter implements Ordered {

    private static final String WHO_AM_I = "/v1/me";

    private final AuditService audit;
    private final CarapulseMeters meters;

    RoleRequiredFilter(AuditService audit, CarapulseMeters meters) {
        this.audit = audit;
        this.meters = meters;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> requireARole(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null || WHO_AM_I.equals(request.getPath())) {
            return null;
        }
        Actor actor = Actors.of(authentication);
        if (!actor.roles().isEmpty()) {
            return null;
        }
        String detail = "you have no Carapulse role; ask an admin to map your groups to a role";
        audit.recordDenial(AuditEntry.deny(actor, "api." + request.getMethodName().toLowerCase(java.util.Locale.ROOT),
                "route", request.getPath(), ProblemCode.FORBIDDEN.code()).with("detail", detail));
        meters.denial(ProblemCode.FORBIDDEN.code());
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.body(ProblemCode.FORBIDDEN, detail, request, Map.of()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
