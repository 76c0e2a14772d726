package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.cli.http.ApiClient;
import java.io.PrintWriter;

/** The credential provider API's paths and the human form of a provider. */
final class Providers {

    static final String BASE = "/v1/integrations/providers";

    private Providers() {
    }

    static String path(String id) {
        return BASE + "/" + ApiClient.segment(id);
    }

    static void detail(PrintWriter out, CredentialProviderView v) {
        field(out, "Provider", v.id());
        field(out, "Mode", v.provider() + " " + v.mode());
        field(out, "Target", v.targetPath() + " (" + (v.groupId() != null ? "group " + v.groupId() : "project " + v.projectId()) + ")");
        field(out, "URL", v.baseUrl());
        field(out, "Token of", v.username());
        field(out, "Mints", String.join(", ", v.scopes()) + "; access level " + v.accessLevel() + "; "
                + v.expiresInDays() + " days");
        field(out, "In use by", v.integrations() + " integration(s)");
        field(out, "Registered", v.createdAt() + " by " + v.createdBy());
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-13s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
