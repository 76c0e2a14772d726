package io.carapulse.api.dto;

import java.util.List;

/** A tool in the catalog with the transports usable now. */
public record ToolView(String name, String description, List<String> transports, List<ActionView> actions) {
}
