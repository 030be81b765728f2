-- The workflow mode splits the accounts over two databases (shards), each with this schema. A transfer across them
-- passes through each shard's clearing account, which holds what the shard has sent to the other less what it has
-- received from it, so that each shard's books balance at every commit. Only a clearing account may go below zero.
ALTER TABLE account ADD COLUMN clearing boolean NOT NULL DEFAULT false;
ALTER TABLE account DROP CONSTRAINT account_balance_check;
ALTER TABLE account ADD CONSTRAINT account_balance_check CHECK (clearing OR balance >= 0);

-- A transfer across shards, in the database of the workflow engine that drives it (shard 0). The row is inserted in
-- the transaction that starts the transfer's workflow instance, so the client's key maps to one instance; the last
-- step sets the outcome in the transaction that ends the instance.
CREATE TABLE workflow_transfer (
    id              uuid         PRIMARY KEY,
    from_account    varchar(64)  NOT NULL,
    to_account      varchar(64)  NOT NULL,
    amount          bigint       NOT NULL CHECK (amount > 0),
    status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'COMMITTED', 'REJECTED', 'COMPENSATED')),
    reason          varchar(32),
    idempotency_key varchar(255) NOT NULL UNIQUE,
    created_at      timestamptz  NOT NULL,
    finished_at     timestamptz,
    CHECK (from_account <> to_account),
    CHECK ((status = 'PENDING') = (finished_at IS NULL))
);
-- The audit sums what is in transit, and the dashboard counts what is pending.
CREATE INDEX workflow_transfer_pending ON workflow_transfer (created_at) WHERE status = 'PENDING';
