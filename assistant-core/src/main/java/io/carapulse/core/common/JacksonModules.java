package io.carapulse.core.common;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The Jackson modules the server's own mapper uses, named rather than found by scanning
 * ({@code jackson.module-scan: false}): a scan also registers the Kotlin module that the OpenAI SDK
 * brings, whose reflection cost about a second of every start for types that are not Kotlin.
 */
@Factory
class JacksonModules {

    @Singleton
    Module javaTime() {
        return new JavaTimeModule();
    }

    @Singleton
    Module jdk8() {
        return new Jdk8Module();
    }
}
