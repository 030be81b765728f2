-- The pessimistic mode's statements for one transfer (LedgerSql), for pgbench: see src/docs/benchmarks.md.
\set a random(0, 9999)
\set b (:a + 1 + random(0, 9998)) % 10000
\set k random(1, 2000000000)
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended('pgb-' || :k || '-' || :client_id, 0));
SELECT * FROM transfer WHERE idempotency_key = 'pgb-' || :k || '-' || :client_id;
SELECT id, balance FROM account WHERE id IN ('acc' || :a, 'acc' || :b) ORDER BY id FOR NO KEY UPDATE;
WITH moved AS (UPDATE account SET balance = balance + CASE WHEN id = 'acc' || :a THEN -1 ELSE 1 END, version = version + 1 WHERE id IN ('acc' || :a, 'acc' || :b) AND true), recorded AS (INSERT INTO transfer (id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at) VALUES (gen_random_uuid(), 'acc' || :a, 'acc' || :b, 1, 'COMMITTED', NULL, 'pessimistic', 'pgb-' || :k || '-' || :client_id, now()) RETURNING id, created_at) INSERT INTO entry (id, transfer_id, account_id, amount, created_at) SELECT nextval('entry_seq'), recorded.id, e.account_id, e.amount, recorded.created_at FROM recorded, (VALUES ('acc' || :a, -1::bigint), ('acc' || :b, 1::bigint)) AS e (account_id, amount) WHERE true;
COMMIT;
