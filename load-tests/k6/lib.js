// The pure parts of the k6 load test (ledger.js): configuration, seeded choices, classification of answers, k6
// options and the summary. Nothing here imports a k6 module, so Node can test it (check.test.mjs).

/** The values of the service's Mode enum (contract/Mode.java; check.test.mjs holds the two together). */
export const MODES = ['pessimistic', 'optimistic', 'idempotent', 'raft', 'zookeeper', 'workflow'];
/** The modes with an elected leader, whose followers redirect a leader-aware client (?redirect) to it. */
export const LEADER_MODES = ['raft', 'zookeeper'];
/** leader: send to the leader the last answer named (Ledger-Leader), with ?redirect; any: every node in turn. */
export const ROUTINGS = ['leader', 'any'];
/** As ./ledger compare names them (load/Scenario.java; check.test.mjs holds the two together). */
export const SCENARIOS = ['uniform', 'hot', 'zipf-1', 'zipf-2', 'retry', 'failover'];
/** The skewed scenarios: both accounts Zipf-distributed with this exponent (softwaremill's tb-perf skews). */
export const ZIPF_EXPONENTS = { 'zipf-1': 1.0, 'zipf-2': 2.0 };
export const HOT_ACCOUNTS = 10;
export const HOT_SHARE = 0.8;
/** Final statuses that get their own errorsByStatus counter (k6 metrics must exist before the run); others: "other". */
export const ERROR_STATUSES = [0, 400, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504];
/** The audit's five invariants, as GET /ledger/audit and summary.json name them. */
export const AUDIT_FIELDS = ['moneyConserved', 'noNegative', 'entriesMatch', 'transfersBalanced', 'keysOnce'];
/** 422 types that are a decided, recorded REJECTED transfer (not a refused request such as a reused key). */
const REJECTIONS = ['/problems/insufficient-funds', '/problems/balance-overflow'];
const DEFAULT_URLS = 'http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083';

/** Custom metric names, shared by the script that records them and the summary that reads them. */
export const METRIC = {
  committed: 'transfers_committed',
  rejected: 'transfers_rejected',
  conflicts: 'transfer_conflicts',
  retries: 'transfer_retries',
  replays: 'transfer_replays',
  replayMismatches: 'replay_mismatches',
  duration: 'transfer_duration',
  unavailable: 'unavailable_window',
};
export const errorMetric = (status) => `transfer_errors_${status}`;
export const auditMetric = (field) => `audit_${field}`;

/** Everything the run depends on, from k6's __ENV (or any object of strings); throws on a bad value. */
export function config(env) {
  const scenario = oneOf(env, 'SCENARIO', SCENARIOS, 'uniform');
  // No default: the mode labels every metric and the JSON, and setup() checks it against GET /cluster.
  const mode = oneOf(env, 'MODE', MODES, undefined);
  const model = oneOf(env, 'MODEL', ['open', 'closed'], 'open');
  const routing = oneOf(env, 'ROUTING', ROUTINGS, 'leader');
  const baseUrls = (env.BASE_URLS || DEFAULT_URLS).split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
  const duration = durationText(env.DURATION || '30s');
  const rate = int(env, 'RATE', 500, 1);
  const vus = int(env, 'VUS', 32, 1);
  const maxUnavailableMs = int(env, 'MAX_UNAVAILABLE_MS', 10000, 1);
  const cfg = {
    scenario, mode, model, routing, baseUrls, duration, rate, vus, maxUnavailableMs,
    durationS: durationSeconds(duration),
    // A Kubernetes Service is one URL in front of several pods: NODES then says how many.
    nodes: int(env, 'NODES', baseUrls.length, 1),
    maxVus: int(env, 'MAX_VUS', vus * 4, vus),
    accounts: int(env, 'ACCOUNTS', 10000, scenario === 'hot' ? HOT_ACCOUNTS + 1 : 2),
    openingBalance: int(env, 'OPENING_BALANCE', 1000000, 0),
    maxAmount: int(env, 'MAX_AMOUNT', 10000, 1),
    seed: int(env, 'SEED', 42, 0),
    timeout: durationText(env.TIMEOUT || '15s'),
    maxAttempts: int(env, 'MAX_ATTEMPTS', 60, 1),
    replayShare: fraction(env, 'REPLAY_SHARE', 0.2),
    setupTimeout: durationText(env.SETUP_TIMEOUT || '10m'),
    setupParallel: int(env, 'SETUP_PARALLEL', 24, 1),
    summaryFile: env.SUMMARY_FILE || 'summary-k6.json',
    // A failover's latency tail is the outage itself; the other scenarios should stay well under a second.
    p99Ms: int(env, 'P99_MS', scenario === 'failover' ? 2 * maxUnavailableMs : 1000, 1),
    maxFailedRate: fraction(env, 'MAX_FAILED_RATE', 0.01),
  };
  // The open model must start every transfer on time; a failover may drop what arrives during one allowed outage.
  const planned = rate * cfg.durationS;
  cfg.maxDropped = int(env, 'MAX_DROPPED',
    Math.floor(scenario === 'failover' ? rate * maxUnavailableMs / 1000 : planned / 100), 0);
  if (baseUrls.length === 0) {
    throw new Error('BASE_URLS is empty');
  }
  return cfg;
}

