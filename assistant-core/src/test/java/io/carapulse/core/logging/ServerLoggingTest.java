package io.carapulse.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServerLoggingTest {

    @Test
    void logbackFindsTheServersConfigurationAsAService() {
        // without it logback would fall back to its basic set-up: everything at DEBUG, the AWS SDK's
        // signed requests (session tokens) included
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName())
                .collect(Collectors.toList())).contains(ServerLogging.class.getName());
    }

    @Test
    void configuresOneConsoleLineAndKeepsTheSdksRequestLoggersQuiet() {
        LoggerContext context = new LoggerContext();
        ServerLogging logging = new ServerLogging(name -> false, name -> false);
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOf(ConsoleAppender.class);
        assertThat(root.getAppender("STDOUT").isStarted()).isTrue();
        assertThat(context.getLogger("software.amazon.awssdk.request").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("software.amazon.awssdk.request").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("software.amazon.awssdk.http.auth.aws.signer").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("software.amazon.awssdk.core").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("org.flywaydb.core.Flyway").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.carapulse.core.Application").isInfoEnabled()).isTrue();
    }

    @Test
    void anOperatorsFileOrTheTestsFileWins() {
        LoggerContext context = new LoggerContext();
        ServerLogging explicit = new ServerLogging("logback.configurationFile"::equals, name -> false);
        explicit.setContext(context);
        assertThat(explicit.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

        ServerLogging tests = new ServerLogging(name -> false, "logback-test.xml"::equals);
        tests.setContext(context);
        assertThat(tests.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private static final String CANARY = "CANARY-x-amz-security-token-7f3a9c";

    @Test
    void writesOneJsonObjectPerLineWithTheMdcWhenAskedTo() throws Exception {
        LoggerContext context = new LoggerContext();
        ByteArrayOutputStream out = configure(context, "json");
        context.getMDCAdapter().put("correlationId", "4bf92f3577b34da6a3ce929d0e0e4736");
        context.getMDCAdapter().put("executionId", "exe_1");
        context.getLogger("io.carapulse.core.execution.StepRunner").info("step {} ({}) {}", 0, "fake.scale", "succeeded");
        context.getMDCAdapter().clear();
        context.getLogger("io.carapulse.core.Application").warn("second line", new IllegalStateException("boom"));

        List<JsonNode> lines = jsonLines(out);
        assertThat(lines).hasSize(2);
        JsonNode step = lines.get(0);
        assertThat(step.get("level").asText()).isEqualTo("INFO");
        assertThat(step.get("loggerName").asText()).isEqualTo("io.carapulse.core.execution.StepRunner");
        assertThat(step.get("formattedMessage").asText()).isEqualTo("step 0 (fake.scale) succeeded");
        assertThat(step.get("mdc").get("correlationId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(step.get("mdc").get("executionId").asText()).isEqualTo("exe_1");
        assertThat(step.has("timestamp")).isTrue();
        assertThat(lines.get(1).toString()).contains("boom");
    }

    @Test
    void keepsTheSdksSecretsOutOfJsonAsOutOfText() {
        for (String format : List.of("text", "json")) {
            LoggerContext context = new LoggerContext();
            ByteArrayOutputStream out = configure(context, format);
            context.getLogger("software.amazon.awssdk.request").debug("x-amz-security-token: {}", CANARY);
            context.getLogger("software.amazon.awssdk.request").info("x-amz-security-token: " + CANARY);
            context.getLogger("software.amazon.awssdk.http.auth.aws.signer.V4").info("signed with {}", CANARY);
            context.getLogger("io.carapulse.core.Application").info("started");

            String written = out.toString(StandardCharsets.UTF_8);
            assertThat(written).as(format).contains("started").doesNotContain(CANARY);
        }
    }

    @Test
    void writesTextByDefaultAndForAnUnknownFormat() {
        for (String format : java.util.Arrays.asList(null, "", "TEXT", "yaml")) {
            LoggerContext context = new LoggerContext();
            ByteArrayOutputStream out = configure(context, format);
            context.getLogger("io.carapulse.core.Application").info("started");
            assertThat(out.toString(StandardCharsets.UTF_8).trim()).as(String.valueOf(format))
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\S+ INFO  \\[.*] io\\.carapulse\\.core\\.Application - started");
        }
    }

    @Test
    void readsTheFormatFromTheEnvironmentVariableTheDocsName() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/carapulse/core/logging/ServerLogging.java"));
        assertThat(source).contains("System.getenv(\"CARAPULSE_LOG_FORMAT\")");
        assertThat(Files.readString(Path.of("../docs/configuration.md"))).contains("CARAPULSE_LOG_FORMAT");
    }

    /** The server's logging in {@code format}, writing to a buffer instead of standard output. */
    private static ByteArrayOutputStream configure(LoggerContext context, String format) {
        context.setMDCAdapter(new LogbackMDCAdapter()); // logback's service provider does this for the real context
        ServerLogging logging = new ServerLogging(name -> false, name -> false, format);
        logging.setContext(context);
        logging.configure(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ((OutputStreamAppender<?>) root.getAppender("STDOUT")).setOutputStream(out);
        return out;
    }

    private static List<JsonNode> jsonLines(ByteArrayOutputStream out) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }
}
