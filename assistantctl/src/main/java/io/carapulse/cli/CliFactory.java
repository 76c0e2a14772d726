package io.carapulse.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands by constructor injection: a command whose constructor takes a {@link Cli} gets
 * this invocation's; {@link GlobalOptions} is the one instance the {@code Cli} holds; everything else
 * (mixins, converters) comes from picocli's default factory.
 */
final class CliFactory implements CommandLine.IFactory {

    private final Cli cli;

    CliFactory(Cli cli) {
        this.cli = cli;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> K create(Class<K> type) throws Exception {
        if (type == GlobalOptions.class) {
            return (K) cli.options();
        }
        try {
            Constructor<K> c = type.getDeclaredConstructor(Cli.class);
            c.setAccessible(true);
            return c.newInstance(cli);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
