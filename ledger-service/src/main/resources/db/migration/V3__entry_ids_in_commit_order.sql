-- Entry ids are the order of an account's statement and the cursor of its keyset paging, so for each account they
-- must follow the order in which its transfers committed. Blocks of 50 per JVM (V1) broke that as soon as two nodes
-- wrote: node A's block 1-50 and node B's block 51-100 interleave in time, so a statement showed a later entry
-- first (found by DatabaseModeFaultsIT: a running balance went negative), and a client paging with `after` could
-- skip an entry that committed later under a lower id. One id per insert, drawn while the transfer holds its
-- accounts (a row lock, a version check, or the raft fence), is in commit order for every account.
ALTER SEQUENCE entry_seq INCREMENT BY 1;
