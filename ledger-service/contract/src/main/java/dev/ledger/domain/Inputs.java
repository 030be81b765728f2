package dev.ledger.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Syntax of the identifiers clients send; checked before anything touches the database. */
public final class Inputs {

    /** As wide as the account id columns. */
    public static final int ACCOUNT_ID_MAX_LENGTH = 64;
    /** A whole account id (the API documents it, anchored, as its OpenAPI pattern). */
    public static final String ACCOUNT_ID_REGEX = "[A-Za-z0-9_-]{1," + ACCOUNT_ID_MAX_LENGTH + "}";
    /**
     * A whole idempotency key: visible ASCII and space, as an HTTP header value can carry without encoding, and not
     * only spaces (leading spaces, then a visible character, then anything: one way to match, so no backtracking).
     */
    public static final String IDEMPOTENCY_KEY_REGEX = " *[\\x21-\\x7E][\\x20-\\x7E]*";

    private static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_REGEX);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile(IDEMPOTENCY_KEY_REGEX);

    private Inputs() {
    }

    public static boolean isAccountId(String id) {
        return id != null && ACCOUNT_ID.matcher(id).matches();
    }

    public static boolean isIdempotencyKey(String key, int maxLength) {
        return key != null && key.length() <= maxLength && IDEMPOTENCY_KEY.matcher(key).matches();
    }

    /** What is wrong with a command built elsewhere (a forwarded one), by the same rules as a request; else empty. */
    public static Optional<String> problemWith(TransferCommand command, int keyMaxLength) {
        if (command.id() == null || command.createdAt() == null) {
            return Optional.of("id and createdAt are required");
        }
        if (!isAccountId(command.from()) || !isAccountId(command.to())) {
            return Optional.of("from and to must match " + ACCOUNT_ID.pattern());
        }
        if (command.from().equals(command.to())) {
            return Optional.of("from and to are the same account");
        }
        if (command.amount() <= 0) {
            return Optional.of("amount must be positive");
        }
        if (!isIdempotencyKey(command.idempotencyKey(), keyMaxLength)) {
            return Optional.of("the Idempotency-Key must be 1 to " + keyMaxLength + " visible ASCII characters");
        }
        return Optional.empty();
    }
}
