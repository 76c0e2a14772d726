package io.carapulse.api.dto;

import java.time.Instant;

/**
 * A one-time link that signs its holder in to the web console ({@code POST /v1/console/links}).
 *
 * @param url       open it in a browser; it works once
 * @param expiresAt after this it no longer works, used or not
 */
public record ConsoleLinkView(String url, Instant expiresAt) {
}
