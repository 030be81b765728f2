package dev.ledger.mode.zookeeper;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A leader whose token PostgreSQL has seen surpassed writes nothing, whatever ZooKeeper still tells it: its batch is
 * refused by the fence and answered 503 unavailable. Then it rejoins the election, leads under a token above the
 * fence, and the client's retry with the same key commits exactly once.
 */
@QuarkusTest
@TestProfile(ZooKeeperContractTest.SingleNodeZooKeeper.class)
class ZooKeeperDeposedLeaderTest {

    /** How far the test moves the fence past the node's token, as a later leader's claim would. */
    private static final long LATER_CLAIM = 100;

    @Inject
    DataSource dataSource;

    @Test
    void aDeposedLeaderWritesNothingThenRejoinsAndTheSameKeyCommitsOnce() throws Exception {
        long token = ZooKeeperLeader.await();
        String from = createAccount("deposed-from", 100);
        String to = createAccount("deposed-to", 0);
        String key = "deposed-" + UUID.randomUUID();
        long fence = raiseFenceAbove(token);

        transfer(from, to, 10, key).then().statusCode(503)
                .body("type", equalTo("/problems/unavailable"))
                .body("detail", containsString("no longer leads"));

        assertEquals(100, balance(from));
        assertEquals(0, balance(to));
        assertEquals(0, transfersWithKey(key), "the refused batch wrote nothing");

        long rejoined = ZooKeeperLeader.awaitAbove(fence);
        assertEquals(rejoined, fenceToken(), "the new leadership claimed the fence before it took transfers");
        Response committed = transfer(from, to, 10, key);
        committed.then().statusCode(201).body("status", equalTo("COMMITTED"));
        Response replayed = transfer(from, to, 10, key);
        replayed.then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(committed.jsonPath().getString("id")));

        assertEquals(90, balance(from));
        assertEquals(10, balance(to));
        assertEquals(1, transfersWithKey(key));
        given().get("/ledger/audit").then().statusCode(200).body("ok", equalTo(true));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ledger_zookeeper_fenced_batches_total 1"))
                .body(containsString("ledger_zookeeper_refused_unwritten_total 1"));
    }

    /** What a later leader's claim does to the fence, without a second node. */
    private long raiseFenceAbove(long token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement raise = connection.prepareStatement(
                        "UPDATE leader_fence SET token = ?, leader = 'a-later-leader' WHERE id = 1")) {
            raise.setLong(1, token + LATER_CLAIM);
            assertEquals(1, raise.executeUpdate());
        }
        return token + LATER_CLAIM;
    }

    private long fenceToken() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return TokenFence.highest(connection);
        }
    }

    private long transfersWithKey(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM transfer WHERE idempotency_key = ?")) {
            count.setString(1, key);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
