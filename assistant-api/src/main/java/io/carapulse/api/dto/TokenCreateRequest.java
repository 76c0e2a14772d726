package io.carapulse.api.dto;

import java.util.List;

/**
 * Body of {@code POST /v1/tokens}.
 *
 * @param agent {@code true} to create an agent: a principal that acts without a person (absent: false)
 */
public record TokenCreateRequest(String name, List<String> roles, Boolean agent) {

    /** A token that is not an agent. */
    public TokenCreateRequest(String name, List<String> roles) {
        this(name, roles, null);
    }
}
