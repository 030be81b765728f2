package dev.ledger.support;

import java.util.Map;

/** The workflow mode's second database (shard 1), a real PostgreSQL beside the one every test application gets. */
public class SecondShardResource extends EmbeddedPostgresResource {

    @Override
    protected Map<String, String> configuration(String jdbcUrl) {
        return Map.of("ledger.workflow.shard1-url", jdbcUrl);
    }
}
