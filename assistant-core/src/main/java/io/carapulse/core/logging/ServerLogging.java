package io.carapulse.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The server's logging, set up in code: one line per event on standard output, and the levels that
 * keep secrets out of the log (S4). Logback finds it as a service before it would look for an XML
 * file; reading one costs the XML parser and logback's configuration engine, a tenth of a second or
 * more of every start.
 *
 * <p>{@code CARAPULSE_LOG_FORMAT=json} writes one JSON object per line instead (logback's own
 * {@link JsonEncoder}: time, level, thread, logger, the formatted message, the MDC with the request's
 * {@code correlationId} and a run's {@code executionId}, the exception). Both formats go through the
 * same levels, so what is kept out of one is kept out of the other (S4).
 *
 * <p>An operator's own file still wins: with {@code -Dlogback.configurationFile=...} (in
 * {@code JAVA_OPTS}), or a {@code logback-test.xml} on the class path (the tests), this steps aside
 * and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    /** The environment variable that picks the format: {@code text} (the default) or {@code json}. */
    public static final String FORMAT_VARIABLE = "CARAPULSE_LOG_FORMAT";

    /** Levels below the root's INFO; insertion order does not matter, logback resolves by name. */
    static final Map<String, Level> LEVELS = Map.of(
            "io.carapulse", Level.INFO,
            // the AWS SDK logs whole signed requests (x-amz-security-token) at DEBUG: never below INFO
            "software.amazon.awssdk", Level.INFO,
            "software.amazon.awssdk.request", Level.WARN,
            "software.amazon.awssdk.http.auth", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "com.github.kagkarlsson", Level.WARN,
            // warns about zone-less timestamp columns on H2; ours are TIMESTAMP WITH TIME ZONE, in UTC
            "com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization", Level.ERROR);

    private final Predicate<String> propertySet;
    private final Predicate<String> resourcePresent;
    private final String format;

    /**
     * As logback creates it: the system properties and the class path decide whether to step aside,
     * {@code CARAPULSE_LOG_FORMAT} the format.
     */
    public ServerLogging() {
        this(name -> System.getProperty(name) != null, name -> classLoader().getResource(name) != null,
                System.getenv("CARAPULSE_LOG_FORMAT"));
    }

    ServerLogging(Predicate<String> propertySet, Predicate<String> resourcePresent) {
        this(propertySet, resourcePresent, null);
    }

    ServerLogging(Predicate<String> propertySet, Predicate<String> resourcePresent, String format) {
        this.propertySet = propertySet;
        this.resourcePresent = resourcePresent;
        this.format = format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (propertySet.test(ContextInitializer.CONFIG_FILE_PROPERTY)
                || resourcePresent.test(ContextInitializer.TEST_AUTOCONFIG_FILE)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Encoder<ILoggingEvent> encoder = encoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private Encoder<ILoggingEvent> encoder(LoggerContext context) {
        if (format.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // the message once, formatted as in the text log; no raw arguments, context or counters
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.start();
            return json;
        }
        if (!format.equals("text")) {
            addWarn(FORMAT_VARIABLE + "=" + format + " is not a log format (text or json); writing text");
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }

    private static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ServerLogging.class.getClassLoader();
    }
}
