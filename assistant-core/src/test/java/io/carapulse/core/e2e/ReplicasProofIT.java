package io.carapulse.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.testkit.db.PostgresFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The multi-replica proof: three packaged servers on one PostgreSQL run a few hundred executions of
 * fake-tool plans (reads, and writes approved through the API) while every execution is followed over
 * SSE, often on a replica other than the one running it. One replica is killed with SIGKILL while it
 * runs a write; another is stopped with SIGTERM while it runs one. Then:
 * <ul>
 *   <li>every execution ended (or is HELD), with exactly one terminal event;</li>
 *   <li>no write ran twice (the fake's journal, shared by the three processes, counts each call);</li>
 *   <li>the HELD executions are exactly those whose write was in flight on the killed replica; the
 *       SIGTERM'd replica let its writes finish and handed the rest over, so none of its is HELD;</li>
 *   <li>every follower received every event of its execution, in order, once, reconnecting to
 *       another replica with {@code Last-Event-ID} when its own went away;</li>
 *   <li>{@code GET /v1/audit/verify} is ok.</li>
 * </ul>
 */
class ReplicasProofIT {

    private static final int EXECUTIONS = 240;
    private static final Set<String> WRITES = Set.of("sleep", "scale");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<PackagedServer> live = new CopyOnWriteArrayList<>();
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    /** Submissions hold it to read; taking a replica out of service holds it to write (no call in flight to it). */
    private final ReentrantReadWriteLock submissions = new ReentrantReadWriteLock();

    @Test
    void shouldRunEveryExecutionOnceWhenOneReplicaIsKilledAndAnotherStopped() throws Exception {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        Path journal = Files.createTempFile("carapulse-fake-journal", ".jsonl");
        Map<String, String> env = Map.of(
                "CARAPULSE_DB_URL", db.jdbcUrl(), "CARAPULSE_DB_USER", db.username(),
                "CARAPULSE_DB_PASSWORD", db.password(),
                "CARAPULSE_TESTKIT_FAKE_JOURNAL", journal.toString(),
                "CARAPULSE_TESTKIT_FAKE_DEPLOYMENTS", "web=3",
                "CARAPULSE_SHUTDOWN_GRACE", "45s");
        PackagedServer a = new PackagedServer(Files.createTempDirectory("carapulse-proof-a"));
        PackagedServer b = new PackagedServer(Files.createTempDirectory("carapulse-proof-b"));
        PackagedServer c = new PackagedServer(Files.createTempDirectory("carapulse-proof-c"));
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        ExecutorService follow = Executors.newCachedThreadPool();
        try {
            a.start(env); // the first start records the class archive the others then use
            CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b, env));
            start(c, env);
            startB.join();
            live.addAll(List.of(a, b, c));
            String token = a.adminToken();

            List<CompletableFuture<String>> submitted = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                int n = i;
                submitted.add(CompletableFuture.supplyAsync(() -> submit(n, token, follow), submitters));
            }
            // kill A while it runs a write, once a third has been submitted
            awaitCount(submitted, EXECUTIONS / 3);
            takeOut(db, journal, a, 0);
            a.kill();
            submissions.writeLock().unlock();
            // stop B (SIGTERM) while it runs a write, once two thirds have been submitted
            awaitCount(submitted, 2 * EXECUTIONS / 3);
            // a write with seconds to go: longer than a stop without a drain would wait (S10 would HOLD it)
            Set<String> bInFlight = takeOut(db, journal, b, 3_000);
            submissions.writeLock().unlock();
            long stopping = System.nanoTime();
            int bExit = b.terminate(Duration.ofSeconds(60));
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            assertThat(bExit).as("B stopped by itself within its grace period (%d ms); log:%n%s", stopMillis,
                    tail(b.log)).isEqualTo(143);

            List<String> ids = new ArrayList<>();
            for (CompletableFuture<String> f : submitted) {
                ids.add(f.get(5, TimeUnit.MINUTES));
            }
            awaitSettled(db, ids);
            for (String id : ids) {
                followers.get(id).done.get(2, TimeUnit.MINUTES);
            }

            Map<String, String> status = statuses(db);
            Map<String, List<JsonNode>> calls = journal(journal);
            Set<String> held = new HashSet<>();
            int crossReplica = 0;
            for (String id : ids) {
                String s = status.get(id);
                assertThat(s).as("execution %s ended", id).isIn("SUCCEEDED", "HELD");
                List<JsonNode> mine = calls.getOrDefault(id, List.of());
                List<JsonNode> writes = mine.stream().filter(j -> WRITES.contains(j.get("action").asText())).toList();
                assertThat(writes).as("execution %s: no write ran twice", id).hasSizeLessThanOrEqualTo(1);
                List<Event> stored = events(db, id);
                long terminal = stored.stream().filter(e -> e.type.equals("execution.finished")).count();
                long heldEvents = stored.stream().filter(e -> e.type.equals("execution.held")).count();
                if (s.equals("HELD")) {
                    held.add(id);
                    // (none journaled: the killed replica stored the step RUNNING and died before calling the tool)
                    assertThat(writes).as("a HELD execution's write ran on the killed replica")
                            .allSatisfy(w -> assertThat(w.get("pid").asLong()).isEqualTo(a.pid()));
                    assertThat(heldEvents).isEqualTo(1);
                    assertThat(terminal).isZero();
                } else {
                    assertThat(terminal).as("execution %s finished exactly once", id).isEqualTo(1);
                    assertThat(heldEvents).isZero();
                    if (!writes.isEmpty()) {
                        assertThat(writes).as("a succeeded write ran once").hasSize(1);
                    }
                }
                Follower follower = followers.get(id);
                assertThat(follower.received).as("execution %s: its follower got every event in order, once", id)
                        .containsExactlyElementsOf(stored);
                long runner = mine.isEmpty() ? -1 : mine.get(mine.size() - 1).get("pid").asLong();
                if (follower.servedBy.stream().anyMatch(pid -> pid != runner)) {
                    crossReplica++; // events the runner wrote reached the follower through another replica
                }
            }
            assertThat(held).as("the killed replica had a write in flight: it is HELD").isNotEmpty();
            assertThat(bInFlight).as("the stopped replica's writes in flight finished").allSatisfy(id ->
                    assertThat(status.get(id)).isEqualTo("SUCCEEDED"));
            // how many depends on which replica runs what (mostly the survivor) and when A and B go: 55 to 84 in
            // runs here; an eighth is far from both that spread and from none, which is what a broken relay gives
            assertThat(crossReplica).as("followers served by a replica other than the runner")
                    .isGreaterThan(EXECUTIONS / 8);
            Map<Long, Long> callsPerReplica = new HashMap<>();
            calls.values().forEach(l -> l.forEach(j -> callsPerReplica.merge(j.get("pid").asLong(), 1L, Long::sum)));
            System.out.printf("replicas proof: %d executions; tool calls per replica A/B/C: %d/%d/%d; HELD (killed A's"
                            + " writes in flight): %d; B's writes in flight at SIGTERM: %d, all SUCCEEDED; B stopped in %d ms;"
                            + " followers served (for at least one event) by another replica than the runner: %d%n", ids.size(),
                    callsPerReplica.getOrDefault(a.pid(), 0L), callsPerReplica.getOrDefault(b.pid(), 0L),
                    callsPerReplica.getOrDefault(c.pid(), 0L), held.size(), bInFlight.size(), stopMillis, crossReplica);
            JsonNode verify = c.json("GET", "/v1/audit/verify", token, null);
            assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        } finally {
            submitters.shutdownNow();
            follow.shutdownNow();
            a.kill();
            b.kill();
            c.stop();
        }
    }

    private static void start(PackagedServer server, Map<String, String> env) {
        try {
            server.start(env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code server} runs a write, then takes it out of the replicas calls go to, with no
     * submission in flight (the write lock stays held: the caller kills or stops it, then unlocks).
     * Returns the executions whose write it was running then.
     */
    private Set<String> takeOut(PostgresFixture.Database db, Path journal, PackagedServer server, long leftMillis)
            throws Exception {
        while (true) {
            awaitWriteInFlight(db, journal, server.pid(), leftMillis);
            submissions.writeLock().lock();
            Set<String> inFlight = writesInFlight(db, journal, server.pid(), leftMillis);
            if (!inFlight.isEmpty()) {
                live.remove(server);
                return inFlight;
            }
            submissions.writeLock().unlock();
        }
    }

    /** Creates, approves (writes) and executes plan {@code n} on live replicas; starts its follower. */
    private String submit(int n, String token, ExecutorService follow) {
        submissions.readLock().lock();
        try {
            return submitNow(n, token, follow);
        } finally {
            submissions.readLock().unlock();
        }
    }

    private String submitNow(int n, String token, ExecutorService follow) {
        String steps = switch (n % 3) {
            case 0 -> "[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"read " + n + "\"}},"
                    + "{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}}]";
            case 1 -> "[{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":" + (800 + 131 * (n % 41)) + "}},"
                    + "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"slept " + n + "\"}}]";
            default -> "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":" + (1 + n % 7)
                    + "}},{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}}]";
        };
        JsonNode plan = call("POST", "/v1/plans", token,
                "{\"environment\":\"dev\",\"summary\":\"proof " + n + "\",\"steps\":" + steps + "}", 201);
        String planId = plan.get("id").asText();
        if (plan.get("requiresApproval").asBoolean()) {
            call("POST", "/v1/plans/" + planId + "/approval", token, "{\"decision\":\"approve\"}", 200);
        }
        String id = call("POST", "/v1/plans/" + planId + "/execute", token, "", 202).get("executionId").asText();
        Follower f = new Follower(id, token);
        followers.put(id, f);
        follow.submit(f::run);
        return id;
    }

    /**
     * One call on a live replica. A replica that goes away mid-call is the test's doing: a create is
     * never retried blindly (it could have committed); the caller sees the failure.
     */
    private JsonNode call(String method, String path, String token, String body, int expected) {
        PackagedServer server = pick(null);
        try {
            HttpResponse<String> r = server.call(method, path, token, body);
            assertThat(r.statusCode()).as("%s %s on %d: %s", method, path, server.port, r.body()).isEqualTo(expected);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " on " + server.port + ": " + e, e);
        }
    }

    private PackagedServer pick(PackagedServer notThis) {
        List<PackagedServer> choices = live.stream().filter(s -> s != notThis).toList();
        if (choices.isEmpty()) {
            choices = List.copyOf(live);
        }
        return choices.get(ThreadLocalRandom.current().nextInt(choices.size()));
    }

    /** An execution's follower: SSE from a live replica, resuming on another with Last-Event-ID when one goes. */
    private final class Follower {
        final String executionId;
        final String token;
        final List<Event> received = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The replicas that delivered at least one of the execution's events to this follower. */
        final Set<Long> servedBy = ConcurrentHashMap.newKeySet();

        Follower(String executionId, String token) {
            this.executionId = executionId;
            this.token = token;
        }

        void run() {
            long last = 0;
            PackagedServer on = pick(null);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            try {
                while (System.nanoTime() < deadline) {
                    HttpRequest.Builder req = HttpRequest.newBuilder(
                                    URI.create(on.base() + "/v1/executions/" + executionId + "/events"))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream");
                    if (last > 0) {
                        req.header("Last-Event-ID", Long.toString(last));
                    }
                    try {
                        HttpResponse<InputStream> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                        if (r.statusCode() != 200) {
                            throw new IOException("status " + r.statusCode());
                        }
                        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                            String id = null;
                            String name = null;
                            String line;
                            while ((line = in.readLine()) != null) {
                                if (line.startsWith("id:")) {
                                    id = line.substring(3).strip();
                                } else if (line.startsWith("event:")) {
                                    name = line.substring(6).strip();
                                } else if (line.isEmpty()) {
                                    if (id != null && name != null && !name.equals("keepalive")) {
                                        long seq = Long.parseLong(id);
                                        if (seq > last) {
                                            received.add(new Event(seq, name));
                                            servedBy.add(on.pid());
                                            last = seq;
                                        }
                                        if (name.equals("execution.finished") || name.equals("execution.held")) {
                                            done.complete(null);
                                            return;
                                        }
                                    }
                                    id = null;
                                    name = null;
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the replica went away: resume on another one
                    }
                    Thread.sleep(200);
                    on = pick(live.contains(on) ? null : on);
                }
                done.completeExceptionally(new AssertionError("follower of " + executionId + " timed out"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    record Event(long seq, String type) {
    }

    private static void awaitCount(List<CompletableFuture<String>> submitted, int count) throws Exception {
        await(() -> submitted.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count() >= count,
                Duration.ofMinutes(3), count + " executions submitted");
        for (CompletableFuture<String> f : submitted) {
            if (f.isCompletedExceptionally()) {
                f.join(); // surfaces the failure
            }
        }
    }

    private static void awaitWriteInFlight(PostgresFixture.Database db, Path journal, long pid, long leftMillis)
            throws Exception {
        await(() -> {
            try {
                return !writesInFlight(db, journal, pid, leftMillis).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofMinutes(2), "a write in flight on process " + pid);
    }

    /**
     * Executions whose write step the process started (journaled) and has not finished (RUNNING), with
     * at least {@code leftMillis} of it to go (a sleep's length is known; a scale counts as none left).
     */
    private static Set<String> writesInFlight(PostgresFixture.Database db, Path journal, long pid, long leftMillis)
            throws Exception {
        Set<String> started = new HashSet<>();
        long now = System.currentTimeMillis();
        journal(journal).forEach((id, calls) -> calls.stream()
                .filter(j -> j.get("pid").asLong() == pid && WRITES.contains(j.get("action").asText()))
                .filter(j -> leftMillis == 0 || j.get("at").asLong() + j.at("/args/millis").asLong(0) - now >= leftMillis)
                .forEach(j -> started.add(id)));
        Set<String> running = new HashSet<>();
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(
                "SELECT execution_id FROM step_run WHERE status = 'RUNNING' AND action IN ('sleep', 'scale')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                running.add(rs.getString(1));
            }
        }
        started.retainAll(running);
        return started;
    }

    private static void awaitSettled(PostgresFixture.Database db, List<String> ids) throws Exception {
        await(() -> {
            try {
                Map<String, String> s = statuses(db);
                return ids.stream().allMatch(id -> Set.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK", "HELD")
                        .contains(s.get(id)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofMinutes(5), "every execution settled");
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, String> statuses(PostgresFixture.Database db) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement("SELECT id, status FROM execution");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static List<Event> events(PostgresFixture.Database db, String executionId) throws Exception {
        List<Event> out = new ArrayList<>();
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, type FROM execution_event WHERE execution_id = ? ORDER BY seq")) {
            ps.setString(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The fake's journal, shared by the three processes: each execution's calls in the order made. */
    private static Map<String, List<JsonNode>> journal(Path journal) throws IOException {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (String line : Files.readAllLines(journal)) {
            if (!line.isBlank()) {
                JsonNode j = JSON.readTree(line);
                out.computeIfAbsent(j.get("executionId").asText(), k -> new ArrayList<>()).add(j);
            }
        }
        return out;
    }

    private static Connection connect(PostgresFixture.Database db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
