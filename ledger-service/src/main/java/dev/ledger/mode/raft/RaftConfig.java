package dev.ledger.mode.raft;

import dev.ledger.mode.leader.LeaderBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/** Raft mode's settings ({@code ledger.raft.*}), with the bounds of every leader mode. */
@ConfigMapping(prefix = "ledger.raft")
public interface RaftConfig extends LeaderBounds {
    /**
     * Every member of the group, this node included: {@code id@host:raftPort@httpUrl}, comma-separated, e.g.
     * {@code n1@127.0.0.1:8181@http://127.0.0.1:8081}. The id is matched against {@code ledger.node-id}.
     */
    Optional<String> peers();

    /**
     * Instead of {@link #peers()}, for members that are the pods of a StatefulSet (k8s/raft-group): one entry in
     * the same format, where {@value RaftPeer#ORDINAL} stands for a member's ordinal, 0 to
     * {@link #members()} - 1; e.g. {@code ledger-{n}@ledger-{n}.ledger-raft:8181@http://ledger-{n}.ledger-raft:8080}.
     */
    Optional<String> peerTemplate();

    /** How many members {@link #peerTemplate()} makes: the StatefulSet's replicas. */
    OptionalInt members();

    /** Raft log, metadata and snapshots of this node. */
    @WithDefault(".ledger/raft")
    String dataDir();

    /** Address the raft RPC server binds to; by default the host of this node's own peer entry. */
    Optional<String> bindHost();

    /**
     * Port the raft RPC server listens on; by default the port of this node's own peer entry. Another one only
     * where something between the peers relays their traffic to it (a delay relay: {@code ./ledger up --rtt}).
     */
    OptionalInt bindPort();

    /**
     * A PKCS12 keystore holding the key and certificate that every peer shares; its password is
     * {@code ledger.cluster-secret}. The raft port speaks mutual TLS with it, so only holders of the key can send
     * raft messages. Required in raft mode.
     */
    Optional<String> tlsKeystore();

    @WithDefault("1000")
    int electionTimeoutMs();

    @WithDefault("60")
    int snapshotIntervalSecs();

    /** fsync the raft log before acknowledging an entry. */
    @WithDefault("true")
    boolean logSync();

    /** How long a follower lets the leader apply a batch before applying it itself. */
    @WithDefault("100")
    long followerApplyDelayMs();

    /**
     * Group commit: the most transfers a leader puts in one log entry, so that one append, one sync and one
     * replication message serve them all.
     */
    @WithDefault("256")
    int proposalBatchMax();

    /** Group commit: the most bytes of transfers in one log entry. */
    @WithDefault("65536")
    int proposalBatchMaxBytes();

    /**
     * Group commit: the log entries a leader keeps proposed but not yet applied; transfers that arrive meanwhile
     * wait and go together in the next entry. It is the only linger: an idle leader proposes at once.
     */
    @WithDefault("2")
    int proposalEntriesInFlight();

    /**
     * A node is ready while it is at most this many entries behind the commit index; a leader further behind
     * refuses new proposals (503 unavailable) instead of growing a log it cannot apply.
     */
    @WithDefault("1000")
    long readyLagMaxEntries();

    /**
     * Start this raft group on a database that already holds a ledger of another group (or of a raft log that
     * was lost): the group's claim takes the database over instead of stopping. Set it only for that start.
     */
    @WithDefault("false")
    boolean adoptDatabase();
}
