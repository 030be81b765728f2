-- The ledger's schema. Every invariant the database can express is a constraint here too,
-- so a bug in a strategy is stopped by PostgreSQL rather than found later by the audit.

CREATE TABLE account (
    id              varchar(64) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    balance         bigint      NOT NULL CHECK (balance >= 0),
    opening_balance bigint      NOT NULL CHECK (opening_balance >= 0),
    version         bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Every transfer request that reached a decision is recorded, the rejected ones too.
CREATE TABLE transfer (
    id              uuid         PRIMARY KEY,
    from_account    varchar(64)  NOT NULL REFERENCES account (id),
    to_account      varchar(64)  NOT NULL REFERENCES account (id),
    amount          bigint       NOT NULL CHECK (amount > 0),
    status          varchar(16)  NOT NULL CHECK (status IN ('COMMITTED', 'REJECTED')),
    reason          varchar(32)  CHECK (reason IN ('INSUFFICIENT_FUNDS', 'BALANCE_OVERFLOW')),
    mode            varchar(16)  NOT NULL,
    idempotency_key varchar(255) UNIQUE,
    created_at      timestamptz  NOT NULL,
    CHECK (from_account <> to_account),
    CHECK ((status = 'REJECTED') = (reason IS NOT NULL))
);

-- Double entry: a committed transfer has one debit (-amount on from) and one credit (+amount on to).
CREATE TABLE entry (
    id          bigint      PRIMARY KEY,
    transfer_id uuid        NOT NULL REFERENCES transfer (id),
    account_id  varchar(64) NOT NULL REFERENCES account (id),
    amount      bigint      NOT NULL CHECK (amount <> 0),
    created_at  timestamptz NOT NULL,
    UNIQUE (transfer_id, account_id)
);
CREATE INDEX entry_by_account ON entry (account_id, id);

-- Entry ids come in blocks of 50 (Hibernate's pooled optimizer), so inserts need no round trip each.
CREATE SEQUENCE entry_seq START WITH 1 INCREMENT BY 50;

-- At commit, every transfer must have exactly the entries its status implies:
-- COMMITTED: two entries, -amount on from and +amount on to; REJECTED: none.
CREATE FUNCTION check_transfer_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry_count int;
    debit       bigint;
    credit      bigint;
BEGIN
    SELECT count(*),
           coalesce(sum(amount) FILTER (WHERE account_id = NEW.from_account), 0),
           coalesce(sum(amount) FILTER (WHERE account_id = NEW.to_account), 0)
      INTO entry_count, debit, credit
      FROM entry WHERE transfer_id = NEW.id;
    IF NEW.status = 'COMMITTED' AND NOT (entry_count = 2 AND debit = -NEW.amount AND credit = NEW.amount) THEN
        RAISE EXCEPTION 'committed transfer % must have two balanced entries', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = 'REJECTED' AND entry_count <> 0 THEN
        RAISE EXCEPTION 'rejected transfer % must have no entries', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER transfer_entries_balanced
    AFTER INSERT ON transfer DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_transfer_entries();

-- The ledger is append-only: entries and transfers are never changed or removed.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON entry FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER transfer_append_only BEFORE UPDATE OR DELETE ON transfer FOR EACH ROW EXECUTE FUNCTION refuse_change();
