package io.carapulse.cli.command.runbook;

import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.http.ApiClient;

/** The runbook API's paths. */
public final class Runbooks {

    private Runbooks() {
    }

    static String path(String name) {
        return "/v1/runbooks/" + ApiClient.segment(name);
    }

    /** {@code GET /v1/runbooks/{name}}, at {@code version} when given. */
    public static RunbookView get(ApiClient api, String name, Integer version) {
        return api.get(ApiClient.query(path(name), ApiClient.params("version", version)), RunbookView.class);
    }
}
