package dev.ledger.mode.raft;

import java.util.UUID;

/**
 * A raft group's claim on the shared database, the first entry its first leader proposes: the group's id, drawn at
 * random, which the fence then stores. The first claim in a log names the group; later ones (proposed by leaders
 * that had not yet applied it) change nothing.
 *
 * @param adopt take over a database another group (or a lost log of this one) applied to, instead of stopping:
 *     {@code ledger.raft.adopt-database}, for a group started anew on a database that holds a ledger
 */
public record GroupClaim(UUID groupId, boolean adopt) {
}
