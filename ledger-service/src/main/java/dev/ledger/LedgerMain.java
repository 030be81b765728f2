package dev.ledger;

import dev.ledger.store.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service; with no database configured, first starts an embedded PostgreSQL for it. */
@QuarkusMain
public class LedgerMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured();
        Quarkus.run(args);
    }
}
