// Checks the k6 scripts without k6 (it is not packaged here): `node --test load-tests/k6/`.
// lib.js is pure and imported directly; ledger.js runs once end to end (setup, transfers, teardown, handleSummary)
// with the k6 modules replaced by small stubs and the cluster by an in-memory fake. The stubs model only what the
// script uses; they say nothing about k6's own behaviour, which only a run with k6 shows.
import { register } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  HOT_ACCOUNTS, MODES, SCENARIOS, buildSummary, classify, config, durationSeconds, k6Options, mulberry32, pickPair,
  pickZipfPair, readAnswer, replayMatches, transferRandom, transferUrl, zipfCumulative,
} from './lib.js';

const ENV = { MODE: 'raft' };

test('config: defaults, and refuses what k6 would misread', () => {
  const cfg = config(ENV);
  assert.equal(cfg.scenario, 'uniform');
  assert.equal(cfg.model, 'open');
  assert.deepEqual(cfg.baseUrls, ['http://127.0.0.1:8081', 'http://127.0.0.1:8082', 'http://127.0.0.1:8083']);
  assert.equal(cfg.accounts, 10000);
  assert.equal(cfg.openingBalance, 1000000);
  assert.equal(cfg.maxDropped, 150); // 1% of 500/s for 30 s
  assert.throws(() => config({}), /MODE must be one of/);
  assert.throws(() => config({ ...ENV, SCENARIO: 'hott' }), /SCENARIO/);
  assert.throws(() => config({ ...ENV, RATE: '1.5' }), /RATE/);
  assert.throws(() => config({ ...ENV, SCENARIO: 'hot', ACCOUNTS: '10' }), /ACCOUNTS must be an integer >= 11/);
  assert.throws(() => config({ ...ENV, DURATION: '30 seconds' }), /not a duration/);
  assert.equal(durationSeconds('1m30s'), 90);
  assert.equal(durationSeconds('45'), 45);
  assert.equal(config({ ...ENV, BASE_URLS: ' http://svc:8080/ ' }).baseUrls[0], 'http://svc:8080');
});

