package dev.ledger.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How the nodes reach PostgreSQL, handed to them as Quarkus datasource environment variables. */
record DatabaseConnection(String jdbcUrl, String username, String password) {

    static final String JDBC_URL_VARIABLE = "QUARKUS_DATASOURCE_JDBC_URL";
    static final String USERNAME_VARIABLE = "QUARKUS_DATASOURCE_USERNAME";
    static final String PASSWORD_VARIABLE = "QUARKUS_DATASOURCE_PASSWORD";

    /** The database configured in the launcher's environment, if any; user and password may be absent. */
    static Optional<DatabaseConnection> fromEnvironment(Map<String, String> environment) {
        String jdbcUrl = environment.get(JDBC_URL_VARIABLE);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseConnection(jdbcUrl,
                environment.get(USERNAME_VARIABLE), environment.get(PASSWORD_VARIABLE)));
    }

    Map<String, String> asEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(JDBC_URL_VARIABLE, jdbcUrl);
        if (username != null) {
            environment.put(USERNAME_VARIABLE, username);
        }
        if (password != null) {
            environment.put(PASSWORD_VARIABLE, password);
        }
        return environment;
    }
}
