package io.carapulse.api.dto;

import java.util.List;

/**
 * Answer of {@code GET /v1/me}: who the server thinks the caller is.
 *
 * @param agent whether the caller is an agent (an API token created as one): a principal acting without a person
 */
public record WhoAmIView(String subject, String name, String authKind, List<String> roles, boolean agent) {

    /** A caller that is not an agent. */
    public WhoAmIView(String subject, String name, String authKind, List<String> roles) {
        this(subject, name, authKind, roles, false);
    }
}
