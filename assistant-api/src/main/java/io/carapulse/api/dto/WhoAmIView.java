package io.carapulse.api.dto;

import java.util.List;

/** Answer of {@code GET /v1/me}: who the server thinks the caller is. */
public record WhoAmIView(String subject, String name, String authKind, List<String> roles) {
}
