package io.carapulse.core.runbook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.runbook.RunbookCatalog.Source;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog in step with where runbooks are defined outside the API: the built-ins shipped
 * in the server and the YAML files of {@code carapulse.runbooks.directories}, read at start and
 * every {@code reload-interval} after. A changed file becomes a new version; a removed file takes its
 * runbook out of the catalog (the built-in of that name comes back, if there is one); a file that is
 * not a valid runbook changes nothing, and its problems are logged once and listed by
 * {@code GET /v1/runbooks/problems}. Every replica reads the same directories; the catalog makes
 * recording the same content twice a no-op, so they agree without talking to each other.
 */
@Context
public class RunbookSources {

    /** The built-in runbooks, as resources {@code runbooks/<name>.yaml}. */
    static final List<String> BUILTINS = List.of("scale-service", "restart-workload", "helm-release", "gitops-deploy",
            "incident-diagnosis");
    private static final Logger LOG = LoggerFactory.getLogger(RunbookSources.class);
    private static final long MAX_FILE_BYTES = 256 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private final RunbookCatalog catalog;
    private final RunbookConfiguration config;
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private final Map<String, List<String>> problems = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reload = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "carapulse-runbook-reload");
        t.setDaemon(true);
        return t;
    });

    public RunbookSources(RunbookCatalog catalog, RunbookConfiguration config) {
        this.catalog = catalog;
        this.config = config;
    }

    /**
     * Reads the sources once as the server starts (before it answers, so nothing sees a half-filled
     * catalog and the audit rows of built-ins recorded at start come first), then every
     * {@code reload-interval} in the background.
     */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        loadQuietly();
        long every = config.reloadInterval().toMillis();
        reload.scheduleWithFixedDelay(this::loadQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        reload.shutdownNow();
    }

    /** Waits (up to 30 s) for the first reading of the sources, so a request never sees a half-loaded catalog. */
    public void awaitFirstLoad() {
        try {
            if (!firstLoad.await(30, TimeUnit.SECONDS)) {
                LOG.warn("runbooks: the first reading of the runbook sources has not finished after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The files that are not valid runbooks now, with their problems. */
    public Map<String, List<String>> problems() {
        return Map.copyOf(problems);
    }

    private void loadQuietly() {
        try {
            load();
        } catch (RuntimeException e) {
            LOG.error("runbooks: reading the runbook sources failed; the catalog is unchanged", e);
        } finally {
            firstLoad.countDown();
        }
    }

    /** One pass over every source. */
    synchronized void load() {
        Map<String, RunbookDefinition> files = new LinkedHashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        Set<String> present = new java.util.HashSet<>();
        Map<String, List<String>> found = new LinkedHashMap<>();
        RunbookParser parser = catalog.parser();
        for (Path file : files()) {
            present.add(file.toString());
            try {
                RunbookDefinition d = parser.parse(read(file), "runbook file " + file);
                String other = fileOf.putIfAbsent(d.name(), file.toString());
                if (other != null) {
                    found.put(file.toString(), List.of("name: runbook " + d.name() + " is also defined by " + other));
                    continue;
                }
                files.put(d.name(), d);
            } catch (InvalidRunbook e) {
                found.put(file.toString(), e.problems());
            } catch (IOException e) {
                found.put(file.toString(), List.of("$: " + unreadable(e)));
            }
        }
        for (Map.Entry<String, RunbookDefinition> f : files.entrySet()) {
            try {
                catalog.record(f.getValue(), Source.FILE, fileOf.get(f.getKey()), Actor.SYSTEM);
            } catch (ProblemException e) {
                found.put(fileOf.get(f.getKey()), List.of("name: " + e.getMessage()));
            }
        }
        for (RunbookRow row : catalog.rows()) {
            if (!row.retired() && Source.of(row.source()) == Source.FILE && !present.contains(row.location())) {
                try {
                    catalog.retire(row.name(), Source.FILE, Actor.SYSTEM);
                    LOG.info("runbooks: {} was removed from {}; it can no longer be run", row.name(), row.location());
                } catch (ProblemException e) {
                    // another replica retired it first
                }
            }
        }
        for (String name : BUILTINS) {
            if (files.containsKey(name)) {
                continue;
            }
            try {
                catalog.record(builtin(parser, name), Source.BUILTIN, null, Actor.SYSTEM);
            } catch (ProblemException e) {
                // the name is taken by a runbook defined through the API or a file: that one stays
                LOG.debug("runbooks: built-in {} not recorded: {}", name, e.getMessage());
            }
        }
        Set<String> current = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> p : found.entrySet()) {
            String key = p.getKey() + "\n" + p.getValue();
            current.add(key);
            if (logged.add(key)) {
                LOG.warn("runbooks: {} is not a valid runbook and was not loaded: {}", p.getKey(),
                        String.join("; ", p.getValue()));
            }
        }
        // forget problems that are gone, so a file broken again the same way is logged again
        logged.removeIf(k -> !k.startsWith("missing:") && !current.contains(k));
        problems.keySet().retainAll(found.keySet());
        problems.putAll(found);
    }

    private List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (Path dir : config.paths()) {
            if (!Files.isDirectory(dir)) {
                if (logged.add("missing:" + dir)) {
                    LOG.warn("runbooks: the runbook directory {} does not exist or is not a directory", dir);
                }
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, 4)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.warn("runbooks: cannot list {}: {}", dir, e.getMessage());
            }
        }
        return out;
    }

    private static JsonNode read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new InvalidRunbook("runbook file " + file, List.of("$: larger than " + MAX_FILE_BYTES / 1024 + " KiB"));
        }
        try {
            return YAML.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRunbook("runbook file " + file, List.of(yamlProblem(e)));
        }
    }

    /** Reads a definition written as YAML (or JSON, which is YAML too). */
    static JsonNode readYaml(String text, String what) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRunbook(what, List.of(yamlProblem(e)));
        }
    }

    private static String yamlProblem(com.fasterxml.jackson.core.JsonProcessingException e) {
        var at = e.getLocation();
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            message = "a key appears twice: " + message.substring("Duplicate field".length()).trim();
        }
        return "$: not valid YAML" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + ": " + (message == null ? "unreadable" : message.lines().findFirst().orElse(""));
    }

    private static String unreadable(IOException e) {
        return "cannot be read (" + (e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT)) + ")";
    }

    private static RunbookDefinition builtin(RunbookParser parser, String name) {
        try (InputStream in = RunbookSources.class.getResourceAsStream("/runbooks/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in runbook " + name + " is missing from the server");
            }
            return parser.parse(YAML.readTree(in), "built-in runbook " + name);
        } catch (IOException e) {
            throw new IllegalStateException("built-in runbook " + name + " cannot be read", e);
        }
    }
}
