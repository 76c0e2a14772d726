package io.carapulse.api.dto;

import java.time.Instant;

/**
 * A started OAuth connection: open {@code authorizeUrl} in a browser before {@code expiresAt}.
 *
 * @param authorizeUrl the provider's consent page, with this flow's state and PKCE challenge
 * @param state        the flow's state (single use; it binds the provider's answer to the person who started it)
 * @param expiresAt    when the state stops working
 */
public record ConnectionStartView(String authorizeUrl, String state, Instant expiresAt) {
}
