package io.carapulse.api.tool;

/**
 * How dangerous a tool action is (promise S1). Declared by the adapter in code; nothing a user or
 * the LLM writes can lower it.
 */
public enum ActionClass {
    /** Observes only; may run without approval. */
    READ,
    /** Changes something; runs only with a matching approval. */
    WRITE,
    /** Changes something outside the normal envelope; needs an admin, a reason and an approval. */
    BREAK_GLASS;

    /** Whether this class changes the world and therefore needs an approval. */
    public boolean writes() {
        return this != READ;
    }
}
