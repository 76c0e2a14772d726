package io.carapulse.core.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the error answers of every operation of a controller as {@code application/problem+json}
 * {@link OpenApiInfo.Problem} bodies. Read by micronaut-openapi at compile time only.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
// Keep method names (list, get, ...) out of these descriptions: when micronaut-openapi renames a
// duplicate operationId (list -> list_1) it also rewrites the first match in each response description.
@ApiResponse(responseCode = "4XX", description = "Refused: the stable `code` says why (table in docs/api.md)",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(implementation = OpenApiInfo.Problem.class)))
@ApiResponse(responseCode = "5XX", description = "internal_error or unavailable",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(implementation = OpenApiInfo.Problem.class)))
public @interface ProblemResponses {
}
