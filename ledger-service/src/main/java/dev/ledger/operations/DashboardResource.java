package dev.ledger.operations;

import dev.ledger.api.ProblemException;
import dev.ledger.contract.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the page at {@code /} (META-INF/resources/index.html) shows: the nodes, their transfer figures and the latest
 * comparison report. Read-only; transfers from the page go through {@code POST /transfers} like any other.
 */
@Path("/dashboard")
@Tag(name = "Dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /** Says which report {@code GET /dashboard/report} answered: a stamp directory's name, or "bundled". */
    static final String REPORT_SOURCE = "Ledger-Report-Source";
    /** Where the latest report's page is, if it has one. */
    static final String REPORT_HTML = "Ledger-Report-Html";
    private static final String HTML_PATH = "/dashboard/report.html";

    @Inject
    TransferStats stats;
    @Inject
    ClusterNodes nodes;
    @Inject
    ReportStore reports;

    public record Nodes(List<NodeView> nodes) {
    }

    /** This node's cumulative committed and rejected counts and recent p99 (see {@link TransferStats}). */
    @GET
    @Path("/stats")
    public NodeStats stats() {
        return stats.now();
    }

    /**
     * This node: readiness, {@code GET /cluster} and stats in one answer. Other nodes' dashboards ask it; so does a
     * page whose own node cannot reach this one (a partition), from the browser: any origin may read it, since it
     * tells nothing that {@code GET /cluster} and {@code GET /dashboard/stats} do not.
     */
    @GET
    @Path("/node")
    public Response node() {
        return Response.ok(nodes.self()).header("Access-Control-Allow-Origin", "*").build();
    }

    @GET
    @Path("/nodes")
    public Nodes nodes(@Context UriInfo uri) {
        URI base = uri.getBaseUri();
        String self = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return new Nodes(nodes.all(URI.create(self)));
    }

    /** The latest report's summary; {@link #REPORT_HTML} names its page when it has one. */
    @GET
    @Path("/report")
    public Response report() {
        ReportStore.Report report = latestReport();
        Response.ResponseBuilder answer = Response.ok(report.summary()).header(REPORT_SOURCE, report.source());
        report.html().ifPresent(page -> answer.header(REPORT_HTML, HTML_PATH));
        return answer.build();
    }

    /** The latest report's page (report.html: self-contained, no script), as {@code ./ledger compare} wrote it. */
    @GET
    @Path("/report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response reportHtml() {
        var page = latestReport().html().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "the latest report has no report.html (the bundled benchmark has none; ./ledger compare writes one)"));
        return Response.ok(page.toFile(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    private ReportStore.Report latestReport() {
        return reports.latest().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no comparison report: run ./ledger compare (and set ledger.dashboard.reports-dir to its reports/)"));
    }
}
