package io.carapulse.core.api;

import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** {@code /v1/llm}: which language model chat uses, and whether it can; never a credential. */
@ProblemResponses
@Controller("/v1/llm")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class LlmController {

    private final BeanProvider<LlmProvider> provider;
    private final PolicyService policy;

    public LlmController(BeanProvider<LlmProvider> provider, PolicyService policy) {
        this.provider = provider;
        this.policy = policy;
    }

    @Get
    public LlmStatus status(Authentication auth) {
        policy.requireReader(Actors.of(auth), "llm.read", "llm", null);
        return provider.find(null).map(LlmProvider::status)
                .orElse(LlmStatus.notConfigured("no language model provider is available; see docs/llm.md"));
    }
}