function oneOf(env, name, values, fallback) {
  const value = env[name] || fallback;
  if (!values.includes(value)) {
    throw new Error(`${name} must be one of ${values.join('|')}, not ${JSON.stringify(env[name])}`);
  }
  return value;
}

function int(env, name, fallback, min) {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

function fraction(env, name, fallback) {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`${name} must be a number from 0 to 1, not ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A k6 duration ("30s", "1m30s", "500ms"); a bare number means seconds. */
function durationText(text) {
  const value = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    return `${value}s`;
  }
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(value)) {
    throw new Error(`not a duration: ${JSON.stringify(text)} (use e.g. 30s, 2m, 1m30s)`);
  }
  return value;
}

export function durationSeconds(text) {
  const unit = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  const value = durationText(text);
  let seconds = 0;
  for (let m = part.exec(value); m !== null; m = part.exec(value)) {
    seconds += Number(m[1]) * unit[m[2]];
  }
  return seconds;
}

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's 32-bit finaliser: a bijection that spreads neighbouring inputs apart. */
function fmix32(h) {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The generator for transfer number n of a run. Which VU runs which iteration depends on timing, so one stream
 * per VU would not repeat; one stream per transfer makes transfer n the same in every run with the same SEED.
 */
export function transferRandom(seed, n) {
  return mulberry32(fmix32((fmix32(seed >>> 0) + n) >>> 0));
}

/** Account numbers [from, to]: distinct, in [0, accounts); in `hot`, 80% are among accounts 0-9. */
export function pickPair(random, accounts, hot) {
  const range = hot && random() < HOT_SHARE ? HOT_ACCOUNTS : accounts;
  const from = Math.floor(random() * range);
  const to = Math.floor(random() * (range - 1));
  return [from, to >= from ? to + 1 : to];
}

/** A Zipf scenario's cumulative shares of accounts 0..i (account i has weight 1 / (i + 1)^exponent); else null. */
export function zipfCumulative(scenario, accounts) {
  const exponent = ZIPF_EXPONENTS[scenario];
  if (exponent === undefined) return null;
  const cumulative = new Float64Array(accounts);
  let sum = 0;
  for (let i = 0; i < accounts; i++) {
    sum += Math.pow(i + 1, -exponent);
    cumulative[i] = sum;
  }
  return cumulative.map((c) => c / sum);
}

/** Account numbers [from, to], distinct, both drawn from a Zipf scenario's `cumulative` shares: 0 is the busiest. */
export function pickZipfPair(random, cumulative) {
  const from = zipfAccount(random, cumulative);
  let to = zipfAccount(random, cumulative);
  while (to === from) to = zipfAccount(random, cumulative);
  return [from, to];
}

function zipfAccount(random, cumulative) {
  const u = random();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid] < u) low = mid + 1; else high = mid;
  }
  return low;
}

export function pickAmount(random, maxAmount) {
  return 1 + Math.floor(random() * maxAmount);
}

export const accountId = (runId, number) => `${runId}-${number}`;

/** Spreads requests over the nodes like a Service would; each retry of a transfer goes to the next node. */
export function nodeFor(urls, n, attempt) {
  return urls[(n + attempt) % urls.length];
}

/**
 * Where attempt `attempt` of transfer `n` goes. Leader-aware (a mode with a leader, ROUTING=leader): to `leader`, the
 * base URL the last answer named in its Ledger-Leader header (else the next node), with ?redirect, so that a follower
 * answers 307 to the leader (k6 follows it) instead of forwarding: one request to the leader per transfer, not two.
 */
export function transferUrl(cfg, leader, n, attempt) {
  if (cfg.routing === 'leader' && LEADER_MODES.includes(cfg.mode)) {
    return `${leader || nodeFor(cfg.baseUrls, n, attempt)}/transfers?redirect`;
  }
  return `${nodeFor(cfg.baseUrls, n, attempt)}/transfers`;
}

/** How the clients picked a node, as compare's summary.json says it. */
export function clientsLabel(cfg) {
  return cfg.routing === 'leader' && LEADER_MODES.includes(cfg.mode) ? 'leader-aware' : 'any node';
}

/** Pause before retry number `attempt` (1, 2, ...): short, since the next attempt goes to another node. */
export function backoffMs(attempt) {
  return Math.min(250, 5 * attempt);
}

/**
 * committed (201), rejected (422 insufficient funds: decided and recorded), retry or error. Retry: no answer, 202 (the
 * workflow mode accepted a transfer across its shards; its workflow decides it), 409 conflict or key in flight, 503
 * /problems/unavailable (nothing was done) or 503 /problems/outcome-unknown (it may have been done): the same key is
 * sent again, which is safe after the first and the only way to learn the others' outcome.
 */
export function classify(status, problemType) {
  if (status === 201) return 'committed';
  if (status === 422 && REJECTIONS.includes(problemType)) return 'rejected';
  if (status === 0 || status === 202 || status === 409 || status === 503) return 'retry';
  return 'error';
}

/** One HTTP answer to POST /transfers, reduced to what the test judges. status 0: no answer. */
export function readAnswer(status, body, replayedHeader) {
  let json = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch (notJson) {
    // an HTML error page from a proxy, a cut connection: judged by its status alone
  }
  const type = json && json.type;
  // A 201 is the transfer; a recorded rejection carries it in its `transfer` member.
  const transfer = json && (status === 201 ? json : json.transfer);
  return {
    status,
    kind: classify(status, type),
    transferId: (transfer && transfer.id) || null,
    replayed: replayedHeader === 'true',
  };
}

/** A replay must give the same status and transfer, marked as replayed. */
export function replayMatches(first, replay) {
  return replay.status === first.status && replay.transferId === first.transferId && replay.replayed;
}

export const errorStatusKey = (status) => (ERROR_STATUSES.includes(status) ? String(status) : 'other');

/** The five invariants of a GET /ledger/audit body (null when no node answered: then nothing is ok). */
export function auditResult(report) {
  const result = { ok: Boolean(report && report.ok === true) };
  for (const field of AUDIT_FIELDS) {
    result[field] = Boolean(report && report[field] && report[field].ok === true);
  }
  return result;
}

/** k6 options: one scenario named after SCENARIO (so every sample carries it as the `scenario` tag). */
export function k6Options(cfg) {
  const load = cfg.model === 'open'
    ? {
      executor: 'constant-arrival-rate', rate: cfg.rate, timeUnit: '1s', duration: cfg.duration,
      preAllocatedVUs: cfg.vus, maxVUs: cfg.maxVus,
    }
    : { executor: 'constant-vus', vus: cfg.vus, duration: cfg.duration };
  return {
    scenarios: { [cfg.scenario]: load },
    tags: { mode: cfg.mode, model: cfg.model },
    thresholds: thresholds(cfg),
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(95)', 'p(99)'],
    setupTimeout: cfg.setupTimeout,
    teardownTimeout: '5m', // the audit reads the whole database
    // setup() creates the accounts with http.batch, this many at once.
    batch: cfg.setupParallel,
    batchPerHost: cfg.setupParallel,
  };
}

function thresholds(cfg) {
  const t = {
    // Every transfer decided, every replay identical, the audit clean: correctness, so no tolerance.
    checks: ['rate==1'],
    [METRIC.duration]: [`p(99)<${cfg.p99Ms}`],
  };
  if (cfg.scenario === 'failover') {
    // Requests fail by design while a node is down; what is judged is how long writes could not get through.
    t[METRIC.unavailable] = [`max<${cfg.maxUnavailableMs}`];
  } else {
    t.http_req_failed = [`rate<${cfg.maxFailedRate}`];
  }
  if (cfg.model === 'open') {
    t.dropped_iterations = [`count<=${cfg.maxDropped}`];
  }
  return t;
}

/** name -> values, from k6's legacy summary (`metrics` object) or the machine-readable one (`results.metrics`). */
function metricValues(data) {
  const values = {};
  if (data.metrics) {
    for (const name of Object.keys(data.metrics)) values[name] = data.metrics[name].values;
  } else if (data.results && data.results.metrics) {
    for (const m of data.results.metrics) values[m.name] = m.values;
  }
  return values;
}

const round1 = (x) => Math.round(x * 10) / 10;

/** summary.json of DESIGN section 6, as `./ledger compare` writes it, from handleSummary's data. */
export function buildSummary(data, cfg) {
  const v = metricValues(data);
  const count = (name) => (v[name] ? v[name].count : 0);
  const trend = (name, stat) => (v[name] && v[name][stat] !== undefined ? round1(v[name][stat]) : 0);
  const errorsByStatus = {};
  for (const key of ERROR_STATUSES.map(String).concat('other')) {
    if (count(errorMetric(key)) > 0) errorsByStatus[key] = count(errorMetric(key));
  }
  const audit = {};
  for (const field of ['ok'].concat(AUDIT_FIELDS)) {
    audit[field] = Boolean(v[auditMetric(field)] && v[auditMetric(field)].rate === 1);
  }
  const runMs = data.state ? data.state.testRunDurationMs : 0;
  return {
    environment: {
      driver: 'k6',
      // What only the servers know (durability settings, versions) is null here: see the cluster's own report.
      cpus: null, gitSha: null, pgVersion: null, pgFsync: null, pgSynchronousCommit: null, raftLogSync: null,
      nodes: cfg.nodes,
      accounts: cfg.accounts,
      seed: cfg.seed,
      clients: cfg.model === 'open' ? cfg.maxVus : cfg.vus,
      startedAt: new Date(Date.now() - runMs).toISOString(),
      baseUrls: cfg.baseUrls,
    },
    runs: [{
      mode: cfg.mode,
      scenario: cfg.scenario,
      model: cfg.model,
      clients: clientsLabel(cfg),
      durationS: cfg.durationS,
      committedPerSec: round1(count(METRIC.committed) / cfg.durationS),
      rejectedPerSec: round1(count(METRIC.rejected) / cfg.durationS),
      p50Ms: trend(METRIC.duration, 'p(50)'),
      p95Ms: trend(METRIC.duration, 'p(95)'),
      p99Ms: trend(METRIC.duration, 'p(99)'),
      maxMs: trend(METRIC.duration, 'max'),
      errorsByStatus,
      conflicts: count(METRIC.conflicts),
      retries: count(METRIC.retries),
      dropped: count('dropped_iterations'),
      unavailabilityMs: Math.round(trend(METRIC.unavailable, 'max')),
      replays: count(METRIC.replays),
      replayMismatches: count(METRIC.replayMismatches),
      audit,
    }],
    baselines: [],
  };
}

/** The failed thresholds (legacy summary), or null when k6 only says whether all passed (machine-readable). */
function failedThresholds(data) {
  if (!data.metrics) return null;
  const failed = [];
  for (const name of Object.keys(data.metrics)) {
    const th = data.metrics[name].thresholds || {};
    for (const expr of Object.keys(th)) {
      if (!th[expr].ok) failed.push(`${name} ${expr}`);
    }
  }
  return failed;
}

/** A short text summary for stdout (k6's own textSummary is a remote import; these scripts work offline). */
export function textSummary(summary, data, cfg) {
  const r = summary.runs[0];
  const failed = failedThresholds(data);
  const passed = failed ? failed.length === 0 : Boolean(data.results && data.results.passed);
  const errors = Object.keys(r.errorsByStatus).map((s) => `${s}:${r.errorsByStatus[s]}`).join(' ') || 'none';
  const lines = [
    '',
    `ledger k6  mode=${r.mode} scenario=${r.scenario} model=${r.model} clients=${r.clients}`
      + ` duration=${r.durationS}s nodes=${cfg.nodes}`,
    `  committed/s ${r.committedPerSec}  rejected/s ${r.rejectedPerSec}  dropped ${r.dropped}`,
    `  latency ms  p50 ${r.p50Ms}  p95 ${r.p95Ms}  p99 ${r.p99Ms}  max ${r.maxMs}`,
    `  errors ${errors}  conflicts ${r.conflicts}  retries ${r.retries}  unavailability ${r.unavailabilityMs} ms`,
  ];
  if (r.scenario === 'retry') lines.push(`  replays ${r.replays}  mismatches ${r.replayMismatches}`);
  lines.push(`  audit ${r.audit.ok ? 'ok' : 'FAILED ' + JSON.stringify(r.audit)}`);
  lines.push(`  thresholds ${passed ? 'passed' : 'FAILED'}${failed && failed.length ? ': ' + failed.join('; ') : ''}`);
  lines.push(`  summary written to ${cfg.summaryFile}`, '');
  return lines.join('\n');
}
