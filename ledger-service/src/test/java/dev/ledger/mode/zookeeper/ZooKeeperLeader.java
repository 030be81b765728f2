package dev.ledger.mode.zookeeper;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** What the node under test says of its leadership on GET /cluster. */
final class ZooKeeperLeader {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ZooKeeperLeader() {
    }

    /** Waits until this node leads under a token above {@code above}, and returns that token. */
    static long awaitAbove(long above) throws Exception {
        Await.until("the node leads with a token above " + above, WAIT, () -> {
            JsonPath cluster = given().get("/cluster").then().statusCode(200).extract().jsonPath();
            return "LEADER".equals(cluster.getString("role")) && cluster.getLong("term") > above;
        });
        return given().get("/cluster").then().extract().jsonPath().getLong("term");
    }

    static long await() throws Exception {
        return awaitAbove(0);
    }
}
