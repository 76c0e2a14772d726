package io.carapulse.core.startup;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Starts the server the way Micronaut does, with two differences for configuration that cannot
 * work: the {@link ConfigurationCheck} runs first, on the configuration alone, before any bean,
 * database connection or migration; and a configuration error found later by a component (how
 * settings fit together) ends the start as well. Either way the server prints one line per problem
 * on standard error, {@code carapulse: configuration error: <setting> (<VARIABLE>): <what is wrong>},
 * never the value and never a stack trace, and exits with {@link #CONFIGURATION_ERROR}.
 */
public final class ServerLauncher extends Micronaut {

    /** The exit status of a server that did not start because of its configuration. */
    public static final int CONFIGURATION_ERROR = 2;
    /** The exit status of a server that did not start because its database refused it or cannot be reached. */
    public static final int DATABASE_UNAVAILABLE = 3;
    /** Every line the launcher prints about the configuration starts with this. */
    public static final String PREFIX = "carapulse: configuration error: ";

    private final Function<String, String> environment;

    private ServerLauncher(Function<String, String> environment) {
        this.environment = environment;
    }

    /** A launcher reading the process environment, for {@code args} from the command line. */
    public static ServerLauncher of(String... args) {
        Map<String, String> env = System.getenv();
        return (ServerLauncher) new ServerLauncher(env::get).args(args);
    }

    @Override
    public ApplicationContext start() {
        List<String> problems = check();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(PREFIX + p));
            System.err.flush();
            System.exit(CONFIGURATION_ERROR);
        }
        return super.start();
    }

    /** The problems the configuration check finds in the configuration this launcher would start with. */
    public List<String> check() {
        ApplicationContext probe = ((ApplicationContextBuilder) this).build();
        Environment env = probe.getEnvironment();
        env.start();
        try {
            return new ConfigurationCheck(env, environment).problems();
        } finally {
            env.stop();
        }
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        boolean test = environment.getActiveNames().contains(Environment.TEST);
        String problem = configurationProblem(exception);
        if (problem != null && !test) {
            print(System.err, problem);
            System.exit(CONFIGURATION_ERROR);
        }
        String database = databaseProblem(exception);
        if (database != null && !test) {
            System.err.println("carapulse: cannot use the database (datasources.default.url, CARAPULSE_DB_URL): " + database);
            System.err.flush();
            System.exit(DATABASE_UNAVAILABLE);
        }
        super.handleStartupException(environment, exception);
    }

    /**
     * What the database said when it refused the start (wrong password, unknown database, nothing
     * listening), on one line; {@code null} when no database error stopped it. The driver's message
     * names the host, user or database, never the password.
     */
    static String databaseProblem(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String message = sql.getMessage() == null ? "" : sql.getMessage().strip();
                return message.lines().findFirst().orElse("the connection failed")
                        + (sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")");
            }
        }
        return null;
    }

    /** The message of the configuration error that stopped a start, on one line; {@code null} for any other failure. */
    static String configurationProblem(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigurationException || t instanceof io.micronaut.context.exceptions.ConfigurationException) {
                String message = t.getMessage() == null ? "" : t.getMessage().strip();
                return message.lines().findFirst().orElse("a setting cannot work");
            }
        }
        return null;
    }

    private static void print(PrintStream err, String problem) {
        err.println(PREFIX + problem);
        err.flush();
    }
}
