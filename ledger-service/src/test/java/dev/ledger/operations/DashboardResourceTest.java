package dev.ledger.operations;

import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dashboard's endpoints and page on one pessimistic node with the default configuration. */
@QuarkusTest
class DashboardResourceTest {

    @Test
    void servesThePageAndItsScriptFromTheNode() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>Ledger dashboard</title>"))
                // no build step and no network at run time: nothing is loaded from elsewhere
                .body(not(containsString("https://"))).body(not(containsString("//cdn")));
        given().get("/dashboard.js").then().statusCode(200).body(containsString("/dashboard/nodes"));
        given().get("/dashboard.css").then().statusCode(200);
    }

    @Test
    void statsCountDecidedTransfersButNotReplays() {
        String a = createAccount("st-a", 100);
        String b = createAccount("st-b", 0);
        JsonPath before = stats();

        String key = "stats-" + UUID.randomUUID();
        transfer(a, b, 60, key).then().statusCode(201);
        transfer(a, b, 60, key).then().statusCode(201).header("Idempotent-Replayed", "true");
        transfer(a, b, 60).then().statusCode(422);

        JsonPath after = stats();
        assertEquals(before.getLong("committed") + 1, after.getLong("committed"), "the replay is not counted");
        assertEquals(before.getLong("rejected") + 1, after.getLong("rejected"));
        assertTrue(after.getDouble("p99Ms") > 0, "a p99 over the last 30 s: " + after.prettify());
        // the windowed p99 is exported too; the cumulative buckets that Grafana reads are still there
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ledger_transfer_duration_seconds_bucket{"))
                .body(containsString("ledger_transfer_duration_seconds{mode=\"pessimistic\",quantile=\"0.99\"}"));
    }

    @Test
    void nodeTellsReadinessClusterAndStatsInOneAnswerToAnyOrigin() {
        // a page on another node asks it from the browser when its own node cannot reach this one
        given().header("Origin", "http://10.77.0.12:8082").get("/dashboard/node").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("ready", equalTo(true))
                .body("cluster.mode", equalTo("pessimistic")).body("cluster.role", equalTo("STATELESS"))
                .body("stats.committed", not(equalTo(null)));
    }

    @Test
    void withoutConfiguredNodesTheDashboardShowsThisNodeOnly() {
        String id = given().get("/cluster").then().extract().path("node");
        given().get("/dashboard/nodes").then().statusCode(200)
                .body("nodes.size()", equalTo(1))
                .body("nodes[0].id", equalTo(id))
                .body("nodes[0].url", containsString("http://"))
                .body("nodes[0].reachable", equalTo(true)).body("nodes[0].ready", equalTo(true))
                .body("nodes[0].cluster.role", equalTo("STATELESS"))
                .body("nodes[0].stats", hasKey("committed")).body("nodes[0].stats", hasKey("rejected"));
    }

    @Test
    void withoutAReportsDirTheReportIsTheBundledBenchmark() {
        given().get("/dashboard/report").then().statusCode(200).contentType(containsString("application/json"))
                .header(DashboardResource.REPORT_SOURCE, "bundled")
                .body("runs.size()", greaterThan(0))
                .body("runs[0]", hasKey("committedPerSec")).body("runs[0]", hasKey("p99Ms"))
                .body("runs[0].audit", hasKey("ok"));
        // the bundled benchmark has no page: the dashboard offers no link, and asking for it is a plain 404
        given().get("/dashboard/report").then().header(DashboardResource.REPORT_HTML, nullValue());
        given().get("/dashboard/report.html").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    private static JsonPath stats() {
        return given().get("/dashboard/stats").then().statusCode(200).extract().jsonPath();
    }
}
