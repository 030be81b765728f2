package dev.ledger.mode.leader;

/**
 * The pool a leader writes its batches through (raft apply, the zookeeper leader's writer): its own, so that the
 * API's load or an audit never takes the connections it needs, with tighter timeouts (application.properties,
 * {@code quarkus.datasource.apply.*}).
 */
public final class LeaderDatasource {

    public static final String NAME = "apply";

    private LeaderDatasource() {
    }
}
