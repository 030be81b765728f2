package dev.ledger.api;

import dev.ledger.contract.ProblemType;

/**
 * Parses numeric query parameters (a bad value is a 400 invalid-request that names the parameter and its range), and
 * tells flags: parameters that mean something by being there, with or without a value.
 */
final class QueryParams {

    private QueryParams() {
    }

    /** Whether {@code rawQuery} (null: none) holds {@code name}, as {@code name} or {@code name=anything}. */
    static boolean present(String rawQuery, String name) {
        if (rawQuery == null) {
            return false;
        }
        for (String part : rawQuery.split("&")) {
            if (part.equals(name) || part.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
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
