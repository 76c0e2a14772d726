import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Black-box benchmarks of the packaged server, as a user meets it: {@code bin/carapulse-server}
 * started as its own process, driven over HTTP and SSE. Run through {@code bench/run.sh}, which
 * builds what is needed and prints Markdown rows for docs/performance.md.
 *
 * <p>Scenarios: {@code startup}, {@code step}, {@code throughput}, {@code load}, {@code cli}. The
 * database is the embedded H2 unless {@code CARAPULSE_DB_URL} is set.
 */
public final class ApiBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; }))
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Path ROOT = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "all";
        System.out.println("# " + scenario + " — " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load " + loadAverage() + ", database " + (db().isEmpty() ? "H2 (embedded)" : db()));
        switch (scenario) {
            case "startup" -> startup();
            case "step" -> step();
            case "throughput" -> throughput();
            case "load" -> load();
            case "cli" -> cli();
            case "all" -> { startup(); step(); throughput(); load(); cli(); }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        System.exit(0);
    }

    // ---- scenarios -------------------------------------------------------------------------

    /** Start to healthy on a fresh home (first start: migrations, token) and on an existing one. */
    /**
     * Start to healthy, fresh and existing home, for each JDK of {@code bench.java-homes} (comma-separated
     * JDK directories; default: the JDK running the benchmark), interleaved run by run so that the JDKs
     * share the machine's noise: the launcher records a class archive on JDK 17–24 and an ahead-of-time
     * cache on JDK 25+.
     */
    static void startup() throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        List<String> jdks = List.of(System.getProperty("bench.java-homes", System.getProperty("java.home")).split(","));
        Map<String, List<Double>> fresh = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> existing = new java.util.LinkedHashMap<>();
        Map<String, List<Long>> rss = new java.util.LinkedHashMap<>();
        for (String jdk : jdks) {
            try (Server s = Server.start(Files.createTempDirectory("bench-home"), Map.of("JAVA_HOME", jdk))) {
                // not measured: the first start after a build records the class archive
            }
            if (!db().isEmpty()) {
                resetDatabase();
            }
        }
        for (int i = 0; i < runs; i++) {
            for (String jdk : jdks) {
                Map<String, String> env = Map.of("JAVA_HOME", jdk);
                Path home = Files.createTempDirectory("bench-home");
                try (Server s = Server.start(home, env)) {
                    fresh.computeIfAbsent(jdk, k -> new ArrayList<>()).add(s.startSeconds);
                }
                if (!db().isEmpty()) {
                    resetDatabase();
                }
                try (Server s = Server.start(home, env)) {
                    existing.computeIfAbsent(jdk, k -> new ArrayList<>()).add(s.startSeconds);
                    Thread.sleep(5_000);
                    rss.computeIfAbsent(jdk, k -> new ArrayList<>()).add(s.rssKb());
                }
                if (!db().isEmpty()) {
                    resetDatabase();
                }
            }
        }
        for (String jdk : jdks) {
            String name = jdks.size() == 1 ? "" : ", " + jdkName(jdk);
            row("start to healthy, fresh home (s)" + name, fresh.get(jdk));
            row("start to healthy, existing home (s)" + name, existing.get(jdk));
            System.out.printf(Locale.ROOT, "| idle RSS 5 s after start%s | %s MB |%n", name,
                    rss.get(jdk).stream().map(k -> Long.toString(k / 1024)).toList());
        }
    }

    /** "JDK 25.0.3" from a JDK directory's release file, else the directory. */
    static String jdkName(String jdk) {
        try {
            for (String line : Files.readAllLines(Path.of(jdk, "release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return "JDK " + line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException unreadable) {
            // fall through
        }
        return jdk;
    }

    /** One READ step through the API against spawning the same ~20 ms CLI directly. */
    static void step() throws Exception {
        int cold = Integer.getInteger("bench.cold", 50);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int runs = Integer.getInteger("bench.runs", 200);
        Path home = Files.createTempDirectory("bench-home");
        Path argocd = fakeArgocd(home);
        Map<String, String> env = new HashMap<>(Map.of("MICRONAUT_CONFIG_FILES", argoConfig(home, argocd).toString()));
        try (Server s = Server.start(home, env)) {
            Samples direct = new Samples(), full = new Samples(), execOnly = new Samples();
            Samples coldDirect = new Samples(), coldFull = new Samples(), coldExec = new Samples();
            for (int i = 0; i < cold + warmup + runs; i++) {
                boolean isCold = i < cold;
                boolean measured = isCold || i >= cold + warmup;
                long d = spawn(argocd);
                long[] api = s.readStep("prod", "{\"tool\":\"argocd\",\"action\":\"app-get\",\"args\":{\"app\":\"web\"}}");
                if (measured) {
                    (isCold ? coldDirect : direct).add(d);
                    (isCold ? coldFull : full).add(api[0]);
                    (isCold ? coldExec : execOnly).add(api[1]);
                }
            }
            System.out.println("| runs | direct spawn p50 | create→finished (SSE) p50 / p95 | overhead p50 | execute→finished p50 | overhead p50 | ratio |");
            System.out.println("|---|---|---|---|---|---|---|");
            stepRow("first " + cold + " after start", coldDirect, coldFull, coldExec);
            stepRow(runs + " after " + (cold + warmup) + " warm-up", direct, full, execOnly);
        }
    }

    /** Closed loop: clients each create → execute → wait on SSE a one-step read plan (fake.echo). */
    static void throughput() throws Exception {
        int clients = Integer.getInteger("bench.clients", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Path home = Files.createTempDirectory("bench-home");
        try (Server s = Server.start(home, fakeTools(Map.of()))) {
            for (int i = 0; i < 200; i++) {
                s.readStep("dev", "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"x\"}}");
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger done = new AtomicInteger(), failed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            Samples latency = new Samples();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            long[] r = s.readStep("dev", "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"x\"}}");
                            latency.add(r[0]);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "| closed loop, %d clients, %d s | %.0f executions/s | create→finished p50 %.1f ms, p95 %.1f ms | %d failed | RSS %d MB |%n",
                    clients, seconds, done.get() / secs, latency.p(50), latency.p(95), failed.get(), s.rssKb() / 1024);
        }
    }

    /**
     * Latency under load: {@code bench.inflight} executions running at once (fake.sleep, approved), each
     * followed by {@code followers / inflight} SSE clients, while a probe creates plans and reads them.
     */
    static void load() throws Exception {
        int inflight = Integer.getInteger("bench.inflight", 100);
        int followers = Integer.getInteger("bench.followers", 500);
        int probes = Integer.getInteger("bench.probes", 400);
        Path home = Files.createTempDirectory("bench-home");
        Map<String, String> env = fakeTools(new HashMap<>(Map.of("CARAPULSE_EXECUTOR_THREADS",
                System.getProperty("bench.executor-threads", Integer.toString(inflight + 8)))));
        try (Server s = Server.start(home, env)) {
            for (int i = 0; i < 100; i++) { // warm the paths the probe takes
                s.readStep("dev", "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"x\"}}");
            }
            List<String> executions = new ArrayList<>();
            for (int i = 0; i < inflight; i++) {
                String plan = s.createPlan("dev", "{\"tool\":\"fake\",\"action\":\"sleep\",\"args\":{\"millis\":120000}}");
                s.post("/v1/plans/" + plan + "/approval", "{\"decision\":\"approve\"}");
                executions.add(s.post("/v1/plans/" + plan + "/execute", "").get("executionId").asText());
            }
            List<CompletableFuture<?>> streams = new ArrayList<>();
            AtomicInteger received = new AtomicInteger();
            for (int i = 0; i < followers; i++) {
                streams.add(s.follow(executions.get(i % executions.size()), received));
            }
            Thread.sleep(3_000);
            Samples create = new Samples(), read = new Samples();
            for (int i = 0; i < probes; i++) {
                long t0 = System.nanoTime();
                String id = s.createPlan("dev", "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"probe\"}}");
                long t1 = System.nanoTime();
                s.get("/v1/plans/" + id);
                long t2 = System.nanoTime();
                create.add(t1 - t0);
                read.add(t2 - t1);
                Thread.sleep(25);
            }
            long running = count(s, "/v1/executions?status=RUNNING&limit=500");
            System.out.printf(Locale.ROOT, "| %d executions in flight (%d running at the end), %d SSE followers (%d events so far) | POST /v1/plans p50 %.1f ms, p95 %.1f ms | GET /v1/plans/{id} p50 %.1f ms, p95 %.1f ms | RSS %d MB |%n",
                    inflight, running, followers, received.get(), create.p(50), create.p(95), read.p(50), read.p(95), s.rssKb() / 1024);
            for (String e : executions) {
                s.post("/v1/executions/" + e + "/cancel", "");
            }
            streams.forEach(f -> f.cancel(true));
        }
    }

    /** The items of a listing, page after page: lists carry no total. */
    static long count(Server s, String path) throws Exception {
        long n = 0;
        String next = null;
        do {
            JsonNode page = s.get(next == null ? path : path + "&before=" + next);
            n += page.path("items").size();
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (next != null);
        return n;
    }

    /** assistantctl as a person types it, against a local server. */
    static void cli() throws Exception {
        int runs = Integer.getInteger("bench.runs", 10);
        Path home = Files.createTempDirectory("bench-home");
        try (Server s = Server.start(home, fakeTools(Map.of()))) {
            String plan = s.createPlan("dev", "{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"x\"}}");
            System.out.println("| command | first run | p50 | p95 |");
            System.out.println("|---|---|---|---|");
            // the baselines, in the same run: a bare JVM start with the launcher's flags, and the server's
            // share of a listing as curl sees it
            String java = ProcessHandle.current().info().command().orElse("java");
            cliRow("baseline: `java -version` (C1, serial GC)", List.of(java, "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-version"), Map.of(), runs);
            cliRow("baseline: `curl GET /v1/plans`", List.of("curl", "-sf", "-H", "Authorization: Bearer " + s.token,
                    s.base + "/v1/plans"), Map.of(), runs);
            for (String[] cmd : List.of(new String[]{"--help"}, new String[]{"plan", "list"},
                    new String[]{"plan", "show", plan}, new String[]{"exec", "list"})) {
                List<String> argv = new ArrayList<>(List.of(ROOT.resolve("bin/assistantctl").toString()));
                argv.addAll(List.of(cmd));
                cliRow("`assistantctl " + String.join(" ", cmd) + "`", argv, s.cliEnv(), runs);
            }
            // and without the class archive, what a user who turns it off (or a first run) pays
            Map<String, String> noArchive = new HashMap<>(s.cliEnv());
            noArchive.put("CARAPULSE_CDS", "false");
            cliRow("`assistantctl plan list`, no class archive (`CARAPULSE_CDS=false`)",
                    List.of(ROOT.resolve("bin/assistantctl").toString(), "plan", "list"), noArchive, runs);
        }
    }

    /** One command: its first run (which may build or record an archive), then {@code runs} timed runs. */
    static void cliRow(String name, List<String> argv, Map<String, String> env, int runs) throws Exception {
        long first = System.nanoTime();
        run(argv, env);
        double firstMs = (System.nanoTime() - first) / 1e6;
        Samples wall = new Samples();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            int code = run(argv, env);
            wall.add(System.nanoTime() - t0);
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + code);
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", name, firstMs, wall.p(50), wall.p(95));
    }

    // ---- the server under test -------------------------------------------------------------

    static final class Server implements AutoCloseable {
        final Process process;
        final String base;
        final String token;
        final double startSeconds;
        final Path home;

        private Server(Process process, String base, String token, double startSeconds, Path home) {
            this.process = process;
            this.base = base;
            this.token = token;
            this.startSeconds = startSeconds;
            this.home = home;
        }

        static Server start(Path home, Map<String, String> env) throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/carapulse-server").toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            pb.environment().putAll(env);
            pb.environment().put("CARAPULSE_HOME", home.toString());
            pb.environment().put("CARAPULSE_PORT", Integer.toString(port));
            pb.environment().put("CARAPULSE_SKIP_BUILD", "true");
            if (!db().isEmpty()) {
                pb.environment().put("CARAPULSE_DB_URL", db());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            String base = "http://127.0.0.1:" + port;
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server stopped; see " + home.resolve("server.log"));
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String token = Files.readString(home.resolve("token")).trim();
            return new Server(p, base, token, seconds, home);
        }

        Map<String, String> cliEnv() {
            return Map.of("CARAPULSE_SERVER", base, "CARAPULSE_TOKEN", token, "CARAPULSE_HOME", home.toString());
        }

        long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        String createPlan(String env, String step) throws Exception {
            return post("/v1/plans", "{\"environment\":\"" + env + "\",\"summary\":\"bench\",\"steps\":[" + step + "]}")
                    .get("id").asText();
        }

        /** {create → finished seen on SSE, execute → finished seen on SSE} in nanoseconds. */
        long[] readStep(String env, String step) throws Exception {
            long t0 = System.nanoTime();
            String plan = createPlan(env, step);
            long t1 = System.nanoTime();
            String execution = post("/v1/plans/" + plan + "/execute", "").get("executionId").asText();
            String last = awaitFinished(execution);
            long t2 = System.nanoTime();
            if (!last.contains("SUCCEEDED")) {
                throw new IllegalStateException("execution " + execution + " ended: " + last);
            }
            return new long[]{t2 - t0, t2 - t1};
        }

        /** Reads the execution's SSE stream to its end; returns the last data line. */
        String awaitFinished(String execution) throws Exception {
            HttpResponse<InputStream> r = HTTP.send(request("/v1/executions/" + execution + "/events")
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String last = "";
            boolean finished = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event:execution.finished") || line.equals("event: execution.finished")) {
                        finished = true;
                    } else if (finished && line.startsWith("data:")) {
                        last = line;
                        break; // the server ends the stream right after this event
                    }
                }
            }
            return last;
        }

        CompletableFuture<?> follow(String execution, AtomicInteger received) {
            return HTTP.sendAsync(request("/v1/executions/" + execution + "/events").header("Accept", "text/event-stream")
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(l -> {
                        if (l.startsWith("id:")) {
                            received.incrementAndGet();
                        }
                    }));
        }

        JsonNode post(String path, String body) throws Exception {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        JsonNode get(String path) throws Exception {
            return send(request(path).GET().build());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60));
        }

        private static JsonNode send(HttpRequest request) throws Exception {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " → "
                        + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // ---- fixtures ---------------------------------------------------------------------------

    static Map<String, String> fakeTools(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.put("CARAPULSE_TESTKIT_FAKE_TOOLS", "true");
        out.put("CARAPULSE_CLASSPATH", ROOT.resolve("testkit/target/testkit-0.1.0-SNAPSHOT.jar").toString());
        return out;
    }

    /** A ~20 ms {@code argocd} that prints an application, as {@code argocd app get -o json} does. */
    static Path fakeArgocd(Path dir) throws IOException {
        Path app = dir.resolve("app.json");
        Files.writeString(app, "{\"metadata\":{\"name\":\"web\",\"namespace\":\"argocd\"},\"spec\":{\"project\":\"web\"},"
                + "\"status\":{\"sync\":{\"status\":\"Synced\",\"revision\":\"abc123\"},\"health\":{\"status\":\"Healthy\"}}}");
        Path bin = dir.resolve("argocd");
        Files.writeString(bin, "#!/bin/sh\nsleep 0.02\ncat " + app + "\n");
        bin.toFile().setExecutable(true);
        return bin;
    }

    static Path argoConfig(Path dir, Path argocd) throws IOException {
        Path tokenFile = dir.resolve("argocd-token");
        Files.writeString(tokenFile, "bench-argocd-token");
        Path config = dir.resolve("bench.yml");
        Files.writeString(config, String.join("\n",
                "carapulse:",
                "  tools:",
                "    argocd:",
                "      binary: " + argocd,
                "      transport: cli",
                "  environments:",
                "    prod:",
                "      request-roles: [operator]",
                "      approve-roles: [approver]",
                "      execute-roles: [operator]",
                "      approvals: [local]",
                "      argocd:",
                "        server: argocd.example.com:443",
                "        token: file:" + tokenFile,
                "        projects: [web]",
                ""));
        return config;
    }

    static long spawn(Path argocd) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argocd.toString(), "app", "get", "web", "-o", "json")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return System.nanoTime() - t0;
    }

    static int run(List<String> argv, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    static String db() {
        return System.getenv().getOrDefault("CARAPULSE_DB_URL", "");
    }

    static void resetDatabase() throws Exception {
        String script = System.getenv("BENCH_RESET_DB");
        if (script != null) {
            new ProcessBuilder("sh", "-c", script).inheritIO().start().waitFor();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- statistics -------------------------------------------------------------------------

    static final class Samples {
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

        void add(long n) {
            nanos.add(n);
        }

        /** The p-th percentile in milliseconds. */
        double p(int percentile) {
            List<Long> sorted;
            synchronized (nanos) {
                sorted = new ArrayList<>(nanos);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, i)) / 1e6;
        }
    }

    static void stepRow(String label, Samples direct, Samples full, Samples exec) {
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f / %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f |%n", label,
                direct.p(50), full.p(50), full.p(95), full.p(50) - direct.p(50), exec.p(50), exec.p(50) - direct.p(50),
                exec.p(50) / direct.p(50));
    }

    static void row(String label, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | median %.2f (runs: %s) |%n", label, sorted.get(sorted.size() / 2),
                seconds.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
    }
}
