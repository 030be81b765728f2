package dev.ledger.mode.workflow;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The workflow mode's settings ({@code ledger.workflow.*}). Shard 0 is the service's database; the pools of both
 * shards are {@code quarkus.datasource.shard0.*} and {@code shard1.*} (application.properties).
 */
@ConfigMapping(prefix = "ledger.workflow")
public interface WorkflowConfig {
    /**
     * Shard 1's database (env LEDGER_WORKFLOW_SHARD1_URL), read by the {@code shard1} pool's URL; required in this
     * mode, in which it must differ from the service's.
     */
    Optional<String> shard1Url();
}
