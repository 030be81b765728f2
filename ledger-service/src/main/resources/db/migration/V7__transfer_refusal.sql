-- Both leader modes record here what they decided without writing a transfer (an unknown account, a command that
-- cannot be applied): raft since V5, zookeeper since V6. Named for what it holds, not for the first mode that wrote
-- it; its key and check renamed with it.
ALTER TABLE raft_refusal RENAME TO transfer_refusal;
ALTER INDEX raft_refusal_pkey RENAME TO transfer_refusal_pkey;
ALTER TABLE transfer_refusal RENAME CONSTRAINT raft_refusal_outcome_check TO transfer_refusal_outcome_check;
