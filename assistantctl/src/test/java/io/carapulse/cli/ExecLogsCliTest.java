package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.execution.CrashedReplica;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.DroppingProxy;
import io.carapulse.cli.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code exec logs}: live lines over SSE, the end at the terminal event, resuming a dropped stream. */
class ExecLogsCliTest {

    private final TestServer server = TestServer.shared();
    private final Ctl admin = Ctl.localTo(server);

    @Test
    void shouldPrintLinesWhileTheExecutionRunsAndStopAtItsTerminalEvent() throws Exception {
        String plan = approvedPlan("--step", "fake.sleep", "millis=60000");
        String execution = admin.run("plan", "execute", plan, "-o", "json").json().get("executionId").asText();

        Ctl.Running logs = admin.start("exec", "logs", execution, "--follow");
        logs.out().awaitContains("[0 act] slept 1s of 60000ms", Duration.ofSeconds(30));
        // the line arrived live: the step still has most of a minute to go, and the command still runs
        assertThat(admin.run("exec", "show", execution, "-o", "json").json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(logs.code()).isNotDone();

        Ctl.Result cancel = admin.run("exec", "cancel", execution);
        assertThat(cancel.code()).as(cancel.toString()).isZero();
        Ctl.Result ended = logs.await();
        assertThat(ended.code()).as(ended.toString()).isEqualTo(ExitCode.EXECUTION_FAILED.code());
        assertThat(ended.out()).contains("[0 act] fake.sleep (WRITE) started", "[0 act] fake.sleep CANCELLED");
        assertThat(ended.out().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("execution CANCELLED");
    }

    @Test
    void shouldResumeADroppedStreamWithoutLosingOrRepeatingALine() throws Exception {
        String text = String.join("\\n", IntStream.rangeClosed(1, 20).mapToObj(i -> "line-%02d".formatted(i)).toList());
        String plan = admin.run("plan", "create", "--env", "dev", "--step", "fake.echo", "text:=\"" + text + "\"",
                "-o", "json").json().get("id").asText();
        String execution = admin.run("plan", "execute", plan, "-o", "json").json().get("executionId").asText();

        try (DroppingProxy proxy = new DroppingProxy(server.port(), "\"line\":\"line-05\"")) {
            Ctl.Running running = admin.with("CARAPULSE_SERVER", proxy.url()).start("exec", "logs", execution, "-f");
            running.out().awaitContains("[0 act] line-04", Duration.ofSeconds(30));
            proxy.drop();
            Ctl.Result logs = running.await();

            assertThat(logs.code()).as(logs.toString()).isZero();
            assertThat(proxy.didCut()).isTrue();
            List<String> lines = logs.out().lines().filter(l -> l.startsWith("[0 act] line-")).toList();
            assertThat(lines).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 20).mapToObj(i -> "[0 act] line-%02d".formatted(i)).toList());
            assertThat(logs.out().lines().filter(l -> l.equals("execution SUCCEEDED"))).hasSize(1);
            assertThat(logs.err()).contains("connection lost").contains("resuming after event");
            List<String> streams = proxy.requests().stream().filter(r -> r.contains("/events")).toList();
            assertThat(streams).hasSize(2);
            assertThat(streams.get(0)).doesNotContainIgnoringCase("Last-Event-ID");
            assertThat(streams.get(1)).containsIgnoringCase("Last-Event-ID: ");
        }
    }

    @Test
    void shouldPrintTheEventsRecordedSoFarWithoutFollowing() {
        String plan = admin.run("plan", "create", "--env", "dev", "--step", "fake.echo", "text=hello", "-o", "json")
                .json().get("id").asText();
        Ctl.Result run = admin.run("plan", "execute", plan, "--follow", "-o", "json");
        assertThat(run.code()).as(run.toString()).isZero();
        List<String> followed = run.out().lines().toList();
        String execution = run.err().lines().filter(l -> l.startsWith("execution exe_")).findFirst().orElseThrow()
                .split(" ")[1];

        Ctl.Result log = admin.run("exec", "logs", execution, "-o", "json");
        assertThat(log.code()).as(log.toString()).isZero();
        assertThat(log.out().lines().toList()).isEqualTo(followed);
        assertThat(followed.get(followed.size() - 1)).contains("\"type\":\"execution.finished\"");
        assertThat(admin.run("exec", "logs", execution).out()).contains("[0 act] hello", "execution SUCCEEDED");
    }

    @Test
    void shouldStopAtAHeldExecutionAndFollowItAgainOnceAPersonResolvedIt() {
        String execution = CrashedReplica.duringAWrite(server);

        Ctl.Result held = admin.run("exec", "logs", execution, "--follow");
        assertThat(held.code()).as(held.toString()).isEqualTo(ExitCode.EXECUTION_HELD.code());
        assertThat(held.out()).contains("[0] UNKNOWN", "execution HELD: step 0 was running when its replica stopped",
                "assistantctl exec resolve " + execution + " --outcome succeeded|failed");
        assertThat(admin.run("exec", "show", execution).out()).contains("HELD", "UNKNOWN");

        Ctl.Result resolved = admin.run("exec", "resolve", execution, "--outcome", "failed", "--note", "still 2 replicas");
        assertThat(resolved.code()).as(resolved.toString()).isZero();
        assertThat(resolved.out()).contains("execution " + execution + " FAILED");

        // its history still holds the held event; following goes past it to how the execution ended
        Ctl.Result after = admin.run("exec", "logs", execution, "-f");
        assertThat(after.code()).as(after.toString()).isEqualTo(ExitCode.EXECUTION_FAILED.code());
        assertThat(after.out().strip()).endsWith("execution FAILED");
        assertThat(admin.run("exec", "resolve", execution, "--outcome", "failed").code())
                .isEqualTo(ExitCode.CONFLICT.code());
    }

    private String approvedPlan(String... steps) {
        String[] args = new String[steps.length + 6];
        args[0] = "plan";
        args[1] = "create";
        args[2] = "--env";
        args[3] = "dev";
        System.arraycopy(steps, 0, args, 4, steps.length);
        args[args.length - 2] = "-o";
        args[args.length - 1] = "json";
        Ctl.Result created = admin.run(args);
        assertThat(created.code()).as(created.toString()).isZero();
        String id = created.json().get("id").asText();
        assertThat(admin.run("plan", "approve", id).code()).isZero();
        return id;
    }
}
