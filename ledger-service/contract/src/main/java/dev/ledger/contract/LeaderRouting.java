package dev.ledger.contract;

/**
 * How a client of a mode with a leader reaches the leader without being forwarded. Every answer of such a mode names
 * the leader this node knows ({@link #LEADER_HEADER}, its HTTP base URL; also {@code leaderUrl} in
 * {@code GET /cluster}). A client that sends {@code POST /transfers?redirect} to a follower gets 307 Temporary Redirect
 * to the leader instead of a forward, with nothing done, as rqlite's {@code ?redirect} or a Vault standby's 307 do:
 * the leader-aware client pays one HTTP request per transfer, where a forwarded one costs two.
 */
public final class LeaderRouting {

    /** The leader's base URL, e.g. {@code http://127.0.0.1:8081}; absent while this node knows none. */
    public static final String LEADER_HEADER = "Ledger-Leader";
    /** The query parameter by which a client asks for a redirect to the leader rather than a forward. */
    public static final String REDIRECT_PARAM = "redirect";

    private LeaderRouting() {
    }
}
