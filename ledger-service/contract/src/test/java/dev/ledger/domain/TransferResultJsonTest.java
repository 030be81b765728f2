package dev.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.contract.Mode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A leader mode's follower relays the leader's result as JSON: every outcome a leader answers reads back as it was. */
class TransferResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void everyLeaderOutcomeRoundTrips() throws Exception {
        var command = new TransferCommand(UUID.randomUUID(), "a", "b", 5, "k", Instant.parse("2026-01-01T00:00:00Z"));
        Transfer committed = command.record(TransferStatus.COMMITTED, null, Mode.RAFT);
        Transfer rejected = command.record(TransferStatus.REJECTED, RejectionReason.INSUFFICIENT_FUNDS, Mode.RAFT);
        for (TransferResult result : List.of(new TransferResult.Committed(committed, true),
                new TransferResult.Rejected(rejected, false), new TransferResult.AccountNotFound("b"),
                new TransferResult.KeyReused(committed), new TransferResult.InvalidCommand("SQLSTATE 22001"))) {
            String json = JSON.writeValueAsString(result);
            assertEquals(result, JSON.readValue(json, TransferResult.class), json);
        }
    }
}
