package dev.ledger.mode.raft;

import com.alipay.remoting.config.BoltServerOption;
import com.alipay.remoting.rpc.RpcServer;
import dev.ledger.mode.leader.ClusterSecret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Mutual TLS on the raft port, with one key and certificate that every peer holds (a PKCS12 keystore whose
 * password is the cluster secret). The keystore is both the key and the only trusted certificate, so a process
 * without it can neither connect to a node nor be connected to: raft messages (votes, log entries) come only from
 * members of the group.
 *
 * <p>Bolt does the TLS. Its server takes options per instance; JRaft builds its Bolt clients itself, so they are
 * reached only through Bolt's system properties, which makes client TLS JVM-wide (one raft node per JVM here).
 */
final class RaftTransportSecurity {

    private static final String KEYSTORE_TYPE = "PKCS12";

    private RaftTransportSecurity() {
    }

    static void requireMutualTls(RpcServer server, String keystore, ClusterSecret secret) {
        if (keystore == null || keystore.isBlank()) {
            throw new IllegalStateException("raft mode needs ledger.raft.tls-keystore (env LEDGER_RAFT_TLS_KEYSTORE):"
                    + " a PKCS12 keystore shared by all nodes, with the cluster secret as its password;"
                    + " ./ledger up makes one, k8s/README.md shows how to make one for Kubernetes");
        }
        String path = Path.of(keystore).toAbsolutePath().toString();
        String password = new String(secret.keystorePassword());
        // Bolt reads the keystore only when a connection opens and then fails quietly (a closed connection looks
        // like a lost peer); a wrong path or password must stop start-up instead.
        checkReadable(path, secret);
        server.option(BoltServerOption.SRV_SSL_ENABLE, true);
        server.option(BoltServerOption.SRV_SSL_NEED_CLIENT_AUTH, true);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE_TYPE, KEYSTORE_TYPE);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE, path);
        server.option(BoltServerOption.SRV_SSL_KEYSTORE_PASS, password);
        System.setProperty("bolt.client.ssl.enable", "true");
        System.setProperty("bolt.client.ssl.keystore.type", KEYSTORE_TYPE);
        System.setProperty("bolt.client.ssl.keystore", path);
        System.setProperty("bolt.client.ssl.keystore.password", password);
    }

    private static void checkReadable(String path, ClusterSecret secret) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(in, secret.keystorePassword());
            if (store.size() == 0) {
                throw new IllegalStateException("the raft TLS keystore " + path + " holds no key");
            }
        } catch (IOException | GeneralSecurityException e) {
            // The message of a wrong password names no secret; the cause is kept for the path and the reason.
            throw new IllegalStateException("cannot read the raft TLS keystore " + path
                    + " with the cluster secret as its password: " + e.getMessage(), e);
        }
    }
}
