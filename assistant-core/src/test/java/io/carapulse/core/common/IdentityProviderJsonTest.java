package io.carapulse.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.carapulse.api.dto.PlanCreateRequest;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The server's mapper binds request bodies strictly but reads what an identity provider answers
 * leniently: Keycloak's discovery document and token response carry fields Micronaut Security does not
 * model (found by KeycloakConsoleIT; mock-oauth2-server's answers have none).
 */
@MicronautTest(environments = "test", startApplication = false)
class IdentityProviderJsonTest {

    @Inject ObjectMapper json;

    @Test
    void shouldReadAKeycloakDiscoveryDocumentAndTokenResponse() throws Exception {
        DefaultOpenIdProviderMetadata metadata = json.readValue("""
                {"issuer": "https://sso.example.com/realms/carapulse",
                 "authorization_endpoint": "https://sso.example.com/realms/carapulse/protocol/openid-connect/auth",
                 "end_session_endpoint": "https://sso.example.com/realms/carapulse/protocol/openid-connect/logout",
                 "frontchannel_logout_session_supported": true, "mtls_endpoint_aliases": {"token_endpoint": "x"}}
                """, DefaultOpenIdProviderMetadata.class);
        assertThat(metadata.getEndSessionEndpoint()).endsWith("/logout");

        OpenIdTokenResponse token = json.readValue("""
                {"access_token": "a", "token_type": "Bearer", "expires_in": 300, "id_token": "i",
                 "refresh_expires_in": 1800, "not-before-policy": 0, "session_state": "s", "scope": "openid"}
                """, OpenIdTokenResponse.class);
        assertThat(token.getIdToken()).isEqualTo("i");
    }

    @Test
    void shouldStillRefuseUnknownFieldsInRequestBodies() {
        assertThatThrownBy(() -> json.readValue("{\"environment\":\"dev\",\"summary\":\"s\",\"steps\":[],\"extra\":1}",
                PlanCreateRequest.class)).isInstanceOf(UnrecognizedPropertyException.class);
    }
}
