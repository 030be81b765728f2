-- Zookeeper mode's fence: the highest leadership token any write transaction or claim has shown this database.
-- Each leadership gets a token from ZooKeeper that is greater than every earlier one. A new leader claims its token
-- here before it takes requests, and every write transaction of a leader first checks and advances it, holding the
-- row lock until it ends: so once a leader has claimed, no transaction of an earlier leader can commit, whatever
-- that leader still believes. `leader` and `claimed_at` say which node made the last claim, for operators.
CREATE TABLE leader_fence (
    id         int         PRIMARY KEY CHECK (id = 1),
    token      bigint      NOT NULL CHECK (token >= 0),
    leader     text,
    claimed_at timestamptz
);
INSERT INTO leader_fence (id, token, leader, claimed_at) VALUES (1, 0, NULL, NULL);

-- Zookeeper mode records its refusals (an unknown account, a command that cannot be applied) in this table too, by
-- transfer id, so that a forward replayed later gets the same answer; it has no log, so they carry no index. Raft
-- still writes an index with each of its refusals; nothing reads the column.
ALTER TABLE raft_refusal ALTER COLUMN log_index DROP NOT NULL;
