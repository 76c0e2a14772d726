package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.Assertion;
import java.util.Set;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Parses {@code --step TOOL.ACTION [KEY=VALUE|KEY:=JSON]…}, {@code --verify …} and
 * {@code --assert POINTER OP [VALUE]} and {@code --revert-after DURATION}: each {@code --step}/{@code --verify} takes the words after it up
 * to the next option, so one command line can hold several steps in order.
 */
public final class StepConsumer implements IParameterConsumer {

    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "exists");

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        PlanCreate command = (PlanCreate) commandSpec.userObject();
        String option = ((OptionSpec) argSpec).longestName();
        if (option.equals("--assert")) {
            command.assertLast(assertion(args, commandSpec), commandSpec);
            return;
        }
        if (option.equals("--revert-after")) {
            if (args.isEmpty() || args.peek().startsWith("-")) {
                throw new ParameterException(commandSpec.commandLine(), "--revert-after needs a DURATION, e.g. 2h");
            }
            command.revertLast(args.pop(), commandSpec);
            return;
        }
        if (args.isEmpty() || args.peek().startsWith("-")) {
            throw new ParameterException(commandSpec.commandLine(), option + " needs TOOL.ACTION, e.g. "
                    + option + " kubectl.scale namespace=web name=web replicas=3");
        }
        String name = args.pop();
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new ParameterException(commandSpec.commandLine(), option + " " + name + ": expected TOOL.ACTION");
        }
        StepDraft step = new StepDraft(name.substring(0, dot), name.substring(dot + 1),
                option.equals("--verify") ? "verify" : "act");
        while (!args.isEmpty() && !args.peek().startsWith("-")) {
            String word = args.pop();
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(commandSpec.commandLine(), option + " " + name + ": '" + word
                        + "' is not KEY=VALUE (or KEY:=JSON)");
            }
            boolean raw = word.charAt(eq - 1) == ':';
            String key = word.substring(0, raw ? eq - 1 : eq);
            if (key.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), option + " " + name + ": '" + word + "' has no key");
            }
            step.args.put(key, word.substring(eq + 1));
            step.json.put(key, raw);
        }
        command.add(step);
    }

    private static Assertion assertion(Stack<String> args, CommandSpec spec) {
        if (args.size() < 2) {
            throw new ParameterException(spec.commandLine(), "--assert needs POINTER OP [VALUE], e.g. --assert /replicas eq 3");
        }
        String pointer = args.pop();
        String op = args.pop();
        if (!pointer.startsWith("/")) {
            throw new ParameterException(spec.commandLine(), "--assert: the pointer must start with '/', not '" + pointer + "'");
        }
        if (!OPS.contains(op)) {
            throw new ParameterException(spec.commandLine(), "--assert: OP must be one of eq, ne, gt, gte, lt, lte, exists; not '" + op + "'");
        }
        if (op.equals("exists")) {
            return new Assertion(pointer, op, null);
        }
        if (args.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--assert " + pointer + " " + op + " needs a VALUE");
        }
        return new Assertion(pointer, op, ArgumentTyper.loose(args.pop()));
    }
}
