package io.carapulse.cli.command.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.ExecuteResponse;
import io.carapulse.api.dto.MessageCreateRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.SessionCreateRequest;
import io.carapulse.api.dto.SessionView;
import io.carapulse.api.dto.TurnView;
import io.carapulse.api.dto.WhoAmIView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.exec.ExecutionLog;
import io.carapulse.cli.command.plan.PlanRender;
import io.carapulse.cli.connect.Home;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.http.SseReader;
import io.carapulse.cli.output.Json;
import io.carapulse.cli.output.OutputFormat;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Spinner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chat}: a conversation with the model about one environment. Replies stream; the tools it
 * calls show as they run; each turn ends with the runtime's own account of what ran (the model's
 * text may claim anything); the plans it proposes are shown with each step's class and the approval
 * they need. On a terminal — never from a pipe — the person is offered to approve (by typing the
 * end of the plan's id, so no stray {@code y} approves a write) and execute them where their roles
 * allow; keys typed while the model was thinking are discarded before each of these questions. The
 * model itself can only read and propose.
 */
@Command(name = "chat", description = "Talk to the model about one environment: it reads through the tools and "
        + "proposes plans; nothing it proposes runs until a person approves and executes it.")
public final class ChatCommand extends CliCommand {

    private static final int ARGS_SHOWN = 120;
    /** How much of a plan's id a person types to approve it: its end, which is random. */
    private static final int CONFIRM_CHARS = 8;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "The environment the session reads and proposes plans in (required for a new session).")
    String environment;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Send one message, print the reply, exit.")
    String message;

    @Option(names = "--session", paramLabel = "ID", description = "Continue a session (ses_…) instead of opening one.")
    String sessionId;

    @Mixin
    OutputOption output;

    private WhoAmIView me;

    ChatCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() throws Exception {
        if (sessionId == null && (environment == null || environment.isBlank())) {
            throw new CliException(ExitCode.USAGE, "chat needs --env ENV (the environment the model reads and "
                    + "proposes plans in), or --session ID to continue a session");
        }
        SessionView session = sessionId != null
                ? api().get("/v1/sessions/" + ApiClient.segment(sessionId), SessionView.class)
                : api().post("/v1/sessions", new SessionCreateRequest(environment, null), SessionView.class);
        if (message != null) {
            TurnView turn = turn(session, message, output.format() == OutputFormat.TABLE);
            if (!Printer.structured(out(), output.format(), turn)) {
                plans(turn, null);
            }
            return ExitCode.OK;
        }
        return conversation(session);
    }

    /** The interactive loop: a line editor with history on a terminal, plain lines otherwise. */
    private ExitCode conversation(SessionView session) throws IOException {
        err().println("session " + session.id() + " in " + style().bold(session.environment())
                + " — the model reads and proposes; you approve. /help for commands, Ctrl-D to leave.");
        ExitCode outcome = ExitCode.OK;
        try (Input input = cli.env().interactive() ? new TerminalInput(cli) : new PlainInput(cli.env().stdin(), out())) {
            String prompt = session.environment() + "> ";
            String line;
            while ((line = input.read(prompt)) != null) {
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals("/quit") || line.equals("/exit")) {
                    break;
                }
                if (line.equals("/help")) {
                    out().println("Type a question or a request. /plan ID shows a plan, /quit leaves. Plans the "
                            + "model proposes are offered for approval and execution where your roles allow.");
                    continue;
                }
                if (line.startsWith("/plan ")) {
                    PlanRender.detail(out(), style(), api().get("/v1/plans/" + ApiClient.segment(line.substring(6).strip()),
                            PlanView.class));
                    continue;
                }
                try {
                    ExitCode executed = plans(turn(session, line, true), input);
                    if (executed != ExitCode.OK && outcome == ExitCode.OK) {
                        outcome = executed;
                        err().println(style().status("note") + ": the execution did not succeed; chat will exit "
                                + executed.code() + " when you leave");
                    }
                } catch (CliException e) {
                    err().println(style().status("error") + ": " + e.getMessage());
                }
                out().flush();
            }
        }
        return outcome;
    }

    /** Sends one message and shows the turn as it streams; returns its result. */
    private TurnView turn(SessionView session, String text, boolean show) throws IOException {
        Spinner spinner = show ? Spinner.start(err(), "thinking…", cli.env().interactive()) : Spinner.none();
        boolean midLine = false;
        try (InputStream body = api().streamPost("/v1/sessions/" + ApiClient.segment(session.id()) + "/messages",
                new MessageCreateRequest(text)); SseReader events = new SseReader(body)) {
            SseReader.Event e;
            while ((e = events.next()) != null) {
                spinner.close();
                JsonNode data = json(e.data());
                switch (e.name()) {
                    case "text" -> {
                        if (show) {
                            out().print(data.path("delta").asText());
                            out().flush();
                            midLine = true;
                        }
                    }
                    case "tool.call" -> {
                        if (show) {
                            midLine = endLine(midLine);
                            out().println(style().dim("  ↳ " + data.path("function").asText() + " "
                                    + shorten(data.path("arguments").asText(), ARGS_SHOWN)));
                        }
                    }
                    case "tool.result" -> {
                        if (show) {
                            midLine = endLine(midLine);
                            boolean ok = data.path("ok").asBoolean();
                            out().println(style().dim("    " + (ok ? "✓ " : "✗ ") + data.path("summary").asText()));
                        }
                    }
                    case "turn.summary" -> {
                        if (show) {
                            midLine = endLine(midLine);
                            out().println(style().dim("— runtime: " + data.path("text").asText()));
                        }
                    }
                    case "turn.finished" -> {
                        endLine(midLine);
                        TurnView turn = Json.reader().treeToValue(data, TurnView.class);
                        if (show && turn.notice() != null) {
                            err().println(style().status("note") + ": " + turn.notice());
                        }
                        return turn;
                    }
                    case "turn.failed" -> {
                        endLine(midLine);
                        String code = data.path("code").asText("internal_error");
                        throw new CliException(ExitCode.forProblem(code, 500), code + ": " + data.path("detail").asText());
                    }
                    default -> {
                        // keepalives and events a newer server adds
                    }
                }
            }
        } finally {
            spinner.close();
        }
        throw new CliException(ExitCode.UNREACHABLE, "the server closed the reply before the turn ended; "
                + "the session keeps what was done: assistantctl chat --session " + session.id());
    }

    /**
     * Shows each proposed plan; on a terminal, offers what the person's roles allow. Without one
     * (a pipe, {@code -m}) nothing is asked: the next command is printed instead.
     *
     * @return how the executions started here ended: {@code OK}, or the first that did not succeed
     */
    private ExitCode plans(TurnView turn, Input input) {
        ExitCode outcome = ExitCode.OK;
        for (String planId : turn.plans()) {
            PlanView plan = api().get("/v1/plans/" + ApiClient.segment(planId), PlanView.class);
            out().println();
            PlanRender.detail(out(), style(), plan);
            if (input == null || !input.terminal()) {
                hint(plan);
                continue;
            }
            if (plan.status().equals("AWAITING_APPROVAL") && holds("approver") && approve(plan, input)) {
                try {
                    plan = api().post("/v1/plans/" + ApiClient.segment(plan.id()) + "/approval",
                            new ApprovalDecisionRequest("approve", "approved in chat", null, plan.fingerprint()),
                            PlanView.class);
                    out().println("plan " + plan.id() + " " + style().status(plan.status()));
                } catch (CliException e) {
                    err().println(style().status("error") + ": " + e.getMessage());
                }
            }
            if ((plan.status().equals("APPROVED") || plan.status().equals("READY")) && holds("operator")
                    && confirm(input, "Execute " + plan.id() + " now? [y/N] ")) {
                ExecuteResponse started = api().post("/v1/plans/" + ApiClient.segment(plan.id()) + "/execute", null,
                        ExecuteResponse.class);
                err().println("execution " + started.executionId() + " " + started.status());
                ExitCode ended = new ExecutionLog(cli, out(), err(), OutputFormat.TABLE).follow(started.executionId());
                if (outcome == ExitCode.OK) {
                    outcome = ended;
                }
            } else {
                hint(plan);
            }
        }
        return outcome;
    }

    /** Approving a write takes the end of the plan's id, typed after the question was shown. */
    private boolean approve(PlanView plan, Input input) {
        String code = confirmationCode(plan.id());
        input.discardTypeAhead();
        String answer = input.read("Approve " + plan.id() + "? Type " + code + " (the end of its id) to approve, "
                + "Enter to skip: ");
        if (answer == null || answer.isBlank()) {
            return false;
        }
        String typed = answer.strip();
        if (typed.equalsIgnoreCase(code) || typed.equalsIgnoreCase(plan.id())) {
            return true;
        }
        err().println("not approved: '" + shorten(typed, 40) + "' is not " + code);
        return false;
    }

    private static boolean confirm(Input input, String question) {
        input.discardTypeAhead();
        String answer = input.read(question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /** The last characters of an id: its random part, which nobody types by habit or ahead of time. */
    private static String confirmationCode(String id) {
        return id.length() <= CONFIRM_CHARS ? id : id.substring(id.length() - CONFIRM_CHARS);
    }

    private void hint(PlanView plan) {
        switch (plan.status()) {
            case "AWAITING_APPROVAL" -> err().println("It needs approval by someone else: assistantctl plan approve "
                    + plan.id());
            case "APPROVED", "READY" -> err().println("Run it: assistantctl plan execute " + plan.id() + " --follow");
            default -> {
            }
        }
    }

    private boolean holds(String role) {
        if (me == null) {
            me = api().get("/v1/me", WhoAmIView.class);
        }
        return me.roles().contains(role) || me.roles().contains("admin");
    }

    private boolean endLine(boolean midLine) {
        if (midLine) {
            out().println();
        }
        return false;
    }

    private static String shorten(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static JsonNode json(String data) {
        try {
            return Json.reader().readTree(data.isEmpty() ? "{}" : data);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.ERROR, "the server sent an event this assistantctl cannot read");
        }
    }

    /** Where the person's lines come from. */
    private interface Input extends AutoCloseable {
        /** The next line, or {@code null} at the end (Ctrl-D). */
        String read(String prompt);

        /** Whether a person at a terminal answers: only then is anything asked. */
        boolean terminal();

        /** Drops what was typed before a question was shown (keys pressed while the model was thinking). */
        void discardTypeAhead();

        @Override
        void close() throws IOException;
    }

    /** A terminal: line editing and history in {@code ~/.carapulse/chat_history}. */
    private static final class TerminalInput implements Input {
        private static final long TYPE_AHEAD_WAIT_MS = 30;
        private static final int TYPE_AHEAD_LIMIT = 65_536;
        private final Terminal terminal;
        private final LineReader reader;

        TerminalInput(Cli cli) throws IOException {
            terminal = TerminalBuilder.builder().system(true).build();
            reader = LineReaderBuilder.builder().terminal(terminal).appName("assistantctl")
                    .variable(LineReader.HISTORY_FILE, Home.of(cli.env()).resolve("chat_history"))
                    .build();
        }

        @Override
        public String read(String prompt) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                return "";
            } catch (EndOfFileException e) {
                return null;
            }
        }

        @Override
        public boolean terminal() {
            return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        }

        /**
         * Reads and drops whatever is already waiting: in the kernel's buffer (a line typed while the
         * terminal was not raw, or a partial one, which raw mode releases) and in the line reader's.
         */
        @Override
        public void discardTypeAhead() {
            Attributes saved = terminal.enterRawMode();
            try {
                NonBlockingReader in = terminal.reader();
                for (int i = 0; i < TYPE_AHEAD_LIMIT && in.read(TYPE_AHEAD_WAIT_MS) >= 0; i++) {
                    // dropped
                }
            } catch (IOException e) {
                // nothing more can be read, so nothing is left to answer the question by accident
            } finally {
                terminal.setAttributes(saved);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                reader.getHistory().save();
            } finally {
                terminal.close();
            }
        }
    }

    /** Lines from a pipe or a test: the prompt is printed, nothing is edited, every line is a message. */
    private static final class PlainInput implements Input {
        private final BufferedReader in;
        private final java.io.PrintWriter out;

        PlainInput(InputStream in, java.io.PrintWriter out) {
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        @Override
        public String read(String prompt) {
            out.print(prompt);
            out.flush();
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean terminal() {
            return false;
        }

        @Override
        public void discardTypeAhead() {
            // never asked: lines from a pipe are messages, never answers
        }

        @Override
        public void close() {
        }
    }

}
