// k6 load test of the ledger (the workload of ./ledger compare): one script, six scenarios
// (SCENARIO=uniform|hot|zipf-1|zipf-2|retry|failover),
// open or closed model (MODEL=open|closed). How to run it: README.md beside it. The pure parts are in lib.js.
// An independent client on purpose: it shares no code with the Java driver, so a bug in one is not in both.
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import {
  AUDIT_FIELDS, ERROR_STATUSES, METRIC, accountId, auditMetric, auditResult, backoffMs, buildSummary, config,
  errorMetric, errorStatusKey, k6Options, nodeFor, pickAmount, pickPair, pickZipfPair, readAnswer, replayMatches,
  textSummary, transferRandom, transferUrl, zipfCumulative,
} from './lib.js';

const cfg = config(__ENV);
/** In zipf-1 and zipf-2, how popular each account is; null in the other scenarios. */
const zipf = zipfCumulative(cfg.scenario, cfg.accounts);
export const options = k6Options(cfg);

const committed = new Counter(METRIC.committed);
const rejected = new Counter(METRIC.rejected);
const conflicts = new Counter(METRIC.conflicts);
const retries = new Counter(METRIC.retries);
const replays = new Counter(METRIC.replays);
const replayMismatches = new Counter(METRIC.replayMismatches);
/** From the start of a transfer to its final answer, retries included: the latency a client lives with. */
const transferDuration = new Trend(METRIC.duration, true);
/**
 * The same, only for transfers that needed a retry and then got through. VUs share no state, so the longest gap
 * between any two commits cannot be tracked; the longest wait of one client whose write was blocked is its
 * stand-in: the transfer that began as the leader died waited for the whole election.
 */
const unavailable = new Trend(METRIC.unavailable, true);
const errors = {};
for (const key of ERROR_STATUSES.map(String).concat('other')) errors[key] = new Counter(errorMetric(key));
// teardown() cannot hand its result to handleSummary(), but the metrics it records reach the summary.
const audits = {};
for (const field of ['ok'].concat(AUDIT_FIELDS)) audits[field] = new Rate(auditMetric(field));

// A 422 rejection is a correct answer, not a failed request; setup and teardown name their own expectations.
http.setResponseCallback(http.expectedStatuses(201, 422));

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const ACCOUNT_CHUNK = 500;
const SETUP_ROUNDS = 5;

