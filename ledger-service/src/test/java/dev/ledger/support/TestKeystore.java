package dev.ledger.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A raft TLS keystore for tests, made by the JDK's keytool as an operator would (see k8s/README.md). */
public final class TestKeystore {

    /** A test-only cluster secret: long enough to be accepted, known to every test. */
    public static final String CLUSTER_SECRET = "test-cluster-secret-0123456789abcdef";

    private TestKeystore() {
    }

    /** A new PKCS12 keystore with one EC key pair, protected by {@code password}. */
    public static Path create(String password) {
        try {
            Path keystore = Files.createTempDirectory("ledger-raft-tls").resolve("raft.p12");
            String keytoolPath = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            ProcessBuilder keytool = new ProcessBuilder(keytoolPath,
                    "-genkeypair", "-alias", "raft", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=ledger-raft", "-validity", "30", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass:env", "LEDGER_KEYSTORE_PASSWORD")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            keytool.environment().put("LEDGER_KEYSTORE_PASSWORD", password);
            Process process = keytool.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to create " + keystore);
            }
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException("keytool did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a keystore", e);
        }
    }
}
