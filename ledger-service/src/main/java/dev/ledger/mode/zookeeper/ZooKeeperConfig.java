package dev.ledger.mode.zookeeper;

import dev.ledger.mode.leader.LeaderBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The zookeeper mode's settings ({@code ledger.zookeeper.*}): the election on a ZooKeeper ensemble, with the bounds of
 * every leader mode.
 */
@ConfigMapping(prefix = "ledger.zookeeper")
public interface ZooKeeperConfig extends LeaderBounds {
    /** The ensemble, {@code host:port,host:port,...} (env LEDGER_ZOOKEEPER_CONNECT). Required in this mode. */
    Optional<String> connect();

    /**
     * Where the other nodes reach this one while it leads, to forward transfers (env LEDGER_ZOOKEEPER_HTTP_URL);
     * absent: {@code http://quarkus.http.host:quarkus.http.port}, which must then be one address others can use
     * (not 0.0.0.0).
     */
    Optional<String> httpUrl();

    /** The znode under which the nodes of one ledger elect; two ledgers on one ensemble need two roots. */
    @WithDefault("/ledger")
    String root();

    /**
     * How long ZooKeeper keeps this node's session, and so its leadership, once it stops hearing from it; a leader
     * stops after two thirds of it without contact, before the ensemble can elect another.
     */
    @WithDefault("4000")
    int sessionTimeoutMs();

    /** How long a ZooKeeper operation waits for a connection to the ensemble before it fails. */
    @WithDefault("2000")
    int connectionTimeoutMs();
}
