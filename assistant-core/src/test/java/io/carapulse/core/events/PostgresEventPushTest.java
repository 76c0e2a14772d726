package io.carapulse.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.db.PostgresFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas on one real PostgreSQL, polling switched off (the fallback poll is an hour): a
 * follower on each replica receives every event of an execution, in order, as it commits, whichever
 * replica runs it — the commits on one replica reach the other only through LISTEN/NOTIFY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresEventPushTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private ApplicationContext first;
    private ApplicationContext second;
    private String token;

    @BeforeAll
    void start() {
        Map<String, String> database = PostgresFixture.newDatabase().datasourceProperties();
        first = replica(database);
        second = replica(database);
        token = first.getBean(TokenService.class).create(Actor.SYSTEM, "admin", List.of("admin")).token();
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
    }

    private static ApplicationContext replica(Map<String, String> database) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", "-1");
        props.put("carapulse.testkit.fake-tools", "true");
        props.put("carapulse.events.fallback-poll", "1h");
        props.put("carapulse.executor.poll-interval", "100ms");
        ApplicationContext ctx = ApplicationContext.run(props, "test");
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    @Test
    void shouldPushEveryEventToFollowersOnEveryReplica() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestHttp onFirst = new TestHttp(first.getBean(EmbeddedServer.class).getURL());
            String planId = onFirst.post("/v1/plans", token, "{\"environment\":\"dev\",\"summary\":\"sleep\","
                    + "\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":2200}},"
                    + "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"done\"}}]}").json().get("id").asText();
            assertThat(onFirst.post("/v1/plans/" + planId + "/approval", token, "{\"decision\":\"approve\"}").status())
                    .isEqualTo(200);
            String executionId = onFirst.post("/v1/plans/" + planId + "/execute", token, "").json()
                    .get("executionId").asText();

            CompletableFuture<List<String>> viaFirst = follow(first, executionId);
            CompletableFuture<List<String>> viaSecond = follow(second, executionId);
            List<String> a = viaFirst.get(60, java.util.concurrent.TimeUnit.SECONDS);
            List<String> b = viaSecond.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(a).as("events seen on the first replica").isEqualTo(b);
            assertThat(a.get(a.size() - 1)).endsWith(" execution.finished");
            assertThat(a.stream().filter(e -> e.endsWith(" step.output")).count()).isGreaterThanOrEqualTo(2);
            List<Long> seqs = a.stream().map(e -> Long.parseLong(e.split(" ")[0])).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= seqs.size(); s++) {
                expected.add(s);
            }
            assertThat(seqs).as("every event once, in order").isEqualTo(expected);
        }
    }

    /** Reads an SSE stream to its end; each event as "seq type". */
    private CompletableFuture<List<String>> follow(ApplicationContext replica, String executionId) {
        URI uri = URI.create(replica.getBean(EmbeddedServer.class).getURL() + "/v1/executions/" + executionId + "/events");
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(r -> {
            List<String> events = new ArrayList<>();
            String[] current = new String[2];
            r.body().forEach(line -> {
                if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.isEmpty() && current[0] != null && !"keepalive".equals(current[1])) {
                    events.add(current[0] + " " + current[1]);
                    current[0] = null;
                    current[1] = null;
                }
            });
            return events.stream().collect(Collectors.toList());
        });
    }
}
