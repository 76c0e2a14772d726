package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/** Answer of {@code POST /v1/tokens}: the only time the token itself is shown. */
public record TokenCreatedView(String id, String name, List<String> roles, Instant createdAt, String token) {
}