test('modes: the service\'s own list (contract/Mode.java)', () => {
  const source = readFileSync(new URL('../../ledger-service/contract/src/main/java/dev/ledger/contract/Mode.java',
    import.meta.url), 'utf8');
  const constants = source.match(/public enum Mode \{\s*([A-Z_,\s]+);/)[1].split(',').map((c) => c.trim());
  assert.deepEqual(MODES, constants.map((c) => c.toLowerCase()));
  assert.equal(config({ MODE: 'zookeeper' }).mode, 'zookeeper');
});

test('routing: leader-aware to the named leader with ?redirect in a leader mode, else every node in turn', () => {
  const urls = 'http://n1,http://n2,http://n3';
  const raft = config({ MODE: 'raft', BASE_URLS: urls });
  assert.equal(transferUrl(raft, null, 4, 0), 'http://n2/transfers?redirect');
  assert.equal(transferUrl(raft, 'http://n3', 4, 0), 'http://n3/transfers?redirect');
  const anyNode = config({ MODE: 'zookeeper', BASE_URLS: urls, ROUTING: 'any' });
  assert.equal(transferUrl(anyNode, 'http://n3', 4, 1), 'http://n3/transfers');
  const rowLocks = config({ MODE: 'pessimistic', BASE_URLS: urls });
  assert.equal(transferUrl(rowLocks, 'http://n3', 4, 0), 'http://n2/transfers');
  assert.throws(() => config({ MODE: 'raft', ROUTING: 'leaders' }), /ROUTING must be one of leader\|any/);
});

test('PRNG: the same seed and transfer number give the same draws', () => {
  const draws = (r) => Array.from({ length: 5 }, r);
  assert.deepEqual(draws(transferRandom(42, 7)), draws(transferRandom(42, 7)));
  assert.notDeepEqual(draws(transferRandom(42, 7)), draws(transferRandom(42, 8)));
  assert.notDeepEqual(draws(transferRandom(42, 7)), draws(transferRandom(43, 7)));
  for (const x of draws(mulberry32(1))) assert.ok(x >= 0 && x < 1);
});

test('account pairs: distinct, in range; hot: ~80% between the 10 hot accounts', () => {
  const random = mulberry32(5);
  let hot = 0;
  for (let i = 0; i < 20000; i++) {
    const [from, to] = pickPair(random, 10000, true);
    assert.ok(from !== to && from >= 0 && to >= 0 && from < 10000 && to < 10000, `${from} ${to}`);
    if (from < HOT_ACCOUNTS && to < HOT_ACCOUNTS) hot++;
  }
  assert.ok(Math.abs(hot / 20000 - 0.8) < 0.02, `hot share ${hot / 20000}`);
  for (let i = 0; i < 1000; i++) {
    const [from, to] = pickPair(random, 2, false);
    assert.deepEqual([from, to].sort(), [0, 1]);
  }
});

test('zipf scenarios: the busiest account in 19% (zipf-1) and 87% (zipf-2) of transfers, as the Java driver draws', () => {
  for (const [scenario, share] of [['zipf-1', 0.194], ['zipf-2', 0.868]]) {
    const cumulative = zipfCumulative(scenario, 10000);
    const random = mulberry32(9);
    let busiest = 0;
    for (let i = 0; i < 50000; i++) {
      const [from, to] = pickZipfPair(random, cumulative);
      assert.ok(from !== to && from >= 0 && to >= 0 && from < 10000 && to < 10000, `${from} ${to}`);
      if (from === 0 || to === 0) busiest++;
    }
    assert.ok(Math.abs(busiest / 50000 - share) < 0.01, `${scenario}: ${busiest / 50000}`);
  }
  assert.equal(zipfCumulative('uniform', 10), null);
});

test('scenarios: the Java driver\'s own list (load/Scenario.java)', () => {
  const source = readFileSync(new URL('../src/main/java/dev/ledger/load/Scenario.java', import.meta.url), 'utf8');
  const constants = [...source.matchAll(/^    ([A-Z][A-Z0-9_]*)[,;(]/gm)].map((m) => m[1].toLowerCase().replace('_', '-'));
  assert.deepEqual(constants, SCENARIOS);
});

test('answers: classification and replay comparison', () => {
  assert.equal(classify(201), 'committed');
  assert.equal(classify(422, '/problems/insufficient-funds'), 'rejected');
  assert.equal(classify(422, '/problems/idempotency-key-reused'), 'error');
  for (const status of [0, 202, 409, 503]) assert.equal(classify(status, undefined), 'retry');
  for (const type of ['/problems/unavailable', '/problems/outcome-unknown']) assert.equal(classify(503, type), 'retry');
  for (const status of [400, 404, 500]) assert.equal(classify(status, undefined), 'error');
  const first = readAnswer(422, '{"type":"/problems/insufficient-funds","transfer":{"id":"t1"}}', undefined);
  assert.deepEqual(first, { status: 422, kind: 'rejected', transferId: 't1', replayed: false });
  assert.equal(readAnswer(0, null, undefined).kind, 'retry');
  assert.equal(readAnswer(502, '<html>bad gateway</html>', undefined).kind, 'error');
  const again = (body, header) => readAnswer(422, body, header);
  assert.ok(replayMatches(first, again('{"type":"/problems/insufficient-funds","transfer":{"id":"t1"}}', 'true')));
  assert.ok(!replayMatches(first, again('{"type":"/problems/insufficient-funds","transfer":{"id":"t1"}}', undefined)));
  assert.ok(!replayMatches(first, again('{"type":"/problems/insufficient-funds","transfer":{"id":"t2"}}', 'true')));
});

test('k6 options: executor per model, thresholds per scenario, tags', () => {
  const open = k6Options(config({ ...ENV, SCENARIO: 'hot', RATE: '200', VUS: '10' }));
  assert.deepEqual(open.scenarios.hot, {
    executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '30s', preAllocatedVUs: 10, maxVUs: 40,
  });
  assert.deepEqual(open.tags, { mode: 'raft', model: 'open' });
  assert.deepEqual(open.thresholds.dropped_iterations, ['count<=60']);
  assert.deepEqual(open.thresholds.http_req_failed, ['rate<0.01']);
  assert.ok(open.summaryTrendStats.includes('p(99)'));
  const closed = k6Options(config({ ...ENV, SCENARIO: 'failover', MODEL: 'closed' }));
  assert.deepEqual(closed.scenarios.failover, { executor: 'constant-vus', vus: 32, duration: '30s' });
  assert.equal(closed.thresholds.http_req_failed, undefined);
  assert.equal(closed.thresholds.dropped_iterations, undefined);
  assert.deepEqual(closed.thresholds.unavailable_window, ['max<10000']);
});

test('summary: the shape of summary.json, from either k6 summary format', () => {
  const cfg = config({ ...ENV, SCENARIO: 'hot', DURATION: '10s' });
  const legacy = {
    state: { testRunDurationMs: 12000 },
    metrics: {
      transfers_committed: { type: 'counter', values: { count: 1234, rate: 1 } },
      transfers_rejected: { type: 'counter', values: { count: 5, rate: 1 } },
      transfer_duration: { type: 'trend', values: { 'p(50)': 2.04, 'p(95)': 8.96, 'p(99)': 20, max: 75.55 } },
      transfer_errors_503: { type: 'counter', values: { count: 2, rate: 1 } },
      transfer_retries: { type: 'counter', values: { count: 9, rate: 1 } },
      audit_ok: { type: 'rate', values: { rate: 1, passes: 1, fails: 0 } },
      audit_moneyConserved: { type: 'rate', values: { rate: 1, passes: 1, fails: 0 } },
    },
  };
  const summary = buildSummary(legacy, cfg);
  assert.deepEqual(Object.keys(summary), ['environment', 'runs', 'baselines']);
  assert.deepEqual(summary.runs[0], {
    mode: 'raft', scenario: 'hot', model: 'open', clients: 'leader-aware', durationS: 10, committedPerSec: 123.4,
    rejectedPerSec: 0.5,
    p50Ms: 2, p95Ms: 9, p99Ms: 20, maxMs: 75.6, errorsByStatus: { 503: 2 }, conflicts: 0, retries: 9,
    dropped: 0, unavailabilityMs: 0, replays: 0, replayMismatches: 0,
    audit: {
      ok: true, moneyConserved: true, noNegative: false, entriesMatch: false, transfersBalanced: false,
      keysOnce: false,
    },
  });
  assert.equal(summary.environment.accounts, 10000);
  assert.equal(summary.environment.seed, 42);
  const machineReadable = {
    results: { passed: true, metrics: Object.entries(legacy.metrics).map(([name, m]) => ({ name, ...m })) },
  };
  assert.deepEqual(buildSummary(machineReadable, cfg).runs, summary.runs);
});

// ---- ledger.js end to end, with stubbed k6 modules and an in-memory cluster ----

const k6 = { fake: null, metrics: null, checks: null, logs: null, iteration: 0 };
globalThis.k6stub = {
  http: {
    post: (url, body, params) => k6.fake.post(url, body, params),
    get: (url) => k6.fake.get(url),
    batch: (requests) => requests.map((r) => k6.fake.post(r.url, r.body, r.params)),
    setResponseCallback() {},
    expectedStatuses: () => null,
  },
  exec: { scenario: { get iterationInTest() { return k6.iteration; } } },
  check(value, sets) {
    let all = true;
    for (const name of Object.keys(sets)) {
      const ok = Boolean(sets[name](value));
      k6.checks.push({ name, ok });
      all = all && ok;
    }
    return all;
  },
  ...Object.fromEntries(['Counter', 'Rate', 'Trend'].map((type) => [type, class {
    constructor(name) { this.samples = k6.metrics[name] = []; this.samples.type = type; }
    add(value) { this.samples.push(Number(value)); }
  }])),
};
const STUBS = {
  k6: 'export const check = (...a) => globalThis.k6stub.check(...a); export function sleep() {}',
  'k6/http': 'export default globalThis.k6stub.http;',
  'k6/execution': 'export default globalThis.k6stub.exec;',
  'k6/metrics': 'const s = globalThis.k6stub; export const Counter = s.Counter, Rate = s.Rate, Trend = s.Trend;',
};
register(`data:text/javascript,${encodeURIComponent(`const stubs = ${JSON.stringify(STUBS)};
export async function resolve(specifier, context, next) {
  return specifier in stubs
    ? { url: 'data:text/javascript,' + encodeURIComponent(stubs[specifier]), shortCircuit: true }
    : next(specifier, context);
}`)}`);

/**
 * A cluster in memory: accounts, transfers keyed by Idempotency-Key; one node down, every 5th transfer attempt
 * answers 503, every 7th account is created but its answer lost.
 */
function fakeCluster({ mode, down, replayHeader = true }) {
  const accounts = new Map();
  const byKey = new Map();
  let attempts = 0;
  const answer = (status, json, headers = {}) => ({ status, body: JSON.stringify(json), headers, error: '' });
  return {
    get(url) {
      if (url.startsWith(down)) return { status: 0, body: null, headers: {}, error: 'connection refused' };
      if (url.endsWith('/cluster')) return { ...answer(200, { mode }), json: () => ({ mode }) };
      const balances = [...accounts.values()];
      const ok = balances.every((a) => a.balance >= 0)
        && balances.reduce((s, a) => s + a.balance - a.opening, 0) === 0;
      const report = { ok, moneyConserved: { ok }, noNegative: { ok }, entriesMatch: { ok }, transfersBalanced: { ok },
        keysOnce: { ok } };
      return { ...answer(200, report), json: () => report };
    },
    post(url, body, params) {
      if (url.startsWith(down)) return { status: 0, body: null, headers: {}, error: 'connection refused' };
      const req = JSON.parse(body);
      if (url.endsWith('/accounts')) {
        if (accounts.has(req.id)) return answer(409, { type: '/problems/account-exists' });
        accounts.set(req.id, { balance: req.initialBalance, opening: req.initialBalance });
        if (accounts.size % 7 === 0) return { status: 0, body: null, headers: {}, error: 'reset' }; // done, answer lost
        return answer(201, { id: req.id, balance: req.initialBalance });
      }
      const key = params.headers['Idempotency-Key'];
      const known = byKey.get(key);
      if (known) {
        if (known.body !== body) return answer(422, { type: '/problems/idempotency-key-reused' });
        return { ...known.answer, headers: replayHeader ? { 'Idempotent-Replayed': 'true' } : {} };
      }
      if (++attempts % 5 === 0) return answer(503, { type: '/problems/unavailable' }); // nothing stored
      const from = accounts.get(req.from);
      const id = `t${byKey.size}`;
      let result;
      if (from.balance < req.amount) {
        result = answer(422, { type: '/problems/insufficient-funds', transfer: { id, status: 'REJECTED' } });
      } else {
        from.balance -= req.amount;
        accounts.get(req.to).balance += req.amount;
        result = answer(201, { id, status: 'COMMITTED' });
      }
      byKey.set(key, { body, answer: result });
      return result;
    },
  };
}

/** Imports a fresh instance of ledger.js with `env` and runs it like k6 would: setup, `iterations`, teardown. */
async function runScript(env, cluster, iterations) {
  globalThis.__ENV = env;
  k6.fake = cluster;
  k6.metrics = {};
  k6.checks = [];
  k6.logs = [];
  const { log, warn, error } = console;
  console.log = console.warn = console.error = (line) => k6.logs.push(line);
  let script;
  try {
    script = await import(`./ledger.js?run=${Math.random()}`);
    const data = script.setup();
    for (k6.iteration = 0; k6.iteration < iterations; k6.iteration++) script.default(data);
    script.teardown(data);
  } finally {
    Object.assign(console, { log, warn, error });
  }
  // The legacy summary object, computed from the recorded samples.
  const metrics = {};
  for (const [name, samples] of Object.entries(k6.metrics)) {
    if (samples.length === 0) continue;
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    const sum = samples.reduce((s, x) => s + x, 0);
    metrics[name] = {
      Counter: { type: 'counter', values: { count: sum, rate: 0 } },
      Rate: { type: 'rate', values: { rate: sum / samples.length, passes: sum, fails: samples.length - sum } },
      Trend: { type: 'trend', values: { 'p(50)': at(0.5), 'p(95)': at(0.95), 'p(99)': at(0.99), max: at(1) } },
    }[samples.type];
  }
  return { script, output: script.handleSummary({ state: { testRunDurationMs: 1000 }, metrics }) };
}

const SCRIPT_ENV = {
  MODE: 'raft', SCENARIO: 'retry', ACCOUNTS: '30', OPENING_BALANCE: '15000', DURATION: '1s',
  BASE_URLS: 'http://n1,http://n2,http://n3', SUMMARY_FILE: 'out.json',
};

test('ledger.js end to end: retries unknown outcomes, replays match, audit reaches the summary', async () => {
  const { script, output } = await runScript(SCRIPT_ENV, fakeCluster({ mode: 'raft', down: 'http://n3' }), 400);
  assert.equal(script.options.scenarios.retry.executor, 'constant-arrival-rate');
  assert.deepEqual(k6.checks.filter((c) => !c.ok), []);
  assert.match(output.stdout, /mode=raft scenario=retry model=open/);
  const run = JSON.parse(output['out.json']).runs[0];
  assert.equal(run.committedPerSec + run.rejectedPerSec, 400); // every transfer decided, in a 1 s run
  assert.ok(run.rejectedPerSec > 0, 'small balances: some transfers are rejected');
  assert.ok(run.retries > 100, `node n3 is down and every 5th attempt 503s: ${run.retries} retries`);
  assert.ok(run.replays > 40 && run.replays < 120, `about 20% replayed: ${run.replays}`);
  assert.equal(run.replayMismatches, 0);
  assert.deepEqual(run.errorsByStatus, {});
  assert.equal(run.audit.ok, true);
});

test('ledger.js: a replay without Idempotent-Replayed fails a check and is counted', async () => {
  const cluster = fakeCluster({ mode: 'raft', down: 'http://none', replayHeader: false });
  const { output } = await runScript(SCRIPT_ENV, cluster, 100);
  const run = JSON.parse(output['out.json']).runs[0];
  assert.ok(run.replayMismatches > 0);
  assert.equal(k6.checks.filter((c) => !c.ok).length, run.replayMismatches);
  assert.equal(k6.logs.filter((line) => line.startsWith('replay of')).length, run.replayMismatches);
});

test('ledger.js: setup refuses a cluster that runs another mode', async () => {
  await assert.rejects(runScript(SCRIPT_ENV, fakeCluster({ mode: 'optimistic', down: 'http://none' }), 0),
    /MODE=raft, but the cluster runs in optimistic mode/);
});
