package dev.ledger.domain;

import java.util.Optional;
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
