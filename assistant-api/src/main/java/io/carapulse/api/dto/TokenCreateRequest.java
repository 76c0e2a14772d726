package io.carapulse.api.dto;

import java.util.List;

/** Body of {@code POST /v1/tokens}. */
public record TokenCreateRequest(String name, List<String> roles) {
}
