package io.carapulse.cli.command.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.AuditCheckpointView;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.http.ApiClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the whole audit log and every checkpoint page by page, newest first, each page keyed on the
 * oldest item of the previous one ({@code before}), so records added meanwhile never shift a page.
 */
final class AuditRecords {

    static final int PAGE = 500;

    private AuditRecords() {
    }

    /** The newest record's seq, 0 for an empty log. */
    static long top(ApiClient api) {
        List<AuditEventView> first = page(api, null, 1).items();
        return first.isEmpty() ? 0 : first.get(0).seq();
    }

    /** Hands every record with {@code seq <= upTo} to {@code each}, newest first. */
    static void walk(ApiClient api, long upTo, Consumer<AuditEventView> each) {
        Long before = upTo + 1;
        while (before > 1) {
            List<AuditEventView> items = page(api, before, PAGE).items();
            if (items.isEmpty()) {
                return;
            }
            items.forEach(each);
            before = items.get(items.size() - 1).seq();
        }
    }

    private static PageView<AuditEventView> page(ApiClient api, Long before, int limit) {
        return api.get(ApiClient.query("/v1/audit", ApiClient.params("before", before, "limit", limit)),
                new TypeReference<PageView<AuditEventView>>() { });
    }

    /** Every checkpoint on the server, oldest first. */
    static List<AuditCheckpointView> checkpoints(ApiClient api) {
        List<AuditCheckpointView> all = new ArrayList<>();
        Long before = null;
        while (true) {
            List<AuditCheckpointView> items = api.get(ApiClient.query("/v1/audit/checkpoints",
                            ApiClient.params("before", before, "limit", PAGE)),
                    new TypeReference<PageView<AuditCheckpointView>>() { }).items();
            all.addAll(items);
            if (items.size() < PAGE) {
                break;
            }
            before = items.get(items.size() - 1).id();
        }
        all.sort(Comparator.comparingLong(AuditCheckpointView::id));
        return all;
    }
}
