package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.People;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules from the CLI against a real server: created with {@code -p} values typed by the runbook's
 * declared parameter types (as {@code runbook run} types them), shown with their next fire time in
 * their own zone, listed, paused, resumed and deleted by their creator (not by someone else), refused
 * with the field at fault, and shown with the real fires of a schedule ticking every second.
 */
class ScheduleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCAL_TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d";

    private final People people = People.onSharedServer();
    private final String name = "cli-sched-" + Long.toString(System.nanoTime(), 36);

    private void define(Path dir) throws Exception {
        Path file = dir.resolve("rb.yaml");
        Files.writeString(file, String.join("\n",
                "name: " + name,
                "description: Echo a text through the fake tool",
                "environments: [prod]",
                "parameters:",
                "  text: {type: string, maxLength: 20}",
                "  lines: {type: integer, minimum: 1, maximum: 3, default: 1}",
                "  loud: {type: boolean, default: false}",
                "summary: \"Echo ${params.text}\"",
                "steps:",
                "  - tool: fake",
                "    action: echo",
                "    args: {text: \"${params.text}\", lines: \"${params.lines}\"}",
                ""));
        Ctl.Result applied = people.admin.run("runbook", "apply", "-f", file.toString());
        assertThat(applied.code()).as(applied.toString()).isZero();
    }

    /** The id from {@code schedule sch_… created}. */
    private static String created(Ctl.Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).matches("schedule sch_\\S+ created");
        return first.split(" ")[1];
    }

    @Test
    void shouldCreateAScheduleWithTypedParametersAndPrintItsNextFireInItsZone(@TempDir Path dir) throws Exception {
        define(dir);
        Path params = dir.resolve("params.json");
        Files.writeString(params, "{\"text\": \"from file\", \"lines\": 3}");
        Ctl.Result made = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * MON-FRI",
                "--time-zone", "Europe/Berlin", "--params-file", params.toString(), "-p", "text=007", "-p", "loud=true");
        String id = created(made);
        assertThat(made.out().lines()).hasSize(2).last().asString()
                .matches("next fire: \\d{4}-\\d\\d-\\d\\d 09:00:00 \\+0[12]:00 Europe/Berlin");

        JsonNode shown = people.vera.run("schedule", "show", id, "-o", "json").json();
        assertThat(shown.get("params")).isEqualTo(JSON.readTree("{\"text\":\"007\",\"lines\":3,\"loud\":true}"));
        assertThat(shown.at("/params/text").isTextual()).as("a string parameter is never parsed").isTrue();
        assertThat(shown.at("/params/loud").isBoolean()).isTrue();
        assertThat(shown.get("cron").asText()).isEqualTo("0 9 * * MON-FRI");
        assertThat(shown.get("timeZone").asText()).isEqualTo("Europe/Berlin");

        Ctl.Result show = people.vera.run("schedule", "show", id);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Schedule:    " + id, "Runbook:     " + name, "Environment: prod",
                "Params:      {\"lines\":3,\"loud\":true,\"text\":\"007\"}", "Cron:        0 9 * * MON-FRI",
                "Time zone:   Europe/Berlin", "State:       enabled", "Overlap:     skip", "Misfire:     skip",
                "No fires yet.");
        assertThat(show.out().lines()).anyMatch(l -> l.matches("Next fire: +\\d{4}-\\d\\d-\\d\\d 09:00:00 \\+0[12]:00"));

        Ctl.Result utc = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "30 6 1 * *",
                "-p", "text=hi", "-p", "lines=2", "--overlap", "queue", "--misfire", "run-once", "-o", "json");
        assertThat(utc.code()).as(utc.toString()).isZero();
        assertThat(utc.json().get("timeZone").asText()).as("UTC by default").isEqualTo("UTC");
        assertThat(utc.json().at("/params/lines").isIntegralNumber()).isTrue();
        assertThat(utc.json().get("overlap").asText()).isEqualTo("queue");
        assertThat(utc.json().get("misfire").asText()).isEqualTo("run-once");
        assertThat(utc.json().get("nextFireAt").asText()).matches("\\d{4}-\\d\\d-01T06:30:00Z");
        people.alice.run("schedule", "delete", id);
        people.alice.run("schedule", "delete", utc.json().get("id").asText());
    }

    @Test
    void shouldListPauseResumeAndDeleteAScheduleOnlyAsItsCreatorOrAnAdmin(@TempDir Path dir) throws Exception {
        define(dir);
        String id = created(people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * MON-FRI",
                "--time-zone", "Europe/Berlin", "-p", "text=hi"));
        Ctl.Result paused = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 0 * * *",
                "-p", "text=later", "--paused");
        String pausedId = created(paused);
        assertThat(paused.out().lines()).as("no next fire while paused").hasSize(1);
        assertThat(paused.err()).contains("assistantctl schedule resume " + pausedId);

        Ctl.Result list = people.vera.run("schedule", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("ID +RUNBOOK +ENV +CRON +ZONE +STATE +NEXT");
        assertThat(list.out().lines())
                .anyMatch(l -> l.matches(id + " +" + name + " +prod +0 9 \\* \\* MON-FRI +Europe/Berlin +enabled +"
                        + "\\d{4}-\\d\\d-\\d\\d 09:00:00 \\+0[12]:00"))
                .anyMatch(l -> l.matches(pausedId + " +" + name + " +prod +0 0 \\* \\* \\* +UTC +paused +-"));
        JsonNode items = people.vera.run("schedule", "list", "-o", "json").json().get("items");
        assertThat(items.findValuesAsText("id")).contains(id, pausedId);

        Ctl.Result notTheirs = people.bob.run("schedule", "pause", id);
        assertThat(notTheirs.code()).as(notTheirs.toString()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(notTheirs.err()).startsWith("error: forbidden: ");
        Ctl.Result pause = people.alice.run("schedule", "pause", id);
        assertThat(pause.code()).as(pause.toString()).isZero();
        assertThat(pause.out().strip()).isEqualTo("schedule " + id + " paused");
        assertThat(people.vera.run("schedule", "list").out().lines())
                .anyMatch(l -> l.matches(id + " +.* +paused +-"));
        Ctl.Result resume = people.admin.run("schedule", "resume", id);
        assertThat(resume.code()).as(resume.toString()).isZero();
        assertThat(resume.out().strip()).matches("schedule " + id + " resumed; next fire: "
                + "\\d{4}-\\d\\d-\\d\\d 09:00:00 \\+0[12]:00 Europe/Berlin");
        assertThat(people.vera.run("schedule", "show", id, "-o", "json").json().get("enabled").asBoolean()).isTrue();

        assertThat(people.bob.run("schedule", "delete", id).code()).isEqualTo(ExitCode.FORBIDDEN.code());
        Ctl.Result deleted = people.alice.run("schedule", "delete", id);
        assertThat(deleted.code()).as(deleted.toString()).isZero();
        assertThat(deleted.out().strip()).isEqualTo("schedule " + id + " deleted");
        assertThat(people.vera.run("schedule", "show", id).code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(people.alice.run("schedule", "delete", id).code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(people.vera.run("schedule", "list").out()).doesNotContain(id);
        assertThat(people.admin.run("schedule", "delete", pausedId).code()).isZero();
    }

    @Test
    void shouldRefuseABadScheduleNamingWhatIsWrongAndCreateNothing(@TempDir Path dir) throws Exception {
        define(dir);
        Ctl.Result cron = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * *", "-p", "text=x");
        assertThat(cron.code()).as(cron.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(cron.err().lines()).hasSize(1).first().asString()
                .startsWith("error: validation_failed: cron: has 4 fields; write five");
        Ctl.Result zone = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * *",
                "--time-zone", "Mars/Olympus", "-p", "text=x");
        assertThat(zone.code()).as(zone.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(zone.err()).contains("timeZone: 'Mars/Olympus' is not a time zone");
        Ctl.Result overlap = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * *",
                "--overlap", "later", "-p", "text=x");
        assertThat(overlap.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(overlap.err()).contains("overlap: must be one of queue, skip, not 'later'");

        Ctl.Result typed = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * *",
                "-p", "text=x", "-p", "lines=2.5");
        assertThat(typed.code()).as(typed.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(typed.err()).isEqualTo("error: -p lines=2.5: parameter lines of runbook " + name
                + " takes a whole number" + System.lineSeparator());
        Ctl.Result bounds = people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * *",
                "-p", "text=x", "-p", "lines=7");
        assertThat(bounds.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(bounds.err()).contains("params.lines must be at most 3");

        Ctl.Result viewer = people.vera.run("schedule", "create", name, "-e", "prod", "--cron", "0 9 * * *", "-p", "text=x");
        assertThat(viewer.code()).as(viewer.toString()).isEqualTo(ExitCode.FORBIDDEN.code());
        Ctl.Result missing = people.alice.run("schedule", "create", "no-such-runbook", "-e", "prod", "--cron", "0 9 * * *");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCode.NOT_FOUND.code());

        JsonNode items = people.vera.run("schedule", "list", "-o", "json").json().get("items");
        assertThat(items.findValuesAsText("runbook")).doesNotContain(name);
    }

    @Test
    void shouldShowTheRealFiresOfAScheduleTickingEverySecond(@TempDir Path dir) throws Exception {
        define(dir);
        String id = created(people.alice.run("schedule", "create", name, "-e", "prod", "--cron", "* * * * * *",
                "-p", "text=tick"));
        JsonNode planned = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (planned == null && Instant.now().isBefore(deadline)) {
            for (JsonNode f : people.vera.run("schedule", "show", id, "-o", "json").json().path("fires")) {
                if (f.get("outcome").asText().equals("planned")) {
                    planned = f;
                }
            }
            Thread.sleep(250);
        }
        assertThat(planned).as("a tick made a plan within a minute").isNotNull();
        assertThat(people.alice.run("schedule", "pause", id).code()).isZero();

        Ctl.Result show = people.vera.run("schedule", "show", id);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("State:       paused", "Next fire:   -").doesNotContain("No fires yet.");
        assertThat(show.out().lines()).anyMatch(l -> l.matches("FIRE TIME +OUTCOME +PLAN/REASON"));
        String planId = planned.get("planId").asText();
        assertThat(show.out().lines()).anyMatch(l -> l.matches(LOCAL_TIME + " +planned +" + planId));
        assertThat(show.out().lines().filter(l -> l.matches(LOCAL_TIME + " +skipped +.*")))
                .allMatch(l -> l.contains("overlap: ") || l.contains("misfire: "));
        JsonNode origin = people.vera.run("plan", "show", planId, "-o", "json").json().get("origin");
        assertThat(origin.get("scheduleId").asText()).isEqualTo(id);
        assertThat(people.alice.run("schedule", "delete", id).code()).isZero();
    }
}
