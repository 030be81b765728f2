package dev.ledger.mode;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.createAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.contract.SameKeyRetry;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The contract every strategy must honour, run against each mode through the real HTTP stack and a real
 * PostgreSQL: many concurrent clients on a few hot accounts, then the audit, and every balance must equal its
 * opening balance plus exactly the transfers that were acknowledged — nothing lost, duplicated or invented.
 */
public abstract class TransferStrategyContract {

    private static final int CLIENT_THREADS = 16;
    private static final int TRANSFERS = 2_000;
    private static final int HOT_ACCOUNTS = 8;
    private static final long OPENING_BALANCE = 10_000;
    /** Above a typical balance, so that a good share of transfers is rejected for insufficient funds. */
    private static final long MAX_AMOUNT = 4_000;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final int ACCEPTED = 202;
    /** How long a transfer may stay pending (the workflow mode) before the contract counts it as undecided. */
    private static final Duration PENDING_MAX = Duration.ofSeconds(30);
    private static final Duration PENDING_POLL = Duration.ofMillis(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The mode the service under test runs. */
    protected abstract String mode();

    @Test
    void concurrentTransfersOnHotAccountsKeepTheLedgerExact() throws Exception {
        given().get("/cluster").then().body("mode", equalTo(mode()));
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < HOT_ACCOUNTS; i++) {
            accounts.add(createAccount("hot-" + mode(), OPENING_BALANCE));
        }
        String run = UUID.randomUUID().toString();
        Map<String, AtomicLong> acknowledgedDelta = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> acknowledgedEntries = new ConcurrentHashMap<>();
        accounts.forEach(id -> {
            acknowledgedDelta.put(id, new AtomicLong());
            acknowledgedEntries.put(id, new AtomicInteger());
        });
        Set<String> committedIds = ConcurrentHashMap.newKeySet();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger notApplied = new AtomicInteger();
        ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int n = 0; n < TRANSFERS; n++) {
            final int i = n;
            work.add(clients.submit(() -> {
                // SplittableRandom mixes its seed: java.util.Random's first values for seeds 0, 1, 2... nearly agree
                SplittableRandom random = new SplittableRandom(i);
                String from = accounts.get(random.nextInt(HOT_ACCOUNTS));
                int toIndex = (accounts.indexOf(from) + 1 + random.nextInt(HOT_ACCOUNTS - 1)) % HOT_ACCOUNTS;
                String to = accounts.get(toIndex);
                long amount = 1 + random.nextInt((int) MAX_AMOUNT);
                String key = run + "-" + i;
                Answer answer = sendResolvingRetries(from, to, amount, key);
                switch (answer.status()) {
                    case 201 -> {
                        if (!committedIds.add(answer.body().get("id").asText())) {
                            anomalies.add("transfer acknowledged twice: " + answer.body());
                        }
                        acknowledgedDelta.get(from).addAndGet(-amount);
                        acknowledgedDelta.get(to).addAndGet(amount);
                        acknowledgedEntries.get(from).incrementAndGet();
                        acknowledgedEntries.get(to).incrementAndGet();
                        if (i % 5 == 0) {
                            Answer replay = send(from, to, amount, key);
                            replays.incrementAndGet();
                            if (replay.status() != 201 || !replay.replayed()
                                    || !replay.body().get("id").equals(answer.body().get("id"))) {
                                anomalies.add("replay of " + key + " answered " + replay);
                            }
                        }
                    }
                    case 422 -> {
                        rejected.incrementAndGet();
                        if (!answer.body().get("type").asText().equals("/problems/insufficient-funds")) {
                            anomalies.add("unexpected 422: " + answer);
                        }
                    }
                    case 409, 503 -> notApplied.incrementAndGet();
                    default -> anomalies.add("unexpected answer: " + answer);
                }
                return null;
            }));
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "run did not finish");
        for (Future<?> done : work) {
            done.get();
        }

