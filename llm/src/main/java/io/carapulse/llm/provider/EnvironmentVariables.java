package io.carapulse.llm.provider;

/**
 * Reads the process environment ({@code OPENAI_API_KEY}, {@code env:} secret references). A bean so
 * tests can give the factory an environment of their own; outside tests it is {@code System::getenv}.
 */
@FunctionalInterface
public interface EnvironmentVariables {

    /** The variable's value, or {@code null} when it is not set. */
    String get(String name);
}
