package dev.ledger.mode.database;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.mode.TransferStrategyContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IdempotentContractTest.IdempotentMode.class)
class IdempotentContractTest extends TransferStrategyContract {

    public static class IdempotentMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.mode", "idempotent");
        }
    }

    @Override
    protected String mode() {
        return "idempotent";
    }

    @Test
    void anOverflowingCreditIsRejectedWhicheverStatementRunsFirst() {
        // "a-…" < "z-…": the debit runs first in one direction and the credit first in the other
        String low = createAccount("a-ovf", 10);
        String high = createAccount("z-ovf", Long.MAX_VALUE - 5);
        transfer(low, high, 6, "ovf-1-" + low).then().statusCode(422)
                .body("type", equalTo("/problems/balance-overflow"));
        String highSender = createAccount("z-ovf-sender", 10);
        String lowRich = createAccount("a-ovf-rich", Long.MAX_VALUE - 5);
        transfer(highSender, lowRich, 6, "ovf-2-" + lowRich).then().statusCode(422)
                .body("type", equalTo("/problems/balance-overflow"));
        // insufficient funds takes precedence over overflow
        transfer(highSender, lowRich, 11, "ovf-3-" + lowRich).then().statusCode(422)
                .body("type", equalTo("/problems/insufficient-funds"));
        assertEquals(10, balance(low));
        assertEquals(Long.MAX_VALUE - 5, balance(high));
        assertEquals(10, balance(highSender));
        assertEquals(Long.MAX_VALUE - 5, balance(lowRich));
    }
}
