package dev.ledger.system;

import dev.ledger.contract.Mode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database modes under faults, with the same clients and checks as {@link RaftFaultsIT}: SIGKILL of one of
 * three stateless nodes (its open transactions roll back; clients retry elsewhere with the same key), a
 * PostgreSQL restart (every node answers 503 meanwhile, then recovers by itself), and a PostgreSQL frozen for 15 s.
 * CI runs pessimistic; {@code -Dfaults.modes=pessimistic,optimistic,idempotent} runs all three.
 */
class DatabaseModeFaultsIT {

    private static final int BASE_PORT = 18091;

    static List<Mode> modes() {
        return Arrays.stream(System.getProperty("faults.modes", "pessimistic").split(","))
                .map(String::trim).map(Mode::fromValue).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void killedNodeAndDatabaseRestartLoseNothing(Mode mode) throws Exception {
        try (TestCluster cluster = new TestCluster(getClass().getSimpleName() + "-" + mode.value(), mode,
                BASE_PORT)) {
            cluster.start();
            DatabaseFaults.killNodeAndRestart(cluster, cluster.nodes().nodeSpecs().get(1), "node-kill");
            DatabaseFaults.restart(cluster, "database-restart");
            // Requests hang, the pool runs dry (503 unavailable, not 500), commits in flight are cut off
            // (503 outcome-unknown): nothing answered "not done" may take effect.
            DatabaseFaults.freeze(cluster, "database-freeze");
        }
    }
}
