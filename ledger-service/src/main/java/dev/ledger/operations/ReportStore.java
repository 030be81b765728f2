package dev.ledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.config.LedgerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The latest comparison report: the newest {@code <stamp>/summary.json} under {@code ledger.dashboard.reports-dir}
 * (where {@code ./ledger compare} writes) with the {@code report.html} beside it, else the copy of
 * {@code src/docs/benchmarks/summary.json} bundled at build. Read on each request: reports are rare and small, and a
 * new one shows without a restart.
 */
@ApplicationScoped
public class ReportStore {

    /** Where the build puts the bundled copy (see the maven-resources-plugin execution in the pom). */
    static final String BUNDLED = "dashboard/summary.json";
    static final String SUMMARY_FILE = "summary.json";
    static final String HTML_FILE = "report.html";
    /** A summary of every mode and scenario is a few KiB; a bigger file is not one, and is not read into memory. */
    private static final long SUMMARY_MAX_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(ReportStore.class);

    @Inject
    LedgerConfig config;
    @Inject
    ObjectMapper json;

    /** A report, where it came from (the stamp directory's name, or "bundled"), and its page if it has one. */
    public record Report(String source, JsonNode summary, Optional<Path> html) {
    }

    public Optional<Report> latest() {
        return config.dashboard().reportsDir().map(Path::of).flatMap(this::newestIn).or(this::bundled);
    }

    /**
     * Stamps are {@code yyyyMMdd-HHmmss}, so the greatest name is the newest. A comparison still running has its
     * directory but no summary yet: skipped. So is an unreadable summary (logged), rather than hiding older ones.
     */
    private Optional<Report> newestIn(Path reports) {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> stamps = Files.list(reports)) {
            candidates = stamps.map(stamp -> stamp.resolve(SUMMARY_FILE))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path summary) -> summary.getParent().getFileName()).reversed())
                    .toList();
        } catch (IOException e) {
            LOG.warnf("cannot list the reports in %s: %s", reports, e.getMessage());
            return Optional.empty();
        }
        for (Path summary : candidates) {
            try {
                if (Files.size(summary) <= SUMMARY_MAX_BYTES) {
                    Path html = summary.resolveSibling(HTML_FILE);
                    return Optional.of(new Report(summary.getParent().getFileName().toString(),
                            json.readTree(summary.toFile()), Optional.of(html).filter(Files::isRegularFile)));
                }
            } catch (IOException e) {
                LOG.warnf("skipping the unreadable report %s: %s", summary, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Optional<Report> bundled() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED)) {
            return in == null ? Optional.empty()
                    : Optional.of(new Report("bundled", json.readTree(in), Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + BUNDLED + " is unreadable", e);
        }
    }
}
