/**
 * What both providers share around the OpenAI Java SDK: the call's {@link io.carapulse.llm.call.Deadline},
 * the one retry loop ({@link io.carapulse.llm.call.CallPolicy}) that retries only retriable
 * {@link io.carapulse.llm.call.Failure}s, and helpers for the SDK's options and error bodies
 * ({@link io.carapulse.llm.call.Sdk}).
 */
package io.carapulse.llm.call;
