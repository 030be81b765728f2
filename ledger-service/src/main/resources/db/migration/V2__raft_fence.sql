-- Raft mode's exactly-once fence: the index of the last raft log entry applied to this database. It is advanced
-- in the same transaction as the entries' effects, and every applier locks it first and skips what is at or
-- below it, so an entry is never applied twice or out of order, whichever node applies it.
CREATE TABLE raft_fence (
    id            int    PRIMARY KEY CHECK (id = 1),
    applied_index bigint NOT NULL CHECK (applied_index >= 0),
    applied_term  bigint NOT NULL CHECK (applied_term >= 0)
);
INSERT INTO raft_fence (id, applied_index, applied_term) VALUES (1, 0, 0);
