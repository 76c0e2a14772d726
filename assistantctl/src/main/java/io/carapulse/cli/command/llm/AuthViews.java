package io.carapulse.cli.command.llm;

import io.carapulse.cli.output.OutputFormat;
import io.carapulse.cli.output.Printer;
import io.carapulse.llm.auth.AuthStatus;
import io.carapulse.llm.auth.ImportResult;
import io.carapulse.llm.auth.ImportedProfile;
import io.carapulse.llm.auth.ProfileSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@code -o json|yaml} prints for {@code llm auth}: the library's results as this version of
 * assistantctl knows them, fields in a fixed order, types by their file names ({@code oauth},
 * {@code token}). None of them has a field that could hold a token.
 */
final class AuthViews {

    private AuthViews() {
    }

    /** A profile without its tokens. */
    record ProfileView(String id, String provider, String type, String accountId, Instant expiresAt, String source,
                       Instant lastRefresh, Instant importedAt, boolean isDefault) {
        static ProfileView of(ProfileSummary p) {
            return p == null ? null : new ProfileView(p.id(), p.provider(), p.type().json(), p.accountId(), p.expiresAt(),
                    p.source(), p.lastRefresh(), p.importedAt(), p.isDefault());
        }
    }

    /** What the openai-codex provider would use now, and the file it read. */
    record StatusView(String state, String credential, String selectedBy, String accountId, Instant expiresAt,
                      String detail, ProfileView profile, String file) {
        static StatusView of(AuthStatus s, Path file) {
            return new StatusView(s.state().name(), s.credential(), s.selectedBy(), s.accountId(), s.expiresAt(),
                    s.detail(), ProfileView.of(s.profile()), file.toString());
        }
    }

    /** One profile an import or login wrote. */
    record ImportedView(String id, String provider, String type, String accountId, Instant expiresAt, boolean replaced,
                        boolean isDefault) {
        static ImportedView of(ImportedProfile p) {
            return new ImportedView(p.id(), p.provider(), p.type().json(), p.accountId(), p.expiresAt(), p.replaced(),
                    p.isDefault());
        }
    }

    /** What an import or login did. */
    record ImportView(String source, String file, List<ImportedView> imported, List<String> skipped,
                      List<String> warnings) {
        static ImportView of(ImportResult r) {
            return new ImportView(r.source(), r.store().toString(), r.imported().stream().map(ImportedView::of).toList(),
                    r.skipped(), r.warnings());
        }
    }

    /**
     * The report of an import: the library's lines on stdout, or the record with {@code -o json|yaml}
     * (its warnings, the ownership warning first, then also on stderr, where a person sees them).
     */
    static void printImport(PrintWriter out, PrintWriter err, OutputFormat format, ImportResult result) {
        if (Printer.structured(out, format, ImportView.of(result))) {
            result.warnings().forEach(w -> err.println("Warning: " + w));
        } else {
            result.lines().forEach(out::println);
        }
    }
}
