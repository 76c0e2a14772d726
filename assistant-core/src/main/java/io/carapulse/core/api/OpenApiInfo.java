package io.carapulse.core.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;
import java.util.Map;

/**
 * Input of the OpenAPI document that micronaut-openapi writes at compile time to
 * {@code META-INF/swagger/carapulse.yml} (name set in {@code assistant-core/openapi.properties}); the
 * server serves it at {@code GET /openapi.yml} ({@link OpenApiController}). Every {@code @Secured}
 * operation gets the {@code bearer} scheme; every {@code /v1} controller carries {@link ProblemResponses}.
 */
@OpenAPIDefinition(info = @Info(title = "Carapulse", version = "0.1",
        description = "Plans, approvals, executions, evidence and audit of the Carapulse server. Everything "
                + "under /v1 needs `Authorization: Bearer <token>` (an API token or an OIDC access token). "
                + "Every error is application/problem+json with a stable `code`."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (cpt_…) or an OIDC access token")
public final class OpenApiInfo {

    private OpenApiInfo() {
    }

    /** The shape of every error body; built by {@code io.carapulse.core.http.Problems}. Documentation only. */
    @Schema(name = "Problem", description = "RFC 9457 problem document with Carapulse's stable code")
    public record Problem(
            @Schema(description = "urn:carapulse:problem:<code>", example = "urn:carapulse:problem:approval_required")
            String type,
            @Schema(example = "Approval required") String title,
            @Schema(description = "The HTTP status", example = "409") int status,
            @Schema(description = "Stable, machine-readable error code; clients branch on it (see docs/api.md)",
                    example = "approval_required") String code,
            @Schema(description = "One line for humans; never carries a secret") String detail,
            @Schema(description = "The request path", nullable = true) String instance,
            @Schema(description = "validation_failed only: one entry per problem, e.g. {step, message}",
                    nullable = true) List<Map<String, Object>> errors) {
    }
}
