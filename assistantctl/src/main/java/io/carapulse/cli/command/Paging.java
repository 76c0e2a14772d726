package io.carapulse.cli.command;

import io.carapulse.api.dto.PageView;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --limit}/{@code --before} for listings the server pages by cursor, and the table's footer.
 * A page ends where the server says ({@code next}); the following page is the same command with
 * {@code --before <next>}, which stays right however many items are added meanwhile.
 */
public final class Paging {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many (1-500, default 50).")
    int limit = 50;

    @Option(names = "--before", paramLabel = "CURSOR",
            description = "Only older ones: the cursor the previous page named (its next).")
    String before;

    public int limit() {
        return limit;
    }

    /** The cursor to start after, or {@code null} for the newest page. */
    public String before() {
        return before;
    }

    /**
     * Prints the table on {@code out}; "No plans." or how to see the next page goes to {@code err}, so
     * stdout holds only the table.
     */
    public void print(PrintWriter out, PrintWriter err, Table table, PageView<?> page, String what) {
        if (table.isEmpty()) {
            err.println(before == null ? "No " + what + "." : "No " + what + " before that cursor.");
            return;
        }
        table.print(out);
        if (page.next() != null) {
            err.println("more " + what + ": the same command with --before " + page.next());
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
