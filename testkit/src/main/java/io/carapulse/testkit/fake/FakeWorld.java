package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory world the {@link FakeTool} acts on: deployments with replica counts and resource
 * versions, and a journal of every call the tool received.
 *
 * <p>Tests seed it with {@link #deploy}, run something through the runtime, then assert on the state
 * and on the journal ("the adapter was never called", "scale, then the rollback scale"). All methods
 * are thread-safe; the runtime calls the tool from its own threads.
 */
public final class FakeWorld {

    private final Map<String, Deployment> deployments = new HashMap<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final Map<String, Config> configs = new HashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where every call is also appended, one JSON line each, shared by processes; null: memory only. */
    private final Path journalFile;
    // one counter for the whole world, as in etcd: a resourceVersion never repeats across objects
    private long lastResourceVersion;

    /** A world that journals in memory only. */
    public FakeWorld() {
        this(null);
    }

    /**
     * A world that also appends each call the tool executes to {@code journalFile} (one JSON object per
     * line: tool, action, environment, executionId, args, pid, at in epoch milliseconds) under a file lock, so several server
     * processes with one journal can be checked together ("no write ran twice across replicas").
     */
    public FakeWorld(Path journalFile) {
        this.journalFile = journalFile;
    }

    /** A fake configuration file: its text and a version that grows with every change. */
    public record Config(String text, long version) {
    }

    /** The configuration file {@code name}; an empty one at version 0 when nobody wrote it. */
    public synchronized Config config(String name) {
        return configs.getOrDefault(name, new Config("", 0));
    }

    /** Someone changes a configuration file outside any plan (a commit on the base branch). */
    public synchronized Config config(String name, String text) {
        Config next = new Config(text, config(name).version() + 1);
        configs.put(name, next);
        return next;
    }

    /** Writes {@code text} if the file is still at {@code expectedVersion}; empty, and nothing written, if not. */
    synchronized Optional<Config> configure(String name, String text, long expectedVersion) {
        if (config(name).version() != expectedVersion) {
            return Optional.empty();
        }
        return Optional.of(config(name, text));
    }

    /** A replica change made by {@link #scale}. */
    record Change(Deployment before, Deployment after) {
    }

    /**
     * Creates or replaces a deployment, bumping the world's resource version.
     *
     * @return the deployment as stored
     */
    public synchronized Deployment deploy(String name, int replicas) {
        Objects.requireNonNull(name, "name");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        Deployment stored = new Deployment(name, replicas, ++lastResourceVersion);
        deployments.put(name, stored);
        return stored;
    }

    /** The deployment called {@code name}, if it exists. */
    public synchronized Optional<Deployment> deployment(String name) {
        return Optional.ofNullable(deployments.get(name));
    }

    /** Every call received so far, executions and inverse captures, in order. */
    public synchronized List<JournalEntry> journal() {
        return List.copyOf(journal);
    }

    /** Only the calls that were executed, in order (rollback calls included). */
    public synchronized List<JournalEntry> executions() {
        return entries(JournalEntry.Kind.EXECUTE);
    }

    /** Only the inverse captures, in order. */
    public synchronized List<JournalEntry> inverseCaptures() {
        return entries(JournalEntry.Kind.CAPTURE_INVERSE);
    }

    /** Forgets every deployment and journal entry, so one world can serve many tests. */
    public synchronized void reset() {
        deployments.clear();
        journal.clear();
        configs.clear();
        lastResourceVersion = 0;
    }

    /** Sets the replica count of an existing deployment; empty when it does not exist. */
    synchronized Optional<Change> scale(String name, int replicas) {
        Deployment before = deployments.get(name);
        if (before == null) {
            return Optional.empty();
        }
        return Optional.of(new Change(before, deploy(name, replicas)));
    }

    synchronized void recordExecution(ToolCall call, ToolContext context) {
        journal.add(JournalEntry.of(JournalEntry.Kind.EXECUTE, call));
        if (journalFile != null) {
            ObjectNode line = JSON.createObjectNode()
                    .put("tool", call.tool())
                    .put("action", call.action())
                    .put("environment", call.environment())
                    .put("executionId", context.executionId())
                    .put("pid", ProcessHandle.current().pid())
                    .put("at", System.currentTimeMillis());
            line.set("args", call.args());
            append(line.toString() + "\n");
        }
    }

    private void append(String line) {
        try (FileChannel ch = FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); var lock = ch.lock()) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("fake journal " + journalFile + ": " + e.getMessage(), e);
        }
    }

    synchronized void recordInverseCapture(ToolCall call) {
        journal.add(JournalEntry.of(JournalEntry.Kind.CAPTURE_INVERSE, call));
    }

    private List<JournalEntry> entries(JournalEntry.Kind kind) {
        return journal.stream().filter(e -> e.kind() == kind).toList();
    }
}
