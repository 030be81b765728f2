package dev.ledger.mode.workflow;

import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.contract.ShardRule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The workflow mode against two real PostgreSQL databases and its real engine: a transfer within a shard commits at
 * once; one across them is accepted PENDING and its workflow commits it, rejects it (the debit refused) or compensates
 * it (the credit refused for good), each shard's books balancing and the clearing accounts holding nothing once every
 * workflow has ended.
 */
@QuarkusTest
@TestProfile(WorkflowContractTest.WorkflowMode.class)
class WorkflowModeTest {

    private static final Duration FINISH_MAX = Duration.ofSeconds(30);

    @Inject
    @DataSource(WorkflowStrategy.SHARD_0)
    AgroalDataSource shard0;
    @Inject
    @DataSource(WorkflowStrategy.SHARD_1)
    AgroalDataSource shard1;

    @Test
    void aTransferWithinAShardCommitsAtOnce() throws SQLException {
        String from = account(0, 100);
        String to = account(0, 0);
        transfer(from, to, 30).then().statusCode(201).body("status", equalTo("COMMITTED"));
        assertEquals(70, balance(from));
        assertEquals(30, balance(to));
    }

    @Test
    void aTransferAcrossShardsIsPendingThenCommittedAndNothingStaysInTransit() throws Exception {
        String from = account(0, 100);
        String to = account(1, 5);
        String key = "wf-" + UUID.randomUUID();
        String id = transfer(from, to, 40, key).then().statusCode(202).body("status", equalTo("PENDING"))
                .header("Location", endsWith("/transfers/" + transferIdOf(from, to, key))).extract().path("id");
        assertEquals("COMMITTED", awaitFinished(id));
        assertEquals(60, balance(from));
        assertEquals(45, balance(to));
        transfer(from, to, 40, key).then().statusCode(201).body("id", equalTo(id))
                .header("Idempotent-Replayed", "true");
        assertEquals(0, clearingTotal());
        assertEquals(List.of(Map.of("transferId", id, "amount", -40)), entries(from), "the debit, named by transfer");
        assertEquals(List.of(Map.of("transferId", id, "amount", 40)), entries(to), "the credit, named by transfer");
    }

    @Test
    void aDebitRefusedRejectsTheTransferAndMovesNothing() throws Exception {
        String from = account(1, 10);
        String to = account(0, 0);
        String id = transfer(from, to, 11).then().statusCode(202).extract().path("id");
        assertEquals("REJECTED INSUFFICIENT_FUNDS", awaitFinished(id));
        assertEquals(10, balance(from));
        assertEquals(0, balance(to));
    }

    @Test
    void aCreditToAMissingAccountIsCompensatedAndTheMoneyComesBack() throws Exception {
        String from = account(0, 50);
        String missing = idOnShard(1);
        String id = transfer(from, missing, 20).then().statusCode(202).extract().path("id");
        assertEquals("COMPENSATED ACCOUNT_NOT_FOUND", awaitFinished(id));
        assertEquals(50, balance(from));
        assertEquals(List.of(Map.of("transferId", id, "amount", -20), Map.of("transferId", id, "amount", 20)),
                entries(from), "the debit and its refund");
        assertEquals(0, clearingTotal());
        assertTrue(booksBalance(shard0) && booksBalance(shard1), "a shard's balances differ from its entries");
    }

    /** Once no transfer is unfinished, each shard's books balance and nothing is in transit. */
    @Test
    void theAuditChecksEachShardAndWhatIsInTransit() throws Exception {
        String id = transfer(account(0, 10), account(1, 0), 10).then().statusCode(202).extract().path("id");
        awaitFinished(id);
        var audit = given().get("/ledger/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getBoolean("ok"), audit.prettify());
        assertTrue(audit.getBoolean("inTransit.quiet"), audit.prettify());
        assertEquals(0, audit.getLong("inTransit.clearingTotal"), audit.prettify());
    }

    /** The id a retry with the key is answered with, pending or finished by now. */
    private static String transferIdOf(String from, String to, String key) {
        return transfer(from, to, 40, key).then().statusCode(anyOf(equalTo(202), equalTo(201))).extract().path("id");
    }

    /** A new account with this balance, on this shard, opened through the API (which opens it there). */
    private String account(int shard, long balance) {
        String id = idOnShard(shard);
        given().contentType(ContentType.JSON).body(Map.of("id", id, "initialBalance", balance)).post("/accounts")
                .then().statusCode(201);
        return id;
    }

    private static String idOnShard(int shard) {
        String id;
        do {
            id = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        } while (ShardRule.shardOf(id) != shard);
        return id;
    }

    /** The account's entries as the API lists them: the transfer each names, and its amount. */
    private static List<Map<String, Object>> entries(String account) {
        List<Map<String, Object>> entries = given().get("/accounts/{id}/entries", account).then().statusCode(200)
                .extract().jsonPath().getList("entries");
        return entries.stream().map(entry -> Map.of("transferId", entry.get("transferId"), "amount",
                entry.get("amount"))).toList();
    }

    private AgroalDataSource shard(int shard) {
        return shard == 0 ? shard0 : shard1;
    }

    /** The balance the API shows, read from the account's shard. */
    private long balance(String account) throws SQLException {
        long shown = given().get("/accounts/{id}", account).then().statusCode(200).extract().jsonPath()
                .getLong("balance");
        assertEquals(single(shard(ShardRule.shardOf(account)), "SELECT balance FROM account WHERE id = ?", account),
                shown);
        return shown;
    }

    private long clearingTotal() throws SQLException {
        return single(shard0, "SELECT balance FROM account WHERE id = ?", ShardSteps.CLEARING)
                + single(shard1, "SELECT balance FROM account WHERE id = ?", ShardSteps.CLEARING);
    }

    /** Every account's balance is its opening balance plus its entries. */
    private static boolean booksBalance(AgroalDataSource shard) throws SQLException {
        return single(shard, "SELECT count(*) FROM account a WHERE a.balance <> a.opening_balance"
                + " + (SELECT coalesce(sum(e.amount), 0) FROM entry e WHERE e.account_id = a.id)") == 0;
    }

    /** The transfer's status (and reason) as the API shows it once its workflow has ended. */
    private String awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + FINISH_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            var shown = given().get("/transfers/{id}", id).then().statusCode(200).extract().jsonPath();
            if (!shown.getString("status").equals("PENDING")) {
                String reason = shown.getString("reason");
                return reason == null ? shown.getString("status") : shown.getString("status") + " " + reason;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("transfer " + id + " still pending after " + FINISH_MAX);
    }

    private static long single(AgroalDataSource shard, String sql, String... parameters) throws SQLException {
        try (Connection connection = shard.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
