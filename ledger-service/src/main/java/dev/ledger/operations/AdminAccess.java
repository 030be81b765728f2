package dev.ledger.operations;

import dev.ledger.api.ProblemException;
import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Who may use /admin: nobody unless a token is configured, then only requests that present it. */
@ApplicationScoped
public class AdminAccess {

    static final int TOKEN_MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    @Inject
    LedgerConfig config;

    /** 404 while admin is off, as if the endpoints did not exist: an unconfigured node offers nothing. */
    void requireEnabled() {
        if (token().isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, null);
        }
    }

    /** The configured token, checked in constant time against the Authorization header; 401 otherwise. */
    void requireToken(String authorization) {
        requireEnabled();
        byte[] expected = (BEARER + token().get()).getBytes(StandardCharsets.UTF_8);
        byte[] presented = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "send Authorization: Bearer <ledger.admin.token>");
        }
    }

    boolean faultsEnabled() {
        return config.admin().faultsEnabled();
    }

    /** A token that is too short stops start-up, rather than failing each admin request. */
    void validateAtStartup(@Observes StartupEvent startup) {
        token();
    }

    private Optional<String> token() {
        Optional<String> token = config.admin().token().filter(t -> !t.isBlank());
        if (token.isPresent() && token.get().length() < TOKEN_MIN_LENGTH) {
            throw new IllegalStateException("ledger.admin.token is too short: at least " + TOKEN_MIN_LENGTH
                    + " characters");
        }
        return token;
    }
}
