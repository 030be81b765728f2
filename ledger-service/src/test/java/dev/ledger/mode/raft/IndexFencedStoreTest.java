package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Raft's SQL is built from the parts every fenced store shares and raft's fence: built so, it must stay the very
 * strings raft ran before they were shared (as written out here), so that sharing changed nothing raft does.
 */
class IndexFencedStoreTest {

    @Test
    void theLockAndReadRoundTripIsRaftsOwnToTheByte() {
        assertEquals("SELECT applied_index, group_id FROM raft_fence WHERE id = 1 FOR UPDATE;"
                + " SELECT id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at,"
                + " NULL::text FROM transfer WHERE (id = ANY (?) OR idempotency_key = ANY (?))"
                + " AND (SELECT applied_index FROM raft_fence WHERE id = 1) < ?"
                + " UNION ALL SELECT transfer_id, NULL, NULL, NULL, outcome, NULL, NULL, NULL, NULL, detail"
                + " FROM transfer_refusal WHERE transfer_id = ANY (?)"
                + " AND (SELECT applied_index FROM raft_fence WHERE id = 1) < ?;"
                + " SELECT id, balance FROM account WHERE id = ANY (?)"
                + " AND (SELECT applied_index FROM raft_fence WHERE id = 1) < ?", IndexFencedStore.LOCK_AND_READ);
    }

    @Test
    void theWriteRoundTripIsRaftsOwnToTheByte() {
        assertEquals("UPDATE account SET balance = v.balance, version = version + v.changes"
                + " FROM unnest(?::text[], ?::bigint[], ?::int[]) AS v(id, balance, changes) WHERE account.id = v.id;"
                + " INSERT INTO transfer (id, from_account, to_account, amount, status, reason, mode, idempotency_key,"
                + " created_at) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::timestamptz[]);"
                + " INSERT INTO entry (id, transfer_id, account_id, amount, created_at) SELECT nextval('entry_seq'), *"
                + " FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[]);"
                + " INSERT INTO transfer_refusal (transfer_id, log_index, outcome, detail)"
                + " SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[]);"
                + " UPDATE raft_fence SET applied_index = ?, applied_term = ? WHERE id = 1 AND applied_index < ?",
                IndexFencedStore.WRITE);
    }
}
