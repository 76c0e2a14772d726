package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Listings page by cursor from the CLI: the table says how to see the next page ({@code --before}),
 * {@code -o json} carries the page's {@code next}, and following it walks the list newest first, once.
 */
class ListPagingCliTest {

    private final TestServer server = TestServer.shared();
    private final Ctl admin = Ctl.localTo(server);

    @Test
    void shouldWalkAListingPageByPageWithBefore() {
        Ctl.Result created = admin.run("token", "create", "lister", "--role", "operator");
        assertThat(created.code()).as(created.toString()).isZero();
        Ctl lister = Ctl.as(server, created.out().strip());
        String requester = "token:" + created.err().replaceAll("(?s).*token (tok_\\S+) .*", "$1");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(0, lister.run("plan", "create", "--env", "dev", "--step", "fake.echo", "text=" + i, "-o", "json")
                    .json().get("id").asText());
        }

        Ctl.Result table = lister.run("plan", "list", "--requester", requester, "--limit", "2");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out()).contains(made.get(0), made.get(1)).doesNotContain(made.get(2));
        Matcher more = Pattern.compile("--before (\\S+)").matcher(table.err());
        assertThat(more.find()).as(table.err()).isTrue();

        Ctl.Result rest = lister.run("plan", "list", "--requester", requester, "--limit", "2", "--before", more.group(1));
        assertThat(rest.out()).contains(made.get(2)).doesNotContain(made.get(0), made.get(1));
        assertThat(rest.err()).doesNotContain("--before");

        JsonNode first = lister.run("plan", "list", "--requester", requester, "--limit", "2", "-o", "json").json();
        assertThat(first.get("items")).extracting(p -> p.get("id").asText()).containsExactly(made.get(0), made.get(1));
        assertThat(first.get("next").asText()).isEqualTo(more.group(1));
        JsonNode last = lister.run("plan", "list", "--requester", requester, "--limit", "2", "--before",
                first.get("next").asText(), "-o", "json").json();
        assertThat(last.get("items")).extracting(p -> p.get("id").asText()).containsExactly(made.get(2));
        assertThat(last.get("next").isNull()).isTrue();
    }

    @Test
    void shouldRefuseACursorTheListDidNotGiveOutInOneLine() {
        Ctl.Result r = admin.run("exec", "list", "--before", "not-a-cursor");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(r.err()).startsWith("error: invalid_cursor: before must be the next value of a page");
        assertThat(r.err().lines()).hasSize(1);
    }
}
