package io.carapulse.cli.command;

import io.carapulse.api.dto.PageView;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --limit}/{@code --offset} for paged listings, and the table's footer. */
public final class Paging {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many (1-500, default 50).")
    int limit = 50;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip this many (default 0).")
    long offset;

    public int limit() {
        return limit;
    }

    public long offset() {
        return offset;
    }

    /**
     * Prints the table on {@code out}; "No plans." or "showing 1-50 of 120" goes to {@code err}, so
     * stdout holds only the table.
     */
    public void print(PrintWriter out, PrintWriter err, Table table, PageView<?> page, String what) {
        if (table.isEmpty()) {
            err.println(page.total() > 0 ? "No " + what + " at offset " + page.offset() + " (" + page.total() + " in all)."
                    : "No " + what + ".");
            return;
        }
        table.print(out);
        long shown = page.items().size();
        if (page.offset() > 0 || page.offset() + shown < page.total()) {
            err.println("showing " + (page.offset() + 1) + "-" + (page.offset() + shown) + " of " + page.total()
                    + (page.offset() + shown < page.total() ? "; --offset " + (page.offset() + shown) + " for more" : ""));
        }
    }

    /** For listings that are not paged: the table, or "No tools." on {@code err}. */
    public static void print(PrintWriter out, PrintWriter err, Table table, String what) {
        if (table.isEmpty()) {
            err.println("No " + what + ".");
        } else {
            table.print(out);
        }
    }
}
