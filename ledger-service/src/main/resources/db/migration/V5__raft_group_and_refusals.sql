-- Which raft group owns this database: the id its first leader drew and proposed as the log's claim entry. Every
-- apply checks it, so a group whose log starts anew (its raft data lost, or a second group pointed at this
-- database) stops instead of reading the fence as if it were its own. Null until a group claims the database.
ALTER TABLE raft_fence ADD COLUMN group_id uuid;

-- Raft entries that were decided without recording a transfer: an unknown account, or a command that cannot be
-- applied (it failed on its own with an error that no retry cures). Kept so that every entry at or below the fence
-- leaves a trace: a node that finds an entry applied by another reads its outcome here, and a command proposed
-- twice (a replayed forward) gets the same answer again instead of being applied once the account exists.
CREATE TABLE raft_refusal (
    transfer_id uuid        PRIMARY KEY,
    log_index   bigint      NOT NULL,
    outcome     varchar(32) NOT NULL CHECK (outcome IN ('ACCOUNT_NOT_FOUND', 'INVALID_COMMAND')),
    detail      text        NOT NULL
);
