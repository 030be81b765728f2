package dev.ledger.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link EmbeddedPostgresResource} for every @QuarkusTest in the module. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public final class UsesEmbeddedPostgres {
    private UsesEmbeddedPostgres() {
    }
}
