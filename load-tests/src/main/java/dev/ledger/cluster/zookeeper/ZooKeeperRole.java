package dev.ledger.cluster.zookeeper;

/** What a member of the ensemble says of itself when asked {@code srvr}. */
public enum ZooKeeperRole {
    LEADER,
    FOLLOWER,
    /** Running, but in no quorum (too few members reach each other, or an election is under way): it serves no one. */
    NOT_SERVING,
    /** Not running, paused, or not listening yet. */
    NO_ANSWER;

    /** The four-letter word whose reply tells the role. */
    static final String PROBE_WORD = "srvr";
    /** The whole reply of a member that has no quorum; a member in one replies with its statistics. */
    private static final String NOT_SERVING_REPLY = "This ZooKeeper instance is not currently serving requests";
    private static final String MODE_PREFIX = "Mode: ";

    public boolean inQuorum() {
        return this == LEADER || this == FOLLOWER;
    }

    /**
     * From the reply to {@code srvr}; an empty one comes from a member that closed the connection without replying
     * (it was stopping). Any other reply means a member set up otherwise than this launcher does it (standalone, an
     * observer, {@code srvr} not allowed): a bug, not a state of the ensemble.
     */
    static ZooKeeperRole fromSrvr(String reply) {
        if (reply.isBlank()) {
            return NO_ANSWER;
        }
        if (reply.strip().equals(NOT_SERVING_REPLY)) {
            return NOT_SERVING;
        }
        String mode = reply.lines().filter(line -> line.startsWith(MODE_PREFIX)).findFirst()
                .map(line -> line.substring(MODE_PREFIX.length()).strip())
                .orElseThrow(() -> new IllegalStateException("unexpected reply to srvr: " + reply));
        return switch (mode) {
            case "leader" -> LEADER;
            case "follower" -> FOLLOWER;
            default -> throw new IllegalStateException("a member of the local ensemble in mode " + mode);
        };
    }
}
