package dev.ledger.api;

import dev.ledger.contract.ProblemType;

/** Parses numeric query parameters; a bad value is a 400 invalid-request that names the parameter and its range. */
final class QueryParams {

    private QueryParams() {
    }

    static int parse(String value, String name, int absent, int min, int max) {
        return (int) parse(value, name, (long) absent, min, (long) max);
    }

    static long parse(String value, String name, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like an out-of-range value
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST,
                name + " must be an integer between " + min + " and " + max);
    }
}
