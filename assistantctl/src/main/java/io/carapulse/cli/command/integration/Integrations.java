package io.carapulse.cli.command.integration;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.cli.http.ApiClient;
import java.io.PrintWriter;

/** The integration API's paths and the human form of an integration. */
final class Integrations {

    static final String BASE = "/v1/integrations";

    private Integrations() {
    }

    static String path(String id) {
        return BASE + "/" + ApiClient.segment(id);
    }

    /** {@code global}, or the environments it serves. */
    static String scope(IntegrationView v) {
        if ("agent".equals(v.scope())) {
            return "agent " + v.agent();
        }
        return "global".equals(v.scope()) ? "global" : String.join(",", v.environments());
    }

    static void detail(PrintWriter out, IntegrationView v) {
        field(out, "Integration", v.id());
        field(out, "Provider", v.provider() + " (" + v.authType() + ")");
        field(out, "Scope", scope(v));
        field(out, "URL", v.baseUrl());
        field(out, "User", "oauth".equals(v.authType()) ? user(v) : v.username() == null ? null
                : v.username() + (v.externalId() == null ? "" : " (" + v.externalId() + ")"));
        field(out, "Scopes", String.join(", ", v.scopes()));
        field(out, "Status", v.status());
        field(out, "Linked", v.createdAt() + " by " + v.createdBy());
        out.flush();
    }

    /** Who the integration acts as: its user, or for a delegated one each plan's requester. */
    static String user(IntegrationView v) {
        return "oauth".equals(v.authType()) ? "each plan's requester (delegated)" : v.username();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-13s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
