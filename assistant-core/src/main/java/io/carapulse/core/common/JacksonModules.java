package io.carapulse.core.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.micronaut.security.oauth2.endpoint.token.response.TokenErrorResponse;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import java.util.List;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The Jackson modules the server's own mapper uses, named rather than found by scanning
 * ({@code jackson.module-scan: false}): a scan also registers the Kotlin module that the OpenAI SDK
 * brings, whose reflection cost about a second of every start for types that are not Kotlin.
 */
@Factory
class JacksonModules {

    @Singleton
    Module javaTime() {
        return new JavaTimeModule();
    }

    @Singleton
    Module jdk8() {
        return new Jdk8Module();
    }

    /**
     * Unknown properties fail a request body ({@code jackson.deserialization.fail-on-unknown-properties}),
     * but what an identity provider answers is not ours to bind strictly: a real issuer's discovery
     * document and token responses carry fields Micronaut Security does not model (Keycloak's
     * {@code frontchannel_logout_session_supported}, {@code not-before-policy}, …).
     */
    @Singleton
    Module identityProviderAnswers() {
        return new SimpleModule("identity-provider-answers") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                for (Class<?> type : List.of(DefaultOpenIdProviderMetadata.class, TokenResponse.class,
                        OpenIdTokenResponse.class, TokenErrorResponse.class)) {
                    context.configOverride(type).setIgnorals(JsonIgnoreProperties.Value.forIgnoreUnknown(true));
                }
            }
        };
    }
}
