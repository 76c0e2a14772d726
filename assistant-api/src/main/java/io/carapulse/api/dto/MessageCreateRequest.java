package io.carapulse.api.dto;

/** Body of {@code POST /v1/sessions/{id}/messages}: what the person says. */
public record MessageCreateRequest(String text) {
}
