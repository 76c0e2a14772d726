/**
 * The LLM layer: providers behind {@link io.carapulse.api.llm.LlmProvider}, the auth-profile token
 * sink and its importers ({@code auth}), and the agent loop ({@code agent}). Depends on the api and
 * config modules only; never on tools or assistant-core.
 */
package io.carapulse.llm;
