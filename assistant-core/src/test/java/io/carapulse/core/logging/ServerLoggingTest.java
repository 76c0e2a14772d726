package io.carapulse.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
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
}
