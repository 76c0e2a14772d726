package io.carapulse.core.api;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yml}: the OpenAPI document generated at compile time (see {@link OpenApiInfo}),
 * unauthenticated like {@code /health}.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {

    /** Where micronaut-openapi writes the document; the name is pinned in assistant-core/openapi.properties. */
    static final String RESOURCE = "META-INF/swagger/carapulse.yml";

    private final String document;

    public OpenApiController() {
        this.document = read();
    }

    @Get("/openapi.yml")
    @Produces("application/yaml")
    public String document() {
        if (document == null) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "this build has no OpenAPI document");
        }
        return document;
    }

    private static String read() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
