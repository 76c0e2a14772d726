package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.chat.ScriptedLlm;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat in the console with a scripted model: a conversation is started from a form, a message runs a
 * turn (whole, or streamed as server-sent events), a proposed plan shows as a card linking to its plan
 * page (and stays waiting for approval), what anyone wrote is shown as text, and a message without the
 * CSRF token never reaches the model.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.test.scripted-llm", value = "true")
class ConsoleChatTest {


    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ScriptedLlm model;

    private TestHttp http;
    private ConsoleClient console;
    private String cookie;
    private String csrf;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        console = new ConsoleClient(http);
        model.reset();
        cookie = console.signIn(tokens.create(Actor.SYSTEM, "chatter", List.of("operator")).token());
        csrf = ConsoleClient.csrf(console.page("/chat", cookie));
    }

    @Test
    void shouldRunATurnFromTheFormAndShowAProposedPlanAsACardToItsPage() {
        String chatPath = start("why is web slow?");
        model.then(r -> new io.carapulse.api.llm.LlmReply("", List.of(new io.carapulse.api.llm.LlmToolCall("c1",
                        "propose_plan", "{\"summary\":\"scale web to 4\",\"steps\":[{\"tool\":\"fake\",\"action\":\"scale\","
                        + "\"args\":{\"name\":\"web\",\"replicas\":4}}]}")), new io.carapulse.api.llm.LlmUsage(10, 1), "scripted"))
                .says("Proposed <b>it</b><script>alert(1)</script>");

        TestHttp.Response sent = console.form(chatPath + "/messages", cookie, Map.of("_csrf", csrf, "text", "<img src=x onerror=alert(2)>"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(303);

        TestHttp.Response shown = console.page(chatPath, cookie);
        assertThat(shown.body()).contains("&lt;img src=x onerror=alert(2)&gt;",
                        "Proposed &lt;b&gt;it&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)", "<img src=x");
        Matcher card = Pattern.compile("class=\"plan-card\" href=\"/plans/(pln_[a-z0-9]+)\"").matcher(shown.body());
        assertThat(card.find()).as("a card links to the proposed plan's page").isTrue();
        assertThat(console.page("/plans/" + card.group(1), cookie).body()).contains("AWAITING_APPROVAL", "scale web to 4");
    }

    @Test
    void shouldStreamATurnToThePageScript() {
        String chatPath = start(null);
        model.says("streamed answer");

        TestHttp.Response stream = http.send("POST", chatPath + "/messages", null, "application/x-www-form-urlencoded",
                "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&text=hello",
                "Cookie", "carapulse_session=" + cookie, "Accept", "text/event-stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.body()).contains("event: text", "streamed answer", "event: turn.finished");
    }

    @Test
    void shouldNeverSendAMessageWithoutTheCsrfTokenToTheModel() {
        String chatPath = start(null);
        model.says("should not be asked");
        TestHttp.Response forged = console.form(chatPath + "/messages", cookie, Map.of("text", "scale everything"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(model.requests).isEmpty();
        assertThat(console.page(chatPath, cookie).body()).doesNotContain("scale everything");
    }

    private String start(String title) {
        Map<String, String> fields = title == null ? Map.of("_csrf", csrf, "environment", "prod")
                : Map.of("_csrf", csrf, "environment", "prod", "title", title);
        TestHttp.Response created = console.form("/chat", cookie, fields);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        return created.headers().firstValue("location").orElseThrow();
    }




}
