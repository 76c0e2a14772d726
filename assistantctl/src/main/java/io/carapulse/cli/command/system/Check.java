package io.carapulse.cli.command.system;

/**
 * One line of {@code doctor}.
 *
 * @param status {@code ok}, {@code warn} (works, but look) or {@code fail}
 */
record Check(String check, String status, String detail) {

    static final String OK = "ok";
    static final String WARN = "warn";
    static final String FAIL = "fail";

    static Check ok(String check, String detail) {
        return new Check(check, OK, detail);
    }

    static Check warn(String check, String detail) {
        return new Check(check, WARN, detail);
    }

    static Check fail(String check, String detail) {
        return new Check(check, FAIL, detail);
    }
}
