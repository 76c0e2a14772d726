package io.carapulse.core.runbook;

import java.util.List;

/** A runbook definition that cannot be recorded: every problem, each led by its exact path. */
public final class InvalidRunbook extends RuntimeException {

    private final List<String> problems;

    InvalidRunbook(String what, List<String> problems) {
        super(what + " is not a valid runbook: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
