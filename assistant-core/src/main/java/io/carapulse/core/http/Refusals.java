package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.observability.CarapulseMeters;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a refused request besides its answer. A refusal of an authenticated caller's
 * decision — {@code 403}, {@code 409}, {@code 422} from a service — goes into the audit chain (once:
 * services that record their own refusals mark them). Authentication failures and malformed requests
 * ({@code 400}, {@code 401}, {@code 404}, {@code 405}, {@code 406}, {@code 413}, {@code 415}, and a body
 * that does not bind) are counted in {@code carapulse_requests_refused_total{code,status}} and logged at
 * most once per code every ten seconds, so an anonymous client cannot flood the chain or the log.
 */
@Singleton
public class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Actor ANONYMOUS = new Actor("anonymous", "anonymous", AuthKind.API_TOKEN, Set.of());

    private final AuditService audit;
    private final CarapulseMeters meters;
    private final ConcurrentMap<String, Long> lastLogged = new ConcurrentHashMap<>();

    public Refusals(AuditService audit, CarapulseMeters meters) {
        this.audit = audit;
        this.meters = meters;
    }

    /** A refusal a service raised: audited if it is a decision refusal nobody recorded yet. */
    public void refused(HttpRequest<?> request, ProblemException refusal) {
        ProblemCode code = refusal.problem();
        if (isDecision(code) && !refusal.isAudited()) {
            audit(request, code, refusal.getMessage());
            refusal.audited();
            return;
        }
        if (!isDecision(code)) {
            count(request, code, refusal.getMessage());
        }
    }

    /** A refusal the framework produced (no route, bad JSON, no token ...): counted and logged, not audited. */
    public void rejected(HttpRequest<?> request, ProblemCode code, String detail) {
        count(request, code, detail);
    }

    /** A decision refusal raised below the services (a lost race): audited. */
    public void conflict(HttpRequest<?> request, ProblemCode code, String detail) {
        audit(request, code, detail);
    }

    private static boolean isDecision(ProblemCode code) {
        return code.status() == 403 || code.status() == 409 || code.status() == 422;
    }

    private void audit(HttpRequest<?> request, ProblemCode code, String detail) {
        Actor actor = request == null ? ANONYMOUS : request.getUserPrincipal(Authentication.class)
                .map(Actors::of).orElse(ANONYMOUS);
        String action = request == null ? "api" : "api." + request.getMethodName().toLowerCase(Locale.ROOT);
        String path = request == null ? null : request.getPath();
        audit.recordDenial(AuditEntry.deny(actor, action, "route", path, code.code()).with("detail", detail));
        meters.denial(code.code());
    }

    private void count(HttpRequest<?> request, ProblemCode code, String detail) {
        meters.refused(code.code(), code.status());
        long now = System.nanoTime();
        Long last = lastLogged.get(code.code());
        if (last == null || now - last >= LOG_EVERY.toNanos()) {
            if (last == null ? lastLogged.putIfAbsent(code.code(), now) == null
                    : lastLogged.replace(code.code(), last, now)) {
                LOG.info("refused {} {}: {} {} (further '{}' refusals counted in carapulse_requests_refused_total, "
                                + "logged at most every {} s)",
                        request == null ? "" : request.getMethodName(), request == null ? "" : request.getPath(),
                        code.status(), detail, code.code(), LOG_EVERY.toSeconds());
            }
        }
    }
}
