package dev.ledger.mode.raft;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.newAccountId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.mode.leader.ClusterSecret;
import dev.ledger.support.TestKeystore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The doors of a raft node: the raft port speaks mutual TLS with the cluster's key only, the forwarding endpoint
 * takes only transfers signed with the cluster secret for this request and recently, and /admin needs its token.
 */
@QuarkusTest
@TestProfile(RaftContractTest.SingleNodeRaft.class)
class RaftSecurityTest {

    private static final String PATH = "/internal/raft/transfers";
    private static final int READ_TIMEOUT_MS = 2_000;
    private static final ClusterSecret CLUSTER = ClusterSecret.of(TestKeystore.CLUSTER_SECRET);

    @Test
    void forwardedTransferWithoutTheClusterSignatureIsRefused() {
        byte[] body = command("a", "b", "unsigned-" + UUID.randomUUID());
        forward(Map.of(), body).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        var signedWithAnotherSecret = ClusterSecret.of("another-secret-of-the-right-length-42")
                .signatureHeaders("POST", PATH, body, System.currentTimeMillis());
        forward(signedWithAnotherSecret, body).then().statusCode(401)
                .body("type", equalTo("/problems/unauthenticated"));
    }

    /** The signature covers method, path, time and body: a captured forward is good for nothing else. */
    @Test
    void aForwardSignedForAnotherPathOrBodyOrTooLongAgoIsRefused() {
        byte[] body = command("a", "b", "tamper-" + UUID.randomUUID());
        long now = System.currentTimeMillis();
        forward(CLUSTER.signatureHeaders("POST", "/internal/raft/other", body, now), body).then().statusCode(401);
        forward(CLUSTER.signatureHeaders("POST", PATH, body, now - ClusterSecret.MAX_AGE_MS - 1_000), body)
                .then().statusCode(401);
        forward(CLUSTER.signatureHeaders("POST", PATH, body, now), command("a", "c", "other-" + UUID.randomUUID()))
                .then().statusCode(401);
        // The control: signed now, for this request, it is proposed (and refused at apply: no such accounts).
        forward(CLUSTER.signatureHeaders("POST", PATH, body, now), body).then().statusCode(200)
                .body("outcome", equalTo("ACCOUNT_NOT_FOUND"));
    }

    /** Each mode with a leader takes forwards at a path of its own: another mode's path is not an endpoint here. */
    @Test
    void aForwardToAnotherModesPathIsNotTaken() {
        byte[] body = command("a", "b", "other-mode-" + UUID.randomUUID());
        String otherMode = "/internal/pessimistic/transfers";
        given().contentType("application/json").headers(CLUSTER.signatureHeaders("POST", otherMode, body,
                System.currentTimeMillis())).body(body).post(otherMode).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
    }

    /**
     * A forward replayed within its signature's age proposes the same command (same id) again: it gets the outcome
     * the command had, even once the missing account exists, instead of being executed then.
     */
    @Test
    void aReplayedForwardGetsTheOutcomeItHadAndIsNotExecutedLater() {
        String from = createAccount("replay-from", 100);
        String to = newAccountId("replay-later");
        byte[] body = command(from, to, "replay-" + UUID.randomUUID());
        Map<String, String> headers = CLUSTER.signatureHeaders("POST", PATH, body, System.currentTimeMillis());
        forward(headers, body).then().statusCode(200).body("outcome", equalTo("ACCOUNT_NOT_FOUND"));
        given().contentType("application/json").body(Map.of("id", to, "initialBalance", 0)).post("/accounts")
                .then().statusCode(201);
        forward(headers, body).then().statusCode(200).body("outcome", equalTo("ACCOUNT_NOT_FOUND"))
                .body("accountId", equalTo(to));
        assertEquals(100, balance(from));
        assertEquals(0, balance(to));
    }

    /** A command that skipped a follower's validation is refused by the leader before it reaches the log. */
    @Test
    void theLeaderValidatesForwardedCommands() {
        byte[] body = command("a", "b", "k".repeat(300));
        forward(CLUSTER.signatureHeaders("POST", PATH, body, System.currentTimeMillis()), body)
                .then().statusCode(400).body("type", equalTo("/problems/invalid-request"));
    }

    @Test
    void raftPortRefusesPlaintext() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", raftPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            // The first bytes of a Bolt request (protocol code 1 = RPC v1): a plaintext peer would start so.
            socket.getOutputStream().write(new byte[] {1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0});
            assertTrue(closedByServer(socket.getInputStream()), "a plaintext connection must be dropped");
        }
    }

    @Test
    void raftPortRefusesATlsClientWithAnotherKey() throws Exception {
        Path otherKey = TestKeystore.create("another-password-of-sufficient-length");
        try (SSLSocket socket = tlsSocket(otherKey, "another-password-of-sufficient-length")) {
            IOException refused = assertThrows(IOException.class, () -> {
                socket.startHandshake();
                // TLS 1.3: the server checks the client certificate after the client's side of the handshake.
                if (socket.getInputStream().read() == -1) {
                    throw new EOFException("closed by the server");
                }
            });
            assertFalse(refused instanceof SocketTimeoutException, "the connection stayed open: " + refused);
        }
    }

    /** The control: with the cluster's key the handshake succeeds and the server waits for a Bolt request. */
    @Test
    void raftPortAcceptsTheClusterKey() throws Exception {
        Path clusterKey = Path.of(ConfigProvider.getConfig().getValue("ledger.raft.tls-keystore", String.class));
        try (SSLSocket socket = tlsSocket(clusterKey, TestKeystore.CLUSTER_SECRET)) {
            socket.startHandshake();
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
        }
    }

    @Test
    void adminNeedsItsToken() {
        given().get("/admin").then().statusCode(200).body("faultInjection", equalTo(false));
        given().post("/admin/faults/kill-leader").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        given().header("Authorization", "Bearer wrong-token-0123456789").post("/admin/faults/pause-leader")
                .then().statusCode(401);
        // The right token, but the fault hooks are off unless enabled separately.
        given().header("Authorization", "Bearer " + RaftContractTest.ADMIN_TOKEN).post("/admin/faults/kill-leader")
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().get("/cluster").then().statusCode(200).body("role", equalTo("LEADER"));
    }

    private static byte[] command(String from, String to, String key) {
        return ("{\"id\":\"" + UUID.randomUUID() + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":10,\"idempotencyKey\":\"" + key + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Response forward(Map<String, String> headers, byte[] body) {
        return given().contentType("application/json").headers(headers).body(body).post(PATH);
    }

    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int raftPort() {
        String peers = ConfigProvider.getConfig().getValue("ledger.raft.peers", String.class);
        return RaftPeer.parseAll(peers).get(0).raftPort();
    }

    private static SSLSocket tlsSocket(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        // This client trusts any server: what is tested is whether the server trusts the client.
        context.init(keys.getKeyManagers(), new TrustManager[] {new TrustingAnyServer()}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", raftPort());
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
