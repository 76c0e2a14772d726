package io.carapulse.api.dto;

/**
 * Body of {@code POST /v1/sessions}.
 *
 * @param environment the environment the session reads and proposes plans in; required, never guessed
 * @param title       optional, for lists; defaults to the first message
 */
public record SessionCreateRequest(String environment, String title) {
}