export function setup() {
  const cluster = http.get(`${cfg.baseUrls[0]}/cluster`,
    { tags: { name: 'GET /cluster' }, responseCallback: http.expectedStatuses(200) });
  if (cluster.status !== 200) {
    throw new Error(`GET ${cfg.baseUrls[0]}/cluster answered ${cluster.status} ${cluster.error}: is the cluster up?`);
  }
  const mode = cluster.json().mode;
  if (mode !== cfg.mode) {
    throw new Error(`MODE=${cfg.mode}, but the cluster runs in ${mode} mode`);
  }
  // Accounts and keys of earlier runs stay in the database: every run gets its own.
  const runId = `k6${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  createAccounts(runId);
  console.log(`run ${runId}: ${cfg.accounts} accounts of ${cfg.openingBalance} on ${cfg.baseUrls.join(', ')}`);
  if (cfg.scenario === 'failover') {
    console.log('failover: now kill the raft leader (./ledger kill-leader) or one node, while the load runs');
  }
  return { runId };
}

/** SETUP_PARALLEL accounts at a time, spread over the nodes; one whose answer was lost is asked for again. */
function createAccounts(runId) {
  let pending = Array.from({ length: cfg.accounts }, (_, i) => i);
  for (let round = 1; pending.length > 0; round++) {
    if (round > SETUP_ROUNDS) {
      throw new Error(`${pending.length} accounts not created after ${SETUP_ROUNDS} rounds`);
    }
    const lost = [];
    for (let start = 0; start < pending.length; start += ACCOUNT_CHUNK) {
      const chunk = pending.slice(start, start + ACCOUNT_CHUNK);
      const answers = http.batch(chunk.map((i) => ({
        method: 'POST',
        url: `${nodeFor(cfg.baseUrls, i, round)}/accounts`,
        body: JSON.stringify({ id: accountId(runId, i), initialBalance: cfg.openingBalance }),
        params: {
          headers: JSON_HEADERS, timeout: cfg.timeout, tags: { name: 'POST /accounts' },
          responseCallback: http.expectedStatuses(201, 409),
        },
      })));
      answers.forEach((res, j) => {
        // 409 when asked again: the lost first request did create it.
        if (res.status === 201 || (res.status === 409 && round > 1)) return;
        if (res.status === 0 || res.status === 503) {
          lost.push(chunk[j]);
          return;
        }
        throw new Error(`POST /accounts ${accountId(runId, chunk[j])} answered ${res.status}: ${res.body}`);
      });
    }
    pending = lost;
    if (pending.length > 0) sleep(1);
  }
}

export default function (data) {
  const n = exec.scenario.iterationInTest;
  const random = transferRandom(cfg.seed, n);
  const [from, to] = zipf ? pickZipfPair(random, zipf) : pickPair(random, cfg.accounts, cfg.scenario === 'hot');
  const body = JSON.stringify({
    from: accountId(data.runId, from), to: accountId(data.runId, to), amount: pickAmount(random, cfg.maxAmount),
  });
  const key = `${data.runId}-t${n}`;
  const started = Date.now();
  const answer = send(body, key, n, 0);
  record(answer, Date.now() - started);
  if (cfg.scenario === 'retry' && isDecided(answer) && random() < cfg.replayShare) {
    // As if the answer had been lost: the same key and body again, to another node.
    const replay = send(body, key, n, answer.attempts);
    replays.add(1);
    const same = (r) => replayMatches(answer, r);
    if (!check(replay, { 'replay: same status and transfer, Idempotent-Replayed': same })) {
      replayMismatches.add(1);
      console.warn(`replay of ${key}: first ${JSON.stringify(answer)}, then ${JSON.stringify(replay)}`);
    }
  }
}

const isDecided = (answer) => answer.kind === 'committed' || answer.kind === 'rejected';

/** This VU's view of the leader (leader-aware routing): the Ledger-Leader header of its last answer. */
let leader = null;

/** POSTs the transfer until the answer is decided or an error, retrying unknown outcomes with the same key. */
function send(body, key, n, firstAttempt) {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
  for (let attempt = 1; ; attempt++) {
    const res = http.post(transferUrl(cfg, leader, n, firstAttempt + attempt - 1), body,
      { headers, timeout: cfg.timeout, tags: { name: 'POST /transfers' } });
    const answer = readAnswer(res.status, res.body, res.headers['Idempotent-Replayed']);
    leader = res.headers['Ledger-Leader'] || leader;
    if (answer.kind !== 'retry' || attempt >= cfg.maxAttempts) {
      return Object.assign(answer, { attempts: attempt });
    }
    // The leader may be gone: the next attempt goes to the next node, which names the new one.
    leader = null;
    retries.add(1);
    sleep(backoffMs(attempt) / 1000);
  }
}

/** Counts a transfer by its final answer (summary.json counts transfers; retries are counted as they happen). */
function record(answer, elapsedMs) {
  transferDuration.add(elapsedMs);
  if (answer.kind === 'committed') {
    committed.add(1);
  } else if (answer.kind === 'rejected') {
    rejected.add(1);
  } else {
    errors[errorStatusKey(answer.status)].add(1);
    if (answer.status === 409) conflicts.add(1);
  }
  if (answer.attempts > 1 && isDecided(answer)) unavailable.add(elapsedMs);
  check(answer, { 'transfer decided: 201 committed or 422 rejected': isDecided });
}

export function teardown() {
  // The first node that answers: a failover run has killed one.
  let report = null;
  for (const url of cfg.baseUrls) {
    const res = http.get(`${url}/ledger/audit`,
      { timeout: '240s', tags: { name: 'GET /ledger/audit' }, responseCallback: http.expectedStatuses(200) });
    if (res.status === 200) {
      report = res.json();
      break;
    }
  }
  const audit = auditResult(report);
  for (const field of Object.keys(audit)) audits[field].add(audit[field]);
  if (!check(audit, { 'audit: all five invariants hold': (a) => a.ok })) {
    console.error(`audit failed: ${JSON.stringify(report)}`);
  }
}

export function handleSummary(data) {
  const summary = buildSummary(data, cfg);
  return {
    stdout: textSummary(summary, data, cfg),
    [cfg.summaryFile]: `${JSON.stringify(summary, null, 2)}\n`,
  };
}