        assertEquals(List.of(), List.copyOf(anomalies));
        for (String account : accounts) {
            assertEquals(OPENING_BALANCE + acknowledgedDelta.get(account).get(), balance(account),
                    "balance of " + account + " == opening + acknowledged transfers");
            assertEquals(acknowledgedEntries.get(account).get(), entryCount(account),
                    "one entry per acknowledged transfer on " + account);
        }
        given().get("/ledger/audit").then().statusCode(200).body("ok", equalTo(true));
        assertTrue(committedIds.size() > TRANSFERS / 4, "most transfers commit: " + committedIds.size());
        assertTrue(rejected.get() > 0, "some transfers exceed the balance and are rejected");
        assertEquals(TRANSFERS, committedIds.size() + rejected.get() + notApplied.get());
    }

    /** In every mode an answer can leave the outcome open (503 outcome-unknown), so a key is required. */
    @Test
    void aTransferWithoutAKeyIsRefusedAndChangesNothing() throws Exception {
        String from = createAccount("nokey-from-" + mode(), 100);
        String to = createAccount("nokey-to-" + mode(), 0);
        Answer refused = send(from, to, 10, null);
        assertEquals(400, refused.status());
        assertEquals("/problems/idempotency-key-missing", refused.body().get("type").asText());
        assertEquals(100, balance(from));
        assertEquals(0, entryCount(to));
    }

    /** Every mode decides the same inputs alike, in one precedence ({@code TransferDecider}). */
    @Test
    void everyModeDecidesTheSameInputsAlike() throws Exception {
        String rich = createAccount("dec-rich-" + mode(), 100);
        String poor = createAccount("dec-poor-" + mode(), 0);
        String full = createAccount("dec-full-" + mode(), Long.MAX_VALUE - 5);
        // Unknown on both sides: the answer names from, even where to sorts first (and is locked first).
        String ghostFrom = "zz-ghost-" + UUID.randomUUID();
        String ghostTo = "aa-ghost-" + UUID.randomUUID();
        assertProblem(send(ghostFrom, ghostTo, 1, newKey()), 404, "account-not-found", ghostFrom);
        assertProblem(send(ghostFrom, rich, 1, newKey()), 404, "account-not-found", ghostFrom);
        assertProblem(send(rich, ghostTo, 1, newKey()), 404, "account-not-found", ghostTo);
        assertProblem(send(rich, rich, 1, newKey()), 400, "same-account", null);
        assertProblem(send(poor, rich, 1, newKey()), 422, "insufficient-funds", null);
        assertProblem(send(rich, full, 6, newKey()), 422, "balance-overflow", null);
        // insufficient funds takes precedence over overflow
        assertProblem(send(poor, full, 6, newKey()), 422, "insufficient-funds", null);
        String key = newKey();
        Answer first = send(rich, poor, 10, key);
        assertEquals(201, first.status());
        assertProblem(send(rich, poor, 11, key), 422, "idempotency-key-reused", null);
        Answer replay = send(rich, poor, 10, key);
        assertEquals(201, replay.status());
        assertTrue(replay.replayed());
        assertEquals(first.body().get("id"), replay.body().get("id"));
        assertEquals(90, balance(rich));
        assertEquals(10, balance(poor));
        assertEquals(Long.MAX_VALUE - 5, balance(full));
    }

    private static void assertProblem(Answer answer, int status, String type, String accountId) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("/problems/" + type, answer.body().get("type").asText(), answer.toString());
        if (accountId != null) {
            assertEquals(accountId, answer.body().get("accountId").asText(), answer.toString());
        }
    }

    private static String newKey() {
        return "decide-" + UUID.randomUUID();
    }

    @Test
    void concurrentDuplicatesOfOneKeyTakeEffectOnce() throws Exception {
        int rounds = 20;
        int duplicates = 8;
        long amount = 7;
        String from = createAccount("dup-from-" + mode(), 1_000);
        String to = createAccount("dup-to-" + mode(), 0);
        ExecutorService clients = Executors.newFixedThreadPool(duplicates);
        try {
            for (int round = 0; round < rounds; round++) {
                String key = "dup-" + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Answer>> answers = new ArrayList<>();
                for (int d = 0; d < duplicates; d++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return send(from, to, amount, key);
                    }));
                }
                start.countDown();
                Set<String> transferIds = new HashSet<>();
                for (Future<Answer> future : answers) {
                    Answer answer = future.get(30, TimeUnit.SECONDS);
                    if (answer.status() == 201) {
                        transferIds.add(answer.body().get("id").asText());
                    } else {
                        assertEquals(409, answer.status(), answer.toString());
                        assertEquals("/problems/idempotency-key-in-flight", answer.body().get("type").asText());
                    }
                }
                assertTrue(transferIds.size() <= 1, "one transfer per key: " + transferIds);
                Answer settled = send(from, to, amount, key);
                assertEquals(201, settled.status());
                assertTrue(transferIds.isEmpty() || transferIds.contains(settled.body().get("id").asText()));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1_000 - rounds * amount, balance(from));
        assertEquals(rounds * amount, balance(to));
        assertEquals(rounds, entryCount(to));
    }

    @Test
    void aKeyIsReplayedAndCannotBeReusedForAnotherTransfer() throws Exception {
        String from = createAccount("key-from-" + mode(), 100);
        String to = createAccount("key-to-" + mode(), 0);
        String key = "key-" + UUID.randomUUID();
        Answer first = send(from, to, 60, key);
        assertEquals(201, first.status());
        Answer replay = send(from, to, 60, key);
        assertEquals(201, replay.status());
        assertTrue(replay.replayed());
        assertEquals(first.body(), replay.body());
        assertEquals(422, send(from, to, 61, key).status());
        // 40 left: a new key for 60 is rejected and recorded, and its retry is that same rejection
        String rejectedKey = "key-" + UUID.randomUUID();
        Answer rejection = send(from, to, 60, rejectedKey);
        assertEquals(422, rejection.status());
        assertEquals(rejection.body(), send(from, to, 60, rejectedKey).body());
        assertEquals(40, balance(from));
        assertEquals(60, balance(to));
    }

    /** Sends one transfer, and again with the same key while the outcome is open, as a client does. */
    private Answer sendResolvingRetries(String from, String to, long amount, String key) throws Exception {
        Answer answer = null;
        for (SameKeyRetry retry = SameKeyRetry.begin(); retry.mayAttempt(); retry.pause()) {
            answer = send(from, to, amount, key);
            if (!SameKeyRetry.undecided(answer.status())) {
                break;
            }
        }
        return answer;
    }

    /**
     * The answer to a transfer. The workflow mode accepts one across its shards before its workflow decides it (202);
     * the contract is about the decision, so such a request is sent again with its key until it is decided, and the
     * answer then is the one every other mode gives at once.
     */
    private Answer send(String from, String to, long amount, String key) throws Exception {
        long deadline = System.nanoTime() + PENDING_MAX.toNanos();
        Answer answer = sendOnce(from, to, amount, key);
        while (answer.status() == ACCEPTED && key != null && System.nanoTime() < deadline) {
            Thread.sleep(PENDING_POLL.toMillis());
            answer = sendOnce(from, to, amount, key);
        }
        return answer;
    }

    private Answer sendOnce(String from, String to, long amount, String key) throws Exception {
        String body = JSON.writeValueAsString(Map.of("from", from, "to", to, "amount", amount));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/transfers"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Idempotent-Replayed").isPresent());
    }

    private static int entryCount(String account) {
        return given().queryParam("limit", 500).get("/accounts/{id}/entries", account)
                .then().statusCode(200).body("nextAfter", equalTo(null))
                .extract().jsonPath().getList("entries").size();
    }

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    record Answer(int status, JsonNode body, boolean replayed) {
    }
}
