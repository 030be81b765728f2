package dev.ledger.transfer;

import java.util.regex.Pattern;

/** Syntax of the identifiers clients send; checked before anything touches the database. */
public final class Inputs {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Visible ASCII and space, as an HTTP header value can carry without encoding. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]+");

    private Inputs() {
    }

    public static boolean isAccountId(String id) {
        return id != null && ACCOUNT_ID.matcher(id).matches();
    }

    public static boolean isIdempotencyKey(String key, int maxLength) {
        return key != null && !key.isBlank() && key.length() <= maxLength && IDEMPOTENCY_KEY.matcher(key).matches();
    }
}
