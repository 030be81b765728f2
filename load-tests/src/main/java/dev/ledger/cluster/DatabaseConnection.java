package dev.ledger.cluster;

import dev.ledger.contract.NodeEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How the nodes reach PostgreSQL, handed to them as Quarkus datasource environment variables. */
public record DatabaseConnection(String jdbcUrl, String username, String password) {


    /** The database configured in the launcher's environment, if any; user and password may be absent. */
    static Optional<DatabaseConnection> fromEnvironment(Map<String, String> environment) {
        String jdbcUrl = environment.get(NodeEnvironment.JDBC_URL);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseConnection(jdbcUrl, environment.get(NodeEnvironment.DATABASE_USERNAME),
                environment.get(NodeEnvironment.DATABASE_PASSWORD)));
    }

    Map<String, String> asEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(NodeEnvironment.JDBC_URL, jdbcUrl);
        if (username != null) {
            environment.put(NodeEnvironment.DATABASE_USERNAME, username);
        }
        if (password != null) {
            environment.put(NodeEnvironment.DATABASE_PASSWORD, password);
        }
        return environment;
    }
}
