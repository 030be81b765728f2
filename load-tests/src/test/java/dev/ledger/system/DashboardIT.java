package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Partition;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium) against a real 3-node raft cluster: the page served by one
 * node shows all three with exactly one leader, a transfer made through its form changes the balances it shows, and
 * it draws the comparison report; then its fault button (the cluster runs with faults enabled, as
 * {@code ./ledger up --faults}) kills the leader, and the page shows it gone and another elected. Where the network
 * can be cut (see {@link TestCluster#canIsolate()}) the nodes run in network namespaces and the page also shows
 * both sides of a partition. Leaves screenshots in target/dashboard.png, dashboard-partition.png and
 * dashboard-failover.png.
 *
 * <p>Uses the system's Chromium ({@link HeadlessChromium}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final int BASE_PORT = 18111;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    /** From the kill to the page showing a new leader: an election takes 1-4 s, the page polls every second. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(30);
    /** The page polls every 1-2 s; a slow two-core machine running three JVMs needs a margin. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** Transfers in the background while the screenshot is taken, so that the rates and the chart show movement. */
    private static final Duration BACKGROUND_LOAD = Duration.ofSeconds(15);
    /** A few more polls once every node moves, so that the screenshot's chart has a line. */
    private static final Duration SCREENSHOT_DELAY = Duration.ofSeconds(4);
    private static final long OPENING_BALANCE = 10_000;
    private static final long AMOUNT = 2_500;

    private static TestCluster cluster;
    private static boolean isolated;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled(DashboardIT.class.getSimpleName());
        // Isolated where the network can be cut, so that the page can show a partition too.
        isolated = TestCluster.canIsolate();
        String name = DashboardIT.class.getSimpleName();
        cluster = isolated ? TestCluster.isolated(name, Mode.RAFT, BASE_PORT, true)
                : new TestCluster(name, Mode.RAFT, BASE_PORT, true);
        cluster.start();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void showsTheClusterAndMakesATransferThroughTheForm() throws Exception {
        Leader leader = cluster.awaitLeader("a leader", LEADER_TIMEOUT, any -> true);
        // From a follower: the page shows the other nodes as that node sees them
        browser.get(followerOf(leader).httpUrl() + "/");
        WebDriverWait wait = pageWait();

        // The cluster: three nodes, exactly one of them LEADER, the same one the nodes report.
        wait.until(page -> {
            Map<String, String> shown = roles();
            return shown.size() == 3 && Collections.frequency(shown.values(), ClusterInfo.LEADER) == 1
                    && Collections.frequency(shown.values(), ClusterInfo.FOLLOWER) == 2;
        });
        Map<String, String> roles = roles();
        assertEquals(ClusterInfo.LEADER, roles.get(leader.node().id()), "the page's roles: " + roles);
        assertEquals("mode raft", browser.findElement(By.id("mode")).getText());
        wait.until(page -> nodesShown().values().stream().allMatch(shown -> "ready".equals(shown.get(1))));

        // Two accounts opened and one transfer made through the page's forms; its balances follow.
        String alice = "alice-" + shortId();
        String bob = "bob-" + shortId();
        openAccount(alice, OPENING_BALANCE);
        openAccount(bob, 0);
        wait.until(page -> OPENING_BALANCE == balanceShown(alice) && balanceShown(bob) == 0);
        fill("transfer-from", alice);
        fill("transfer-to", bob);
        fill("transfer-amount", String.valueOf(AMOUNT));
        browser.findElement(By.id("transfer-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-result"), "COMMITTED"));
        wait.until(page -> balanceShown(alice) == OPENING_BALANCE - AMOUNT && balanceShown(bob) == AMOUNT);
        LedgerClient api = new LedgerClient();
        assertEquals(OPENING_BALANCE - AMOUNT, api.balance(cluster.urls().get(2), alice), "as another node sees it");

        // The transfer is listed with the recent ones, newest first.
        wait.until(page -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#transfers tbody tr"));
            return !rows.isEmpty() && rows.get(0).getText().contains(alice) && rows.get(0).getText().contains(bob)
                    && rows.get(0).getText().contains("COMMITTED");
        });

        // The comparison report (the bundled one: this cluster has no reports) is drawn, with its audit.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-audit"), "passed"));
        assertTrue(browser.findElements(By.cssSelector("#report-throughput rect[data-mode]")).size() >= 4,
                "bars for every mode and scenario");
        assertTrue(browser.findElements(By.cssSelector("#report-runs tbody tr")).size() >= 4);

        // This cluster was started with faults enabled: the buttons are offered, the how-to is not.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-leader")));
        assertFalse(browser.findElement(By.id("faults-off")).isDisplayed());

        // Traffic through every node: each row shows its own rate, computed by the page from /dashboard/stats.
        loadInBackground(api, cluster.urls(), alice, bob);
        Set<String> seenMoving = new HashSet<>();
        wait.until(page -> {
            seenMoving.addAll(nodesWithCommittedRate());
            return seenMoving.size() == 3;
        });
        Thread.sleep(SCREENSHOT_DELAY.toMillis());
        saveScreenshot("dashboard.png");
    }

    /** The nodes whose committed/s the page shows above zero now. */
    @SuppressWarnings("unchecked")
    private static List<String> nodesWithCommittedRate() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#nodes tbody tr[data-node]')]"
                        + ".filter(row => parseFloat(row.querySelector('.committed-rate').textContent) > 0)"
                        + ".map(row => row.dataset.node)");
    }

    /**
     * A follower cut off from the other nodes: the page, served by the leader, cannot reach it, asks it from the
     * browser instead and shows both sides' views of leader and term; healed, one view again.
     */
    @Test
    @Order(2)
    void showsEachSideOfAPartition() throws Exception {
        Assumptions.assumeTrue(isolated, "needs a cluster in network namespaces (root, ip and nft)");
        Leader leader = cluster.awaitLeader("a leader", LEADER_TIMEOUT, any -> true);
        String cutOff = followerOf(leader).id();
        browser.get(leader.node().httpUrl() + "/");
        WebDriverWait wait = pageWait();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("views"), "One view"));
        List<String> ids = cluster.nodes().nodeSpecs().stream().map(NodeSpec::id).toList();
        cluster.nodes().partition(Partition.split(List.of(cutOff), ids));
        try {
            // JRaft forgets a leader it has not heard from for an election timeout (1-2 s).
            wait.until(page -> text("#views").contains(cutOff + " sees no leader")
                    && nodesShown().get(cutOff).get(1).startsWith("cut off from this page's node"));
            String views = text("#views");
            assertTrue(views.startsWith("Views differ"), views);
            assertTrue(views.contains("see " + leader.node().id() + " leading in term " + leader.info().term()),
                    views);
            assertEquals(leader.node().id(), nodesShown().get(leader.node().id()).get(3), "the leader's own view");
            assertTrue(text("#events").contains(", cut off from this page's node"), text("#events"));
            saveScreenshot("dashboard-partition.png");
        } finally {
            cluster.nodes().heal();
        }
        wait.until(page -> text("#views").startsWith("One view")
                && !nodesShown().get(cutOff).get(1).contains("cut off"));
    }

    @Test
    @Order(3)
    void killsTheLeaderFromThePageAndShowsAnotherElected() throws Exception {
        Leader killed = cluster.awaitLeader("a leader", LEADER_TIMEOUT, any -> true);
        String victim = killed.node().id();
        browser.get(followerOf(killed).httpUrl() + "/");
        WebDriverWait wait = pageWait();
        wait.until(page -> ClusterInfo.LEADER.equals(roles().get(victim)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-leader")));

        fill("admin-token", "not-the-token");
        browser.findElement(By.id("kill-leader")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-result"), "401"));
        assertTrue(cluster.nodes().isAlive(killed.node()), "a wrong token kills nothing");

        fill("admin-token", cluster.adminToken());
        browser.findElement(By.id("kill-leader")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-result"), "kill sent to " + victim));
        // The killed leader shows no answer; another node leads in a later term.
        new WebDriverWait(browser, ELECTION_TIMEOUT).ignoring(StaleElementReferenceException.class).until(page -> {
            Map<String, List<String>> shown = nodesShown();
            List<String> leaders = shown.entrySet().stream()
                    .filter(node -> ClusterInfo.LEADER.equals(node.getValue().get(0)))
                    .map(Map.Entry::getKey).toList();
            return "UNREACHABLE".equals(shown.get(victim).get(0)) && leaders.size() == 1
                    && Long.parseLong(shown.get(leaders.get(0)).get(2)) > killed.info().term();
        });
        assertTrue(text("#events").contains(victim + ": LEADER (term " + killed.info().term() + ") \u2192 UNREACHABLE"),
                text("#events"));
        assertFalse(cluster.nodes().isAlive(killed.node()), victim + " was halted");
        saveScreenshot("dashboard-failover.png");

        // A page opened after the failover still tells it, from the role changes the nodes keep.
        Leader successor = cluster.awaitLeader("the successor", LEADER_TIMEOUT,
                leader -> leader.info().term() > killed.info().term());
        browser.get(followerOf(killed).httpUrl() + "/");
        Pattern elected = Pattern.compile(Pattern.quote(successor.node().id()) + ": [^\\n]*\u2192 LEADER \\(term "
                + successor.info().term() + "\\)");
        Pattern followed = Pattern.compile("FOLLOWER of " + Pattern.quote(victim) + " \u2192 ");
        pageWait().until(page -> elected.matcher(text("#events")).find() && followed.matcher(text("#events")).find());
    }

    private static NodeSpec followerOf(Leader leader) {
        return cluster.nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node())).findFirst()
                .orElseThrow();
    }

    private static String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    /**
     * Node id to the role, health, term and leader the page shows, read in one script: the page redraws the table
     * every second, so elements found one by one may be gone by the time they are read.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> nodesShown() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#nodes tbody tr[data-node]')].map(row =>"
                        + " [row.dataset.node, row.querySelector('.role').textContent,"
                        + " row.querySelector('.health').textContent, row.querySelector('.term').textContent,"
                        + " row.querySelector('.leader').textContent])");
        return rows.stream().collect(Collectors.toMap(row -> row.get(0), row -> row.subList(1, 5)));
    }

    private static Map<String, String> roles() {
        return nodesShown().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, shown -> shown.getValue().get(0)));
    }

    private static void openAccount(String id, long balance) {
        fill("account-id", id);
        fill("account-balance", String.valueOf(balance));
        browser.findElement(By.id("account-submit")).click();
        pageWait().until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("form-result"), "opened " + id));
    }

    /** The page redraws its tables as it polls: an element found a moment ago may be replaced; look again. */
    private static WebDriverWait pageWait() {
        WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void fill(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** The balance the page shows for an account, or -1 while it shows none. */
    private static long balanceShown(String account) {
        List<WebElement> cells = browser.findElements(
                By.cssSelector("#balances tr[data-account='" + account + "'] .balance"));
        if (cells.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(cells.get(0).getText());
        } catch (NumberFormatException notYet) {
            return -1;
        }
    }

    /** Small transfers back and forth between the two accounts, one daemon thread per node, for a few seconds. */
    private static void loadInBackground(LedgerClient api, List<String> nodes, String a, String b) {
        long end = System.nanoTime() + BACKGROUND_LOAD.toNanos();
        for (String node : nodes) {
            Thread load = new Thread(() -> {
                boolean forward = true;
                while (System.nanoTime() < end) {
                    try {
                        api.transfer(node, new LedgerClient.TransferRequest("dashboard-it-" + UUID.randomUUID(),
                                forward ? a : b, forward ? b : a, 1));
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    forward = !forward;
                }
            }, "dashboard-it-load-" + node);
            load.setDaemon(true);
            load.start();
        }
    }

    private static void saveScreenshot(String name) throws IOException {
        Path file = HeadlessChromium.targetDir().resolve(name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("dashboard screenshot: " + file);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
