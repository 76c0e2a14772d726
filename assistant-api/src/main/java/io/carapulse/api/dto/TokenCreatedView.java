package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code POST /v1/tokens}: the only time the token itself is shown.
 *
 * @param agent whether it was created as an agent
 */
public record TokenCreatedView(String id, String name, List<String> roles, Instant createdAt, String token,
                               boolean agent) {

    /** A token that is not an agent. */
    public TokenCreatedView(String id, String name, List<String> roles, Instant createdAt, String token) {
        this(id, name, roles, createdAt, token, false);
    }
}
