package dev.ledger.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the nodes of one cluster share. Node-to-node HTTP calls carry an HMAC-SHA256 of their body under it,
 * so that only a holder of the secret can forward a transfer to the leader, and the secret itself never crosses the
 * network. {@link #toString()} does not reveal it.
 */
public final class ClusterSecret {

    public static final int MIN_LENGTH = 32;
    /** The header that carries the signature of a node-to-node request. */
    public static final String SIGNATURE_HEADER = "Ledger-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final String value;
    private final SecretKeySpec key;

    private ClusterSecret(String value) {
        this.value = value;
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Refuses a missing or short secret with a message that says where it comes from (and not what it is). */
    public static ClusterSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("raft mode needs ledger.cluster-secret (env LEDGER_CLUSTER_SECRET), shared"
                    + " by all nodes: ./ledger up generates one; on Kubernetes it comes from the Secret ledger-cluster");
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("ledger.cluster-secret is too short: at least " + MIN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        return new ClusterSecret(value);
    }

    /** The keystore password of the raft TLS key. */
    public char[] keystorePassword() {
        return value.toCharArray();
    }

    public String sign(byte[] body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    /** Constant-time, so that the time to refuse tells nothing about how much of a signature was right. */
    public boolean verify(byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), presented);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
