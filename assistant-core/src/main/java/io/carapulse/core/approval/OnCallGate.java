package io.carapulse.core.approval;

import io.carapulse.api.approval.OnCallDirectory;
import io.carapulse.api.approval.OnCallDirectory.OnCallTarget;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.config.Environment;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.policy.PolicyService;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's on-call rule: where an environment names a PagerDuty schedule or escalation policy, an approver
 * must be on call for it at the moment they approve, matched by their verified email
 * ({@link Actor#email()}: the OIDC {@code email} claim or the address Linear names), never by a name
 * or an OIDC {@code sub} that merely looks like one. Fails closed: when PagerDuty cannot answer, the
 * approval is not applied ({@code unavailable}), and a person without a verified email cannot be
 * matched ({@code not_on_call}). Rejections are not gated: they can only stop a change.
 */
@Singleton
public class OnCallGate {

    private static final Logger LOG = LoggerFactory.getLogger(OnCallGate.class);

    private final ApprovalProviders providers;
    private final PolicyService policy;

    public OnCallGate(ApprovalProviders providers, PolicyService policy) {
        this.providers = providers;
        this.policy = policy;
    }

    /** Refuses (audited, thrown) unless {@code actor} may approve in {@code env} as far as on-call goes. */
    public void requireOnCall(Actor actor, Environment env, String planId) {
        Optional<OnCallTarget> target = env.policy().pagerDuty().onCall();
        if (target.isEmpty()) {
            return;
        }
        String email = actor.email();
        if (email == null) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.NOT_ON_CALL,
                    "approvals in '" + env.name() + "' need the approver to be on call in PagerDuty ("
                            + target.get() + "), matched by a verified email, and " + actor.name()
                            + " has none (an API token has no email; a sign-in needs an email claim that the"
                            + " identity provider has verified)");
        }
        OnCallDirectory directory = providers.onCall().orElse(null);
        boolean onCall;
        try {
            if (directory == null) {
                throw new IllegalStateException("no on-call directory is configured");
            }
            onCall = directory.isOnCall(email, target.get());
        } catch (CarapulseException | IllegalStateException e) {
            LOG.warn("on-call check for plan {} failed: {}", planId, e.getMessage());
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.UNAVAILABLE,
                    "PagerDuty cannot say who is on call now (" + e.getMessage() + "); the approval was not applied");
        }
        if (!onCall) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.NOT_ON_CALL,
                    email + " is not on call now for PagerDuty " + target.get() + "; approvals in '" + env.name()
                            + "' need the current on-call");
        }
    }

}
