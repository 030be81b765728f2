package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Partition;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a zookeeper cluster in a real browser (headless Chromium; {@link DashboardIT} is raft's): as a user
 * opens it after {@code ./ledger up --mode zookeeper}, every node's role, the token the leader writes under and each
 * node's ZooKeeper session, in one view; and, the leader cut from ZooKeeper, each side's view. Each node and member
 * runs in a network namespace of its own (root, ip and nft: CI has them). Leaves a screenshot in
 * target/dashboard-zookeeper-partition.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperDashboardIT {

    /** Nodes on 21381-83, members on 21582-84, 21682-84 and 21782-84: apart from every other IT's ports. */
    private static final int BASE_PORT = 21381;
    /** The first election after the start, or the next after the cut. */
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    /** The page polls every 1-2 s; a slow two-core machine running three JVMs needs a margin. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.isolated(ZooKeeperDashboardIT.class, Mode.ZOOKEEPER, BASE_PORT);

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.requireInstalled(ZooKeeperDashboardIT.class.getSimpleName());
    }

    /** Every node's role, the leader's token and each node's session; one view of who leads. */
    @Test
    @Order(1)
    void showsRolesTheTokenAndEachZooKeeperSession() throws Exception {
        Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
        String token = String.valueOf(leader.info().term());
        Map<String, List<String>> expected = new TreeMap<>();
        for (NodeSpec node : cluster().nodes().nodeSpecs()) {
            String role = node.equals(leader.node()) ? ClusterInfo.LEADER : ClusterInfo.FOLLOWER;
            expected.put(node.id(), List.of(role, token, " \u00b7 ZooKeeper CONNECTED"));
        }
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(cluster().urls().get(0) + "/");
            WebDriverWait wait = pageWait(browser);
            wait.withMessage(() -> "the page shows " + nodesShown(browser) + ", not " + expected);
            wait.until(page -> expected.equals(nodesShown(browser)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("views"),
                    "One view: n1, n2, n3 see " + leader.node().id() + " leading with token " + token));
            assertEquals("mode zookeeper", browser.findElement(By.id("mode")).getText());
        } finally {
            browser.quit();
        }
    }

    /**
     * Served by a follower while the leader is cut from ZooKeeper: each side's view of leader, token and session, the
     * cut-off node's marked with its session's trouble; healed, one view again.
     */
    @Test
    @Order(2)
    void showsEachSidesLeaderTokenAndSessionDuringACut() throws Exception {
        Leader old = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
        NodeSpec pageNode = cluster().nodes().nodeSpecs().stream().filter(node -> !node.equals(old.node()))
                .findFirst().orElseThrow();
        List<String> memberIds = cluster().nodes().zooKeeper().orElseThrow().members().stream()
                .map(ZooKeeperMember::id).toList();
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(pageNode.httpUrl() + "/");
            WebDriverWait wait = pageWait(browser);
            wait.withMessage(() -> "the page's views: " + views(browser));
            wait.until(page -> views(browser).startsWith("One view"));
            cluster().nodes().partition(Partition.fromEnsemble(old.node().id(), memberIds));
            try {
                Leader successor = cluster().awaitLeader("a new leader with a higher token", LEADER_TIMEOUT,
                        leader -> leader.info().term() > old.info().term());
                String othersView = "see " + successor.node().id() + " leading with token " + successor.info().term();
                wait.until(page -> views(browser).startsWith("Views differ") && views(browser).contains(othersView)
                        && views(browser).matches(".*" + old.node().id() + " sees [^\u00b7]*\\(ZooKeeper [A-Z]+\\).*"));
                System.out.println("the dashboard during the cut: " + views(browser));
                Path screenshot = HeadlessChromium.targetDir().resolve("dashboard-zookeeper-partition.png");
                Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                cluster().nodes().heal();
            }
            wait.until(page -> views(browser).startsWith("One view"));
            System.out.println("the dashboard healed: " + views(browser));
        } finally {
            browser.quit();
        }
    }

    private static TestCluster cluster() {
        return suite.cluster();
    }

    private static WebDriverWait pageWait(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String views(WebDriver browser) {
        return browser.findElement(By.id("views")).getText();
    }

    /**
     * Node id to the role, token and session the page shows, read in one script: the page redraws the table every
     * second, so elements found one by one may be gone by the time they are read.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> nodesShown(WebDriver browser) {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#nodes tbody tr[data-node]')].map(row =>"
                        + " [row.dataset.node, row.querySelector('.role').textContent,"
                        + " row.querySelector('.term').textContent,"
                        + " (row.querySelector('.session') || {}).textContent || ''])");
        return rows.stream().collect(Collectors.toMap(row -> row.get(0), row -> row.subList(1, 4), (a, b) -> a,
                TreeMap::new));
    }
}
