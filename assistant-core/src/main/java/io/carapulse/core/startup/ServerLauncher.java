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
        String problem = configurationProblem(exception);
        if (problem != null && !environment.getActiveNames().contains(Environment.TEST)) {
            print(System.err, problem);
            System.exit(CONFIGURATION_ERROR);
        }
        super.handleStartupException(environment, exception);
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
