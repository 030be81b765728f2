package dev.ledger.operations;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET /dashboard/stats} tells about this node; the page turns the counts into rates by comparing two polls.
 *
 * @param committed transfers this node answered COMMITTED since it started (replays not included)
 * @param rejected transfers this node answered REJECTED since it started (replays not included)
 * @param p99Ms the 99th percentile of the transfer latency over the last ~30 s; absent when there were none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStats(long committed, long rejected, Double p99Ms) {
}
