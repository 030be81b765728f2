package dev.ledger.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ledger.dashboard.nodes} and {@code reports-dir}, with real sockets: "d2" is this very node reached over HTTP,
 * "silent" accepts connections but never answers (a paused JVM), "gone" refuses them (a dead one).
 */
@QuarkusTest
@TestProfile(DashboardClusterTest.ThreeNodes.class)
class DashboardClusterTest {

    static final long NODE_TIMEOUT_MS = 500;
    /** Bound on the whole answer: the nodes are asked in parallel, so one timeout plus slack, not one per node. */
    static final long ANSWER_MAX_MS = 3 * NODE_TIMEOUT_MS;

    public static class ThreeNodes implements QuarkusTestProfile {
        /** Never accepted from: the kernel completes the handshake, then the request waits forever. */
        static ServerSocket silent;

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                int port = freePort();
                int gone = freePort();
                return Map.of(
                        "quarkus.http.test-port", String.valueOf(port),
                        "ledger.node-id", "d1",
                        "ledger.dashboard.node-timeout-ms", String.valueOf(NODE_TIMEOUT_MS),
                        "ledger.dashboard.nodes", "d1@http://127.0.0.1:" + port + ", d2@http://127.0.0.1:" + port
                                + "/, silent@http://127.0.0.1:" + silent.getLocalPort()
                                + ",gone@http://127.0.0.1:" + gone,
                        "ledger.dashboard.reports-dir", reportsDir().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Two finished comparisons and one still running (no summary yet). */
        private static Path reportsDir() throws IOException {
            Path reports = Files.createTempDirectory("ledger-reports");
            write(reports.resolve("20260101-090000"), "{\"runs\":[{\"mode\":\"older\"}]}");
            write(reports.resolve("20260102-090000"), "{\"runs\":[{\"mode\":\"newest\"}]}");
            Files.writeString(reports.resolve("20260102-090000").resolve("report.html"),
                    "<!DOCTYPE html><title>newest</title>");
            Files.createDirectories(reports.resolve("20260103-090000").resolve("work"));
            return reports;
        }

        private static void write(Path stamp, String summary) throws IOException {
            Files.createDirectories(stamp);
            Files.writeString(stamp.resolve("summary.json"), summary);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    @Test
    void showsEveryConfiguredNodeAndBoundsTheWaitForSilentOnes() {
        long started = System.nanoTime();
        given().get("/dashboard/nodes").then().statusCode(200)
                .body("nodes.id", equalTo(List.of("d1", "d2", "silent", "gone")))
                .body("nodes[0].reachable", equalTo(true)).body("nodes[0].cluster.node", equalTo("d1"))
                // d2 is asked over HTTP, and answers with what this node says about itself
                .body("nodes[1].reachable", equalTo(true)).body("nodes[1].ready", equalTo(true))
                .body("nodes[1].cluster.node", equalTo("d1")).body("nodes[1].stats", hasKey("committed"))
                .body("nodes[2]", aMapWithSize(3)).body("nodes[2].reachable", equalTo(false))
                .body("nodes[2].url", containsString(":" + ThreeNodes.silent.getLocalPort()))
                .body("nodes[3]", aMapWithSize(3)).body("nodes[3].reachable", equalTo(false));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs, lessThan(ANSWER_MAX_MS));
    }

    @Test
    void theReportIsTheNewestFinishedComparison() {
        given().get("/dashboard/report").then().statusCode(200)
                .header(DashboardResource.REPORT_SOURCE, "20260102-090000")
                .header(DashboardResource.REPORT_HTML, "/dashboard/report.html")
                .body("runs[0].mode", equalTo("newest"));
        given().get("/dashboard/report.html").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>newest</title>"));
    }
}
