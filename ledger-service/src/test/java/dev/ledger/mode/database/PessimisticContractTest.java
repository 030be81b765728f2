package dev.ledger.mode.database;

import dev.ledger.mode.TransferStrategyContract;
import io.quarkus.test.junit.QuarkusTest;

/** The test profile's default mode is pessimistic (application.properties), so no restart is needed. */
@QuarkusTest
class PessimisticContractTest extends TransferStrategyContract {

    @Override
    protected String mode() {
        return "pessimistic";
    }
}
