package dev.ledger.cluster;

import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The secrets of a local cluster, new at every start: the cluster secret that the nodes of a mode with a leader share
 * (it signs the transfers they forward to the leader, and protects the raft TLS key), the raft TLS keystore made with
 * the JDK's keytool, and, only with {@code --faults}, the admin token. They reach the nodes through their
 * environment, never their command line or logs; the files are readable by their owner only.
 */
public final class ClusterCredentials {

    private static final int SECRET_BYTES = 32;
    private static final int KEYTOOL_TIMEOUT_SECONDS = 60;
    private static final String OWNER_ONLY = "rw-------";

    private final String clusterSecret;
    private final Path raftKeystore;
    private final Optional<String> adminToken;

    private ClusterCredentials(String clusterSecret, Path raftKeystore, Optional<String> adminToken) {
        this.clusterSecret = clusterSecret;
        this.raftKeystore = raftKeystore;
        this.adminToken = adminToken;
    }

    static ClusterCredentials create(LedgerHome home, boolean faults) throws IOException {
        Path dir = Files.createDirectories(home.clusterDir().resolve("secrets"));
        String secret = randomHex();
        Path keystore = dir.resolve("raft.p12");
        Files.deleteIfExists(keystore);
        runKeytool(keystore, secret);
        Optional<String> token = faults ? Optional.of(randomHex()) : Optional.empty();
        Files.deleteIfExists(adminTokenFile(home));
        if (token.isPresent()) {
            Files.writeString(adminTokenFile(home), token.get() + System.lineSeparator());
            ownerOnly(adminTokenFile(home));
        }
        return new ClusterCredentials(secret, keystore, token);
    }

    /** Where {@code --faults} leaves the admin token for the operator (the dashboard asks for it). */
    public static Path adminTokenFile(LedgerHome home) {
        return home.clusterDir().resolve("secrets").resolve("admin-token");
    }

    Map<String, String> environment(Mode mode) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (mode.hasLeader()) {
            environment.put(NodeEnvironment.CLUSTER_SECRET, clusterSecret);
        }
        if (mode == Mode.RAFT) {
            environment.put(NodeEnvironment.RAFT_TLS_KEYSTORE, raftKeystore.toString());
        }
        adminToken.ifPresent(token -> {
            environment.put(NodeEnvironment.ADMIN_TOKEN, token);
            environment.put(NodeEnvironment.ADMIN_FAULTS_ENABLED, "true");
        });
        return environment;
    }

    public String clusterSecret() {
        return clusterSecret;
    }

    Optional<String> adminToken() {
        return adminToken;
    }

    private static void runKeytool(Path keystore, String password) throws IOException {
        String keytoolPath = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ProcessBuilder keytool = new ProcessBuilder(keytoolPath,
                "-genkeypair", "-alias", "raft", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ledger-raft", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "LEDGER_KEYSTORE_PASSWORD")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        keytool.environment().put("LEDGER_KEYSTORE_PASSWORD", password);
        try {
            Process process = keytool.start();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new CommandFailedException("keytool could not make the raft TLS keystore " + keystore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while making the raft TLS keystore");
        }
        ownerOnly(keystore);
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OWNER_ONLY));
    }

    private static String randomHex() {
        byte[] bytes = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
