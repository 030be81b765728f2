package dev.ledger;

import dev.ledger.store.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service; with no database configured, first starts an embedded PostgreSQL for it. */
@QuarkusMain
public class LedgerMain {

    /** A configuration error (sysexits' EX_CONFIG): restarting the same way cannot help. */
    private static final int EXIT_CONFIGURATION = 78;

    public static void main(String... args) {
        try {
            EmbeddedDatabase.startUnlessConfigured();
        } catch (EmbeddedDatabase.NotConfigured e) {
            // What to set, in one line: a stack trace would bury it in the pod's log.
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIGURATION);
        }
        Quarkus.run(args);
    }
}
