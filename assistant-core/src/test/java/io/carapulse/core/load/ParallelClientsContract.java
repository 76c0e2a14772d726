package io.carapulse.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 (6): under load, requests queue on the audit chain head (every audited change locks it).
 * The head is held while 20 clients create and execute plans in parallel, until one of them is seen
 * waiting for it and then 3 s more, longer than H2's own 2 s lock timeout: every client must
 * succeed, on H2 and on PostgreSQL.
 */
abstract class ParallelClientsContract {

    private static final int CLIENTS = 20;

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject AuditService audit;
    @Inject TransactionOperations<Connection> tx;
    @Inject Environment environment;

    private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void shouldServeEveryClientWhileTheAuditChainHeadIsHeldLongerThanH2sDefaultLockTimeout() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "parallel-operator", List.of("operator")).token();
        CountDownLatch locked = new CountDownLatch(1);

        CountDownLatch queued = new CountDownLatch(1);

        Future<?> holder = threads.submit(() -> tx.executeWrite(s -> {
            audit.lockHead();
            locked.countDown();
            await(queued);
            sleep(3_000); // so a request already waiting for the head waits at least this long
            return null;
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> clients = IntStream.range(0, CLIENTS)
                .mapToObj(i -> threads.submit(() -> createAndExecute(http, operator, i))).toList();
        awaitARequestWaitingForALock();
        queued.countDown();
        holder.get(60, TimeUnit.SECONDS);

        List<String> outcomes = new ArrayList<>();
        for (Future<String> client : clients) {
            outcomes.add(client.get(120, TimeUnit.SECONDS));
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o).startsWith("exe_"));
        for (String execution : outcomes) {
            assertThat(http.awaitExecution(execution, operator).path("status").asText()).isEqualTo("SUCCEEDED");
        }
        assertThat(http.get("/v1/audit/verify", operator).json().path("ok").asBoolean()).isTrue();
    }

    /** The execution id, or what went wrong. */
    private static String createAndExecute(TestHttp http, String token, int client) {
        TestHttp.Response created = http.post("/v1/plans", token, "{\"environment\":\"prod\",\"summary\":\"client "
                + client + "\",\"steps\":[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"" + client + "\"}}]}");
        if (created.status() != 201) {
            return "create answered " + created.status() + ": " + created.body();
        }
        String plan = created.json().path("id").asText();
        TestHttp.Response executed = http.post("/v1/plans/" + plan + "/execute", token, "");
        return executed.status() == 202 ? executed.json().path("executionId").asText()
                : "execute answered " + executed.status() + ": " + executed.body();
    }

    /** Watches the database from a connection of its own (the pool's may all be waiting) until a session waits for a lock. */
    private void awaitARequestWaitingForALock() throws Exception {
        String url = environment.getRequiredProperty("datasources.default.url", String.class);
        String waiting = url.startsWith("jdbc:h2:")
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
        try (Connection monitor = DriverManager.getConnection(url,
                environment.getProperty("datasources.default.username", String.class).orElse(""),
                environment.getProperty("datasources.default.password", String.class).orElse(""));
                Statement st = monitor.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery(waiting)) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                sleep(20);
            }
        }
        throw new AssertionError("no request ever waited for the audit chain head");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
