package io.carapulse.core.broker.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret's plaintext, as bytes the holder owns and zeroes on {@link #close()}. It never shows its
 * content in {@link #toString()}; hand it to the one place that needs it (a lease, an outgoing request)
 * and close it there, preferably with try-with-resources.
 */
public final class Plaintext implements AutoCloseable {

    private final byte[] bytes;
    private volatile boolean closed;

    private Plaintext(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: they are zeroed when this is closed. */
    public static Plaintext wrap(byte[] bytes) {
        return new Plaintext(Objects.requireNonNull(bytes, "bytes"));
    }

    /** The UTF-8 encoding of {@code chars}; the caller still owns (and should zero) {@code chars}. */
    public static Plaintext ofChars(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return new Plaintext(bytes);
    }

    /**
     * From a {@code String}, for values that already are strings (a token read from a reference or an
     * HTTP body); prefer {@link #ofChars} where the caller holds a {@code char[]}.
     */
    public static Plaintext ofString(String value) {
        return new Plaintext(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes, which the caller zeroes after use. */
    public byte[] bytes() {
        return Arrays.copyOf(open(), bytes.length);
    }

    /** The text as a fresh {@code char[]} (UTF-8), which the caller zeroes after use. */
    public char[] chars() {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(open()));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }

    /**
     * The text as a {@code String}, for the API that only takes one (an HTTP header); the string cannot
     * be zeroed, so keep it as short-lived as the call. Never log it.
     */
    public String reveal() {
        return new String(open(), StandardCharsets.UTF_8);
    }

    /** The length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** Whether both hold the same bytes, compared in constant time. */
    public boolean sameAs(Plaintext other) {
        return java.security.MessageDigest.isEqual(open(), other.open());
    }

    byte[] open() {
        if (closed) {
            throw new IllegalStateException("this plaintext was closed (its bytes are zeroed)");
        }
        return bytes;
    }

    /** Zeroes the bytes; later reads fail. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Plaintext[****]";
    }
}
