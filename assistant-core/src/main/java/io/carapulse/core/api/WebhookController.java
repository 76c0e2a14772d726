package io.carapulse.core.api;

import io.carapulse.core.approval.WebhookIntake;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code POST /webhooks/linear}: Linear's webhook. Outside {@code /v1} and without a bearer token:
 * the delivery authenticates itself with its {@code Linear-Signature}. Unsigned, wrongly signed,
 * stale or oversized deliveries are refused; every authentic one gets the same {@code 200}.
 */
@ProblemResponses
@Controller("/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookController {

    private final WebhookIntake intake;

    public WebhookController(WebhookIntake intake) {
        this.intake = intake;
    }

    /** The answer to every authentic delivery, whatever it was about. */
    public record Received(String status) {
    }

    @Post(value = "/linear", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public Received linear(HttpRequest<?> request, @Body byte[] body) {
        intake.accept("linear", body, name -> request.getHeaders().get(name));
        return new Received("received");
    }
}
