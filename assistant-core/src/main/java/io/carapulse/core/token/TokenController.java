package io.carapulse.core.token;

import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.TokenCreateRequest;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.api.dto.TokenView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code /v1/tokens}: admin-only management of API tokens. Any authenticated caller reaches the
 * service, which refuses non-admins itself so that the refusal is audited.
 */
@ProblemResponses
@Controller("/v1/tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class TokenController {

    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The new token; the secret is shown only here",
            useReturnTypeSchema = true)
    public HttpResponse<TokenCreatedView> create(Authentication authentication, @Body TokenCreateRequest request) {
        if (request == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "a body with name and roles is required");
        }
        return HttpResponse.created(tokens.create(Actors.of(authentication), request.name(), request.roles(),
                Boolean.TRUE.equals(request.agent())));
    }

    @Get
    public PageView<TokenView> list(Authentication authentication, @Nullable @QueryValue String before,
                                    @QueryValue(defaultValue = "50") int limit,
                                    @QueryValue(defaultValue = "0") long offset) {
        return tokens.list(Actors.of(authentication), before, limit, offset);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(Authentication authentication, @PathVariable String id) {
        tokens.revoke(Actors.of(authentication), id);
    }
}
