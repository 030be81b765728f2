-- GET /transfers (the dashboard's recent transfers, polled every 2 s by each open page) reads the newest rows by
-- created_at; without an index that is a sort of the whole table on every poll. One more index entry per transfer.
CREATE INDEX transfer_recent ON transfer (created_at DESC, id DESC);
