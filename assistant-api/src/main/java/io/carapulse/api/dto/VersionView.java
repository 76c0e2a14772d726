package io.carapulse.api.dto;

/** Answer of {@code GET /v1/version}: the server's build. */
public record VersionView(String version) {
}
