package io.carapulse.llm.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/** Reading another program's credential file: one clear message per way it can fail, no content quoted. */
final class SourceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceJson() {
    }

    /**
     * @param whenMissing the whole message for a file that does not exist
     * @throws AuthImportException when the file is missing, unreadable, or not a JSON object
     */
    static JsonNode readObject(Path file, Supplier<String> whenMissing) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AuthImportException(whenMissing.get());
        } catch (AccessDeniedException e) {
            throw new AuthImportException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new AuthImportException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AuthImportException(file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new AuthImportException(file + " could not be parsed");
        }
        if (root == null || !root.isObject()) {
            throw new AuthImportException(file + " is not a JSON object");
        }
        return root;
    }

    /** A non-blank string field, or {@code null}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    /** An ISO-8601 instant field, or {@code null} when absent or unreadable (it is only a hint). */
    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
