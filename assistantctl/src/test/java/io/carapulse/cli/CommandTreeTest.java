package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups get their operations only when the command line names them; completion gets them all. */
class CommandTreeTest {

    @Command(name = "outer")
    static final class Outer implements CommandGroup {
        @Override
        public List<Class<?>> commands() {
            return List.of(Inner.class, Leaf.class);
        }
    }

    @Command(name = "inner")
    static final class Inner implements CommandGroup {
        @Override
        public List<Class<?>> commands() {
            return List.of(Leaf.class);
        }
    }

    @Command(name = "leaf")
    static final class Leaf implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "root", subcommands = {Outer.class})
    static final class Root {
    }

    @Test
    void shouldFillOnlyTheGroupsNamedAndTheirNamedSubgroups() {
        CommandLine root = new CommandLine(new Root());
        CommandTree.expand(root, "--server", "x", "outer", "inner", "leaf");
        assertThat(root.getSubcommands().get("outer").getSubcommands()).containsKeys("inner", "leaf");
        assertThat(root.getSubcommands().get("outer").getSubcommands().get("inner").getSubcommands()).containsKey("leaf");

        CommandLine bare = new CommandLine(new Root());
        CommandTree.expand(bare, "--help");
        assertThat(bare.getSubcommands().get("outer").getSubcommands()).isEmpty();

        CommandLine shallow = new CommandLine(new Root());
        CommandTree.expand(shallow, "outer", "leaf");
        assertThat(shallow.getSubcommands().get("outer").getSubcommands()).containsOnlyKeys("leaf");
    }

    @Test
    void shouldBuildOnlyTheOperationNamedAndEveryOneWhenNoneIs() {
        CliEnvironment env = new CliEnvironment(Map.of(), Path.of("/nonexistent"), false, System.in);
        assertThat(Main.commandLine(env, "plan", "ls", "-o", "json").getSubcommands().get("plan").getSubcommands())
                .containsOnlyKeys("list", "ls");
        assertThat(Main.commandLine(env, "plan", "--help").getSubcommands().get("plan").getSubcommands())
                .containsKeys("create", "list", "show", "approve", "reject", "execute", "cancel");
        assertThat(Main.commandLine(env, "plan", "lsit").getSubcommands().get("plan").getSubcommands())
                .containsKeys("create", "list", "show");
        assertThat(Main.commandLine(env, "llm", "auth", "list").getSubcommands().get("llm").getSubcommands()
                .get("auth").getSubcommands()).containsKey("list");
    }

    @Test
    void shouldBuildEveryOperationForCompletionAndOnlyVerbsForHelp() {
        CliEnvironment env = new CliEnvironment(Map.of(), Path.of("/nonexistent"), false, System.in);
        CommandLine help = Main.commandLine(env, "--help");
        assertThat(help.getSubcommands().get("plan").getSubcommands()).isEmpty();
        CommandLine all = Main.commandLine(env, "completion", "bash");
        assertThat(all.getSubcommands().get("plan").getSubcommands()).containsKeys("create", "approve", "execute");
        assertThat(all.getSubcommands().get("config").getSubcommands()).containsKeys("set-context", "use-context");
    }
}
