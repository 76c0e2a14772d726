package io.carapulse.core.broker.integration;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.observability.CarapulseMeters;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.auth.OidcTokenValidator;
import io.carapulse.core.token.ApiTokenValidator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.validator.TokenValidator;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/token-exchange}: OAuth 2.0 Token Exchange (RFC 8693) for agents. The agent's Carapulse
 * or OIDC access token ({@code subject_token}, checked by the same validators as a bearer token) is
 * exchanged for a provider's credential under the rules of {@link CredentialAccess}, which this shares.
 * Form-encoded; answers RFC 8693's JSON, and errors as RFC 6749 §5.2 ({@code {"error","error_description"}}),
 * not problem documents. Refusals before the subject is known are counted in
 * {@code carapulse_requests_refused_total}, not audited (nobody is accountable for them yet).
 */
@Controller("/v1/token-exchange")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenExchangeController {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Set<String> SINGLE = Set.of("grant_type", "subject_token", "subject_token_type", "resource",
            "audience", "scope", "requested_token_type", "actor_token", "actor_token_type");
    private static final Actor ANONYMOUS = new Actor("anonymous", "anonymous", AuthKind.API_TOKEN, Set.of());
    private static final String CHANNEL = "token-exchange";

    private final CredentialAccess access;
    private final List<TokenValidator<HttpRequest<?>>> validators;
    private final AuditService audit;
    private final CarapulseMeters meters;
    private final Clock clock;

    public TokenExchangeController(CredentialAccess access, ApiTokenValidator apiTokens,
                                   Optional<OidcTokenValidator> oidc, AuditService audit, CarapulseMeters meters,
                                   Clock clock) {
        this.access = access;
        this.meters = meters;
        List<TokenValidator<HttpRequest<?>>> v = new ArrayList<>(List.of(apiTokens));
        oidc.ifPresent(v::add);
        this.validators = List.copyOf(v);
        this.audit = audit;
        this.clock = clock;
    }

    /** The documented shape of an answer. */
    @Schema(name = "TokenExchangeResponse", description = "RFC 8693 §2.2.1")
    public record Exchanged(@Schema(name = "access_token") String access_token,
                            @Schema(name = "issued_token_type") String issued_token_type,
                            @Schema(name = "token_type", description = "Bearer, or N_A (Jira's API token)") String token_type,
                            @Schema(name = "expires_in", nullable = true) Long expires_in) {

        @Override
        public String toString() {
            return "Exchanged[" + token_type + "]";
        }
    }

    /** The documented shape of an error: RFC 6749 §5.2. */
    @Schema(name = "OAuthError", description = "RFC 6749 §5.2 error (this endpoint does not answer problem documents)")
    public record OAuthError(String error, String error_description) {
    }

    @Post(consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "The provider's credential",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Exchanged.class)))
    @ApiResponse(responseCode = "4XX", description = "invalid_request, unsupported_grant_type, invalid_grant, "
            + "unauthorized_client, invalid_target or invalid_scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "5XX", description = "temporarily_unavailable (no key encryption key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public MutableHttpResponse<?> exchange(HttpRequest<?> request, @Nullable @Body String body) {
        String type = request.getContentType().map(MediaType::getName).orElse("");
        if (!type.equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED)) {
            return refuse(ANONYMOUS, null, 400, "invalid_request", "the request must be application/x-www-form-urlencoded");
        }
        Map<String, String> form;
        try {
            form = parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            return refuse(ANONYMOUS, null, 400, "invalid_request", e.getMessage());
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return refuse(ANONYMOUS, null, 400, "invalid_request", "grant_type is required: " + GRANT_TYPE);
        }
        if (!grantType.equals(GRANT_TYPE)) {
            return refuse(ANONYMOUS, null, 400, "unsupported_grant_type", "only " + GRANT_TYPE + " is supported");
        }
        String subjectToken = form.get("subject_token");
        if (subjectToken == null || subjectToken.isEmpty()) {
            return refuse(ANONYMOUS, null, 400, "invalid_request", "subject_token is required");
        }
        if (!ACCESS_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
            return refuse(ANONYMOUS, null, 400, "invalid_request", "subject_token_type must be " + ACCESS_TOKEN_TYPE);
        }
        Optional<Actor> subject = authenticate(subjectToken, request);
        if (subject.isEmpty()) {
            return refuse(ANONYMOUS, null, 400, "invalid_grant",
                    "subject_token is not a valid token of this server (unknown, revoked or expired)");
        }
        Actor actor = subject.get();
        // the request's own problems, after who is asking: a caller that is not an agent hears only that
        String provider;
        String environment = null;
        String problem = null;
        String problemError = "invalid_request";
        if (form.containsKey("resource") && form.containsKey("audience")) {
            problem = "give the provider as resource or as audience, not both";
        } else if (form.containsKey("actor_token") || form.containsKey("actor_token_type")) {
            problem = "actor_token (delegation) is not supported";
        } else if (form.containsKey("requested_token_type") && !ACCESS_TOKEN_TYPE.equals(form.get("requested_token_type"))) {
            problem = "requested_token_type: only " + ACCESS_TOKEN_TYPE + " is issued";
        }
        provider = form.containsKey("resource") ? form.get("resource") : form.get("audience");
        String scope = form.get("scope");
        if (problem == null && scope != null) {
            if (!scope.startsWith("environment:") || scope.length() == "environment:".length() || scope.contains(" ")) {
                problem = "scope must be environment:<name>";
                problemError = "invalid_scope";
            } else {
                environment = scope.substring("environment:".length());
            }
        }
        if (problem != null && actor.agent()) {
            return refuse(actor, provider, 400, problemError, problem);
        }
        try (IntegrationCredentials.Issued issued = access.grant(actor, problem == null ? provider : null,
                environment, CHANNEL)) {
            Long expiresIn = issued.expiresAt() == null ? null
                    : Math.max(0, Duration.between(Instant.now(clock), issued.expiresAt()).toSeconds());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", issued.token().reveal());
            answer.put("issued_token_type", ACCESS_TOKEN_TYPE);
            answer.put("token_type", "basic_auth".equals(issued.kind()) ? "N_A" : "Bearer");
            if (expiresIn != null) {
                answer.put("expires_in", expiresIn);
            }
            return noStore(HttpResponse.ok(answer));
        } catch (CredentialAccess.Refused r) {
            return error(status(r), r.oauthError(), r.getMessage());
        }
    }

    private Optional<Actor> authenticate(String token, HttpRequest<?> request) {
        for (TokenValidator<HttpRequest<?>> v : validators) {
            Optional<Authentication> a;
            try {
                a = Mono.from(v.validateToken(token, request)).blockOptional(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                a = Optional.empty();
            }
            if (a.isPresent()) {
                return Optional.of(Actors.of(a.get()));
            }
        }
        return Optional.empty();
    }

    private static int status(CredentialAccess.Refused r) {
        return switch (r.oauthError()) {
            case "unauthorized_client" -> 403;
            case "temporarily_unavailable" -> 503;
            default -> 400;
        };
    }

    private MutableHttpResponse<?> refuse(Actor actor, String provider, int status, String error, String description) {
        if (actor == ANONYMOUS) {
            // before the subject is known nobody is accountable: counted, not audited, so an anonymous client
            // cannot flood the audit chain (docs/api.md, Refusals)
            meters.refused(error, status);
            return error(status, error, description);
        }
        audit.recordDenial(AuditEntry.deny(actor, CredentialAccess.ACTION, Integrations.SUBJECT,
                provider == null || provider.isBlank() ? null : provider, error)
                .with("channel", CHANNEL).with("detail", description));
        return error(status, error, description);
    }

    private static MutableHttpResponse<?> error(int status, String error, String description) {
        return noStore(HttpResponse.status(HttpStatus.valueOf(status)).body(new OAuthError(error, description)));
    }

    private static MutableHttpResponse<?> noStore(MutableHttpResponse<?> response) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }

    /** {@code a=1&b=2}, percent- and plus-decoded; a parameter given twice is refused (RFC 6749 §3.2). */
    static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.containsKey(name) && SINGLE.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
