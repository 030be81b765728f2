package dev.ledger.mode.leader;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the nodes of one cluster share. Node-to-node HTTP calls carry an HMAC-SHA256 under it of their method,
 * path, a timestamp and the SHA-256 of their body, so that only a holder of the secret can forward a transfer to the
 * leader, a captured request cannot be sent to another endpoint or replayed once it is {@link #MAX_AGE_MS} old,
 * and the secret itself never crosses the network. Within that age a replay proposes the same command (same id)
 * again, and the leader's apply answers it with the outcome the command already had (it deduplicates by transfer
 * id, refusals included). The signature can be checked from the headers alone (the rate limit does so before the
 * body is read); the body must then match its digest.
 * {@link #toString()} does not reveal it.
 */
public final class ClusterSecret {

    public static final int MIN_LENGTH = 32;
    /** Where node-to-node endpoints are: a request there with a valid signature is one member calling another. */
    public static final String NODE_TO_NODE_PATHS = "/internal/";
    /** The headers of a node-to-node request: its signature, when it was signed, and the digest of its body. */
    public static final String SIGNATURE_HEADER = "Ledger-Signature";
    public static final String TIMESTAMP_HEADER = "Ledger-Timestamp";
    public static final String DIGEST_HEADER = "Ledger-Body-SHA256";
    /**
     * How far a signed request's timestamp may be from the receiver's clock: a forward is sent at once and answered
     * within the commit timeout, so this bounds a replay, and still allows the clock skew of NTP-synced hosts.
     */
    public static final long MAX_AGE_MS = 30_000;
    private static final String ALGORITHM = "HmacSHA256";

    /** A digest per thread: looking one up in the JDK's providers costs more than the digest of a forward. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private final String value;
    private final SecretKeySpec key;
    /** An initialised HMAC per thread, for the same reason as {@link #SHA_256}. */
    private final ThreadLocal<Mac> macs;

    private ClusterSecret(String value) {
        this.value = value;
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Refuses a short secret with a message that says how to make one (and not what it is). */
    public static ClusterSecret of(String value) {
        if (value.isBlank()) {
            throw missing();
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("ledger.cluster-secret is too short: at least " + MIN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        return new ClusterSecret(value);
    }

    /** Why a mode with a leader cannot start without a secret, and where it comes from. */
    static IllegalStateException missing() {
        return new IllegalStateException("a mode with a leader needs ledger.cluster-secret (env"
                + " LEDGER_CLUSTER_SECRET), shared by all nodes, to sign the transfers followers forward:"
                + " ./ledger up generates one; on Kubernetes it comes from the Secret ledger-cluster");
    }

    /** The keystore password of raft mode's TLS key. */
    public char[] keystorePassword() {
        return value.toCharArray();
    }

    /** The headers that sign a request (signature, timestamp and body digest), signed at {@code nowMillis}. */
    public Map<String, String> signatureHeaders(String method, String path, byte[] body, long nowMillis) {
        String timestamp = Long.toString(nowMillis);
        String digest = digest(body);
        return Map.of(SIGNATURE_HEADER, encode(mac(canonical(method, path, timestamp, digest))),
                TIMESTAMP_HEADER, timestamp, DIGEST_HEADER, digest);
    }

    /**
     * Whether the headers were signed with this secret for this method and path, less than {@link #MAX_AGE_MS} from
     * {@code nowMillis}. The body is not looked at: see {@link #bodyMatches}.
     */
    public boolean verifyHeaders(String method, String path, String timestamp, String digest, String signature,
            long nowMillis) {
        if (signature == null || timestamp == null || digest == null) {
            return false;
        }
        long signedAt;
        byte[] presented;
        try {
            signedAt = Long.parseLong(timestamp);
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        // Constant-time, so that the time to refuse tells nothing about how much of a signature was right.
        return Math.abs(nowMillis - signedAt) <= MAX_AGE_MS
                && MessageDigest.isEqual(mac(canonical(method, path, timestamp, digest)), presented);
    }

    /** Whether the body is the one whose digest a request's (verified) headers carry. */
    public static boolean bodyMatches(byte[] body, String digest) {
        return digest(body).equals(digest);
    }

    private static byte[] canonical(String method, String path, String timestamp, String digest) {
        return String.join("\n", method, path, timestamp, digest).getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(byte[] body) {
        return encode(SHA_256.get().digest(body));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private byte[] mac(byte[] body) {
        return macs.get().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
