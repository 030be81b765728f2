// The ledger dashboard: polls the node that served this page (same origin), draws with plain DOM and inline SVG.
// Every value from the server goes through textContent, never innerHTML. Only a node that the page's node cannot
// reach is asked directly (its GET /dashboard/node allows any origin): in a partition, each side's view shows.
'use strict';

const NODES_POLL_MS = 1000;
/** A node asked directly answers within this or counts as unreachable from here too. */
const DIRECT_TIMEOUT_MS = 1500;
const TRANSFERS_POLL_MS = 2000;
const RECENT_LIMIT = 10;
/** Points of the live committed/s chart: two minutes at one poll a second. */
const RATE_HISTORY = 120;
const EVENTS_MAX = 50;
const SVG = 'http://www.w3.org/2000/svg';
const MODE_COLORS = ['#1a7f37', '#3164b5', '#b7791f', '#8e44ad', '#c62828', '#0f8b8d'];

const state = {
  previous: new Map(),      // node id -> {committed, rejected, at}: the last counts, to turn them into rates
  roles: new Map(),         // node id -> "LEADER (term 3)" etc., to report changes as events
  pastShown: false,         // whether the role changes from before the page was opened are in the events
  rates: [],                // total committed/s, oldest first
  accounts: [],             // accounts used on this page, shown with their balances
};

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child === null || child === undefined ? '' : child);
  return node;
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function fixed(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function time(instant) {
  return new Date(instant).toLocaleTimeString();
}

/** The body of a problem+json answer as one line: "Insufficient funds: ...". */
function problemText(status, body) {
  if (body && body.title) return `${status} ${body.title}${body.detail ? ': ' + body.detail : ''}`;
  return `HTTP ${status}`;
}

async function getJson(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}, cache: 'no-store'});
  const body = await response.json().catch(() => null);
  return {status: response.status, ok: response.ok, body};
}

/** Runs task, then again period ms after it finished, so that a slow node never piles up requests. */
function every(period, task) {
  const run = async () => {
    try {
      await task();
    } catch (failure) {
      console.warn(failure);
    }
    setTimeout(run, period);
  };
  run();
}

// ---- cluster

function addEvent(text, at = Date.now()) {
  const events = $('#events');
  events.prepend(el('li', {}, `${new Date(at).toLocaleTimeString()} ${text}`));
  while (events.children.length > EVENTS_MAX) events.lastChild.remove();
}

/** committed/s and rejected/s of one node since its previous poll; null on the first poll or after a restart. */
function rates(node, now) {
  const stats = node.stats;
  const before = state.previous.get(node.id);
  state.previous.set(node.id, stats ? {committed: stats.committed, rejected: stats.rejected, at: now} : undefined);
  if (!stats || !before || stats.committed < before.committed || now <= before.at) return null;
  const seconds = (now - before.at) / 1000;
  return {committed: (stats.committed - before.committed) / seconds, rejected: (stats.rejected - before.rejected) / seconds};
}

function roleOf(node) {
  return node.reachable ? (node.cluster && node.cluster.role) || '?' : 'UNREACHABLE';
}

/** A zookeeper node's leadership is numbered by its fencing token; a raft node's by its term. */
function termWord(cluster) {
  return cluster && cluster.session ? 'token' : 'term';
}

/** "in term 3" (raft) or "with token 3" (zookeeper). */
function underTerm(cluster, term) {
  return `${termWord(cluster) === 'token' ? 'with' : 'in'} ${termWord(cluster)} ${term}`;
}

/** A zookeeper node's ZooKeeper connection, when it is not plainly connected; '' otherwise. */
function sessionTrouble(node) {
  const session = node.reachable && node.cluster ? node.cluster.session : null;
  return session && session !== 'CONNECTED' ? `ZooKeeper ${session}` : '';
}

/** A role a node kept in its history: "LEADER (term 4)", "FOLLOWER of n2", "CANDIDATE". */
function pastRole(change, cluster) {
  if (change.role === 'LEADER') return `LEADER (${termWord(cluster)} ${change.term})`;
  return change.role === 'FOLLOWER' && change.leader ? `FOLLOWER of ${change.leader}` : change.role;
}

/**
 * On the first answer: what happened before the page was opened, from the last role changes each reachable node
 * keeps (a node that is gone took its own with it), in the order they happened, each at its own time.
 */
function showPastRoleChanges(nodes) {
  const past = [];
  for (const node of nodes) {
    let before = null;
    for (const change of node.roleChanges || []) {
      const now = pastRole(change, node.cluster);
      if (now === before) continue;
      past.push({at: Date.parse(change.at), text: before === null ? `${node.id} is ${now}` : `${node.id}: ${before} → ${now}`});
      before = now;
    }
  }
  past.sort((a, b) => a.at - b.at).forEach((event) => addEvent(event.text, event.at));
}

function noteRoleChange(node) {
  const role = roleOf(node);
  const trouble = sessionTrouble(node);
  const described = (role === 'LEADER' ? `LEADER (${termWord(node.cluster)} ${node.cluster.term})` : role)
      + (trouble ? `, ${trouble}` : '')
      + (node.cutOffFromPage ? ', cut off from this page\'s node' : '');
  const before = state.roles.get(node.id);
  if (before !== described) {
    if (before !== undefined) addEvent(`${node.id}: ${before} → ${described}`);
    else if (role === 'LEADER' && !(node.roleChanges && node.roleChanges.length)) addEvent(`${node.id} is ${described}`);
    state.roles.set(node.id, described);
  }
}

function renderNodes(nodes) {
  const now = Date.now();
  const body = $('#nodes tbody');
  body.replaceChildren();
  let committed = 0;
  let rejected = 0;
  let measured = false;
  let p99 = null;
  if (!state.pastShown) {
    showPastRoleChanges(nodes);
    state.pastShown = true;
  }
  for (const node of nodes) {
    noteRoleChange(node);
    const rate = node.reachable ? rates(node, now) : (state.previous.delete(node.id), null);
    if (rate) {
      committed += rate.committed;
      rejected += rate.rejected;
      measured = true;
    }
    const nodeP99 = node.stats && node.stats.p99Ms !== undefined ? node.stats.p99Ms : null;
    if (nodeP99 !== null) p99 = Math.max(p99 === null ? 0 : p99, nodeP99);
    const cluster = node.cluster || {};
    const role = roleOf(node);
    const health = !node.reachable ? el('span', {class: 'bad'}, 'no answer')
        : node.ready ? el('span', {class: 'ok'}, 'ready') : el('span', {class: 'bad'}, 'not ready');
    const cutOff = node.cutOffFromPage ? el('span', {class: 'bad'}, 'cut off from this page\'s node · ') : '';
    body.append(el('tr', {'data-node': node.id, class: node.reachable ? null : 'unreachable'},
        el('td', {title: node.url}, node.id),
        el('td', {}, el('span', {class: 'role', 'data-role': role}, role),
            cluster.session ? el('span', {class: `session ${sessionTrouble(node) ? 'bad' : 'muted'}`,
              title: 'this node\'s ZooKeeper session, as Curator reports it'}, ` · ZooKeeper ${cluster.session}`) : ''),
        el('td', {class: 'leader'}, cluster.leader ?? '–'),
        el('td', {class: 'term'}, cluster.term ?? '–'),
        el('td', {class: 'commit'}, cluster.commitIndex ?? '–'),
        el('td', {class: 'applied'}, cluster.appliedIndex ?? '–'),
        el('td', {class: 'health'}, cutOff, health),
        el('td', {class: 'num committed-rate'}, rate ? fixed(rate.committed) : '–'),
        el('td', {class: 'num rejected-rate'}, rate ? fixed(rate.rejected) : '–'),
        el('td', {class: 'num p99'}, fixed(nodeP99))));
  }
  $('#totals .committed-rate').textContent = measured ? fixed(committed) : '–';
  $('#totals .rejected-rate').textContent = measured ? fixed(rejected) : '–';
  $('#totals .p99').textContent = fixed(p99);
  if (measured) {
    state.rates.push(committed);
    if (state.rates.length > RATE_HISTORY) state.rates.shift();
    drawRateChart();
  }
}

function drawRateChart() {
  const chart = $('#rate-chart');
  const width = 600;
  const height = 120;
  const top = Math.max(1, ...state.rates) * 1.1;
  const step = width / (RATE_HISTORY - 1);
  const offset = RATE_HISTORY - state.rates.length;
  const points = state.rates.map((rate, i) =>
      `${((offset + i) * step).toFixed(1)},${(height - rate / top * height).toFixed(1)}`);
  chart.replaceChildren(
      svg('polyline', {points: points.join(' '), fill: 'none', stroke: '#3164b5', 'stroke-width': 2,
        'vector-effect': 'non-scaling-stroke'}),
      svg('text', {x: 4, y: 14, 'font-size': 12, fill: '#6b7480'}, `max ${fixed(top / 1.1)} /s`));
}

/**
 * Each side's view of the leader and term (and, in the zookeeper mode, of its session when not plainly connected):
 * the nodes grouped by what they say. One group: they agree. More: a partition, or an election under way (which ends
 * within seconds; a partition lasts).
 */
function renderViews(nodes) {
  const views = new Map();
  const silent = [];
  for (const node of nodes) {
    if (!node.reachable) {
      silent.push(node.id);
      continue;
    }
    const cluster = node.cluster || {};
    if (cluster.role === 'STATELESS') return;  // a database mode: nobody leads
    const known = cluster.term !== null && cluster.term !== undefined;
    const trouble = sessionTrouble(node);
    const key = `${cluster.leader ?? ''} ${cluster.term} ${trouble}`;
    if (!views.has(key)) {
      const under = (known ? ` ${underTerm(cluster, cluster.term)}` : '') + (trouble ? ` (${trouble})` : '');
      views.set(key, {leader: cluster.leader, under, nodes: []});
    }
    views.get(key).nodes.push(node.id);
  }
  const parts = [...views.values()].map((view) => `${view.nodes.join(', ')} ${view.nodes.length > 1 ? 'see' : 'sees'} `
      + `${view.leader ? view.leader + ' leading' : 'no leader'}${view.under}`);
  if (silent.length) parts.push(`${silent.join(', ')}: no answer`);
  const differ = views.size > 1;
  const line = $('#views');
  line.hidden = false;
  line.className = `views ${differ ? 'bad' : 'ok'}`;
  line.textContent = `${differ ? 'Views differ (a partition, or an election under way)' : 'One view'}: ${parts.join(' · ')}`;
}

/**
 * A node that the page's node cannot reach may still answer this browser (the host reaches both sides of a
 * partition between nodes): then it tells its own view, marked as cut off from the page's node.
 */
async function askDirectly(node) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DIRECT_TIMEOUT_MS);
  try {
    const response = await fetch(new URL('/dashboard/node', node.url), {cache: 'no-store', signal: abort.signal});
    if (!response.ok) return node;
    const own = await response.json();
    return {...node, reachable: true, cutOffFromPage: true, ready: own.ready, cluster: own.cluster, stats: own.stats};
  } catch (unreachable) {
    return node;
  } finally {
    clearTimeout(timer);
  }
}

async function pollNodes() {
  const answer = await getJson('/dashboard/nodes').catch(() => null);
  if (!answer || !answer.ok) {
    $('#updated').textContent = 'this node does not answer';
    return;
  }
  const nodes = await Promise.all(answer.body.nodes.map((node) => node.reachable ? node : askDirectly(node)));
  renderNodes(nodes);
  renderViews(nodes);
  const self = nodes.find((node) => node.reachable && node.url === location.origin) || nodes.find((n) => n.reachable);
  if (self && self.cluster) {
    $('#mode').textContent = `mode ${self.cluster.mode}`;
    $('#served-by').textContent = `page served by ${self.cluster.node}`;
  }
  $('#updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

// ---- transfers and accounts

function watchAccount(id) {
  if (id && !state.accounts.includes(id)) state.accounts.push(id);
}

async function refreshBalances() {
  const rows = await Promise.all(state.accounts.map(async (id) => {
    const answer = await getJson(`/accounts/${encodeURIComponent(id)}`).catch(() => null);
    const balance = answer && answer.ok ? String(answer.body.balance) : answer ? problemText(answer.status, answer.body) : '–';
    return el('tr', {'data-account': id}, el('td', {}, id), el('td', {class: 'num balance'}, balance));
  }));
  $('#balances tbody').replaceChildren(...rows);
}

async function refreshTransfers() {
  const answer = await getJson(`/transfers?limit=${RECENT_LIMIT}`);
  if (!answer.ok) return;
  $('#transfers tbody').replaceChildren(...answer.body.transfers.map((t) => el('tr', {'data-transfer': t.id},
      el('td', {}, time(t.createdAt)),
      el('td', {}, t.from),
      el('td', {}, t.to),
      el('td', {class: 'num'}, String(t.amount)),
      el('td', {}, el('span', {class: t.status === 'COMMITTED' ? 'ok' : 'bad'},
          t.status + (t.reason ? ` (${t.reason})` : ''))),
      el('td', {class: 'muted', title: t.id}, t.id.slice(0, 8)))));
}

function showResult(selector, ok, text) {
  const result = $(selector);
  result.className = `result ${ok ? 'ok' : 'bad'}`;
  result.textContent = text;
}

/** A key per submission: a retry of the same submission would reuse it, a new submission never does. */
function newIdempotencyKey() {
  return 'dashboard-' + (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
}

async function post(path, payload, headers = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json', ...headers},
    body: JSON.stringify(payload),
  });
  return {status: response.status, ok: response.ok, body: await response.json().catch(() => null)};
}

async function openAccount(event) {
  event.preventDefault();
  const id = $('#account-id').value.trim();
  const answer = await post('/accounts', {id, initialBalance: Number($('#account-balance').value)})
      .catch((failure) => ({status: 0, ok: false, body: {title: 'no answer', detail: String(failure)}}));
  if (answer.ok || answer.status === 409) watchAccount(id);
  showResult('#form-result', answer.ok, answer.ok ? `opened ${id} with ${answer.body.balance}`
      : problemText(answer.status, answer.body));
  await refreshBalances();
}

async function makeTransfer(event) {
  event.preventDefault();
  const from = $('#transfer-from').value.trim();
  const to = $('#transfer-to').value.trim();
  const amount = Number($('#transfer-amount').value);
  const answer = await post('/transfers', {from, to, amount}, {'Idempotency-Key': newIdempotencyKey()})
      .catch((failure) => ({status: 0, ok: false, body: {title: 'no answer', detail: String(failure)}}));
  watchAccount(from);
  watchAccount(to);
  showResult('#form-result', answer.ok, answer.ok
      ? `${answer.body.status}: ${amount} from ${from} to ${to} (transfer ${answer.body.id.slice(0, 8)})`
      : problemText(answer.status, answer.body));
  await Promise.all([refreshBalances(), refreshTransfers()]);
}

// ---- the comparison report

/** The modes with a leader, whose uniform scenario compare also runs with clients on every node. */
const LEADER_MODES = ['raft', 'zookeeper'];

/** A run's series: its mode, and a leader mode's run with clients on every node apart, as compare's table says. */
// A scenario in a regime: the runs drawn side by side (reports before the regimes have none).
function runGroup(run) {
  return run.regime ? `${run.scenario} (${run.regime})` : run.scenario;
}

function runLabel(run) {
  return run.clients === 'any node' && LEADER_MODES.includes(run.mode) ? `${run.mode} (any node)` : run.mode;
}

function groupedBars(chart, runs, modes, scenarios, value, unit) {
  const width = 560;
  const height = 260;
  const left = 48;
  const bottom = 40;
  const plotHeight = height - bottom - 24;
  const top = Math.max(1, ...runs.map(value)) * 1.15;
  const groupWidth = (width - left - 8) / scenarios.length;
  const barWidth = Math.min(28, (groupWidth - 12) / modes.length);
  const y = (v) => height - bottom - v / top * plotHeight;
  chart.replaceChildren();
  for (const tick of [0, 0.5, 1]) {
    const v = top / 1.15 * tick;
    chart.append(svg('line', {x1: left, x2: width - 4, y1: y(v), y2: y(v), stroke: '#dde2e8'}),
        svg('text', {x: left - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#6b7480'}, fixed(v, 0)));
  }
  scenarios.forEach((scenario, s) => {
    const x0 = left + s * groupWidth + (groupWidth - barWidth * modes.length) / 2;
    modes.forEach((mode, m) => {
      const run = runs.find((r) => runLabel(r) === mode && runGroup(r) === scenario);
      if (!run) return;
      const v = value(run);
      const bar = svg('rect', {x: x0 + m * barWidth, y: y(v), width: barWidth - 2, height: Math.max(0, y(0) - y(v)),
        fill: MODE_COLORS[m % MODE_COLORS.length], 'data-mode': mode, 'data-scenario': scenario});
      bar.append(svg('title', {}, `${mode} / ${scenario}: ${fixed(v)} ${unit}`));
      chart.append(bar, svg('text', {x: x0 + m * barWidth + barWidth / 2 - 1, y: y(v) - 3, 'text-anchor': 'middle',
        'font-size': 9, fill: '#1d2430'}, fixed(v, 0)));
    });
    chart.append(svg('text', {x: left + s * groupWidth + groupWidth / 2, y: height - bottom + 14,
      'text-anchor': 'middle', 'font-size': 12, fill: '#1d2430'}, scenario));
  });
  let legendX = left;
  modes.forEach((mode, m) => {
    chart.append(svg('rect', {x: legendX, y: height - 14, width: 10, height: 10, fill: MODE_COLORS[m % MODE_COLORS.length]}),
        svg('text', {x: legendX + 14, y: height - 5, 'font-size': 11, fill: '#1d2430'}, mode));
    legendX += 20 + mode.length * 7;
  });
}

function auditCell(audit) {
  if (!audit) return el('td', {}, '–');
  if (audit.ok) return el('td', {class: 'ok'}, '✓ all invariants hold');
  const failed = Object.entries(audit).filter(([name, ok]) => name !== 'ok' && ok === false).map(([name]) => name);
  return el('td', {class: 'bad'}, `✗ ${failed.join(', ')}`);
}

async function loadReport() {
  const response = await fetch('/dashboard/report', {headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    $('#report-source').textContent = problemText(response.status, body);
    return;
  }
  const source = response.headers.get('Ledger-Report-Source');
  const page = response.headers.get('Ledger-Report-Html');
  const env = body.environment || {};
  const runs = body.runs || [];
  const auditOk = runs.every((run) => run.audit && run.audit.ok);
  $('#report-source').replaceChildren(
      `${source === 'bundled' ? 'the benchmark bundled with this build (src/docs/benchmarks)' : 'reports/' + source}`
      + ` — started ${env.startedAt || '?'}, commit ${env.gitSha || '?'}, ${env.nodes || '?'} nodes, `
      + `${env.clients || '?'} clients, ${env.cpus || '?'} CPUs. Audit: `,
      el('span', {id: 'report-audit', class: auditOk ? 'ok' : 'bad'},
          auditOk ? `passed in all ${runs.length} runs` : 'FAILED in some runs (see the table)'),
      page ? ' · ' : '', page ? el('a', {id: 'report-html', href: page}, 'the full report, second by second') : '');
  const modes = [...new Set(runs.map(runLabel))];
  const scenarios = [...new Set(runs.map(runGroup))];
  groupedBars($('#report-throughput'), runs, modes, scenarios, (run) => run.committedPerSec, 'committed/s');
  groupedBars($('#report-p99'), runs, modes, scenarios, (run) => run.p99Ms, 'ms');
  $('#report-runs tbody').replaceChildren(...runs.map((run) => el('tr', {},
      el('td', {}, runLabel(run)), el('td', {}, runGroup(run)),
      el('td', {class: 'num'}, fixed(run.committedPerSec)), el('td', {class: 'num'}, fixed(run.p50Ms)),
      el('td', {class: 'num'}, fixed(run.p99Ms)), el('td', {class: 'num'}, String(run.unavailabilityMs ?? '–')),
      auditCell(run.audit))));
  const baselines = (body.baselines || []).map((b) =>
      `${b.name}: ${b.committedPerSec !== null && b.committedPerSec !== undefined
          ? fixed(b.committedPerSec) + ' committed/s' : fixed(b.requestsPerSec) + ' requests/s'}`);
  $('#report-baselines').textContent = baselines.length ? `Baselines — ${baselines.join('; ')}` : '';
  $('#report-verdict').replaceChildren(...(body.verdict || []).map((v) => el('li', {},
      `${v.regime}, ${v.scenario}: ${v.winner}` + (v.ratioToRunnerUp ? `, ${fixed(v.ratioToRunnerUp, 2)}x the runner-up` : ''))));
}

// ---- faults (admin endpoints, on only when the operator enabled them)

async function loadFaults() {
  const answer = await getJson('/admin').catch(() => null);
  const on = answer && answer.ok && answer.body && answer.body.faultInjection === true;
  $('#faults-on').hidden = !on;
  $('#faults-off').hidden = on;
}

async function fault(path, what) {
  const token = $('#admin-token').value;
  if (!token) {
    showResult('#fault-result', false, 'paste the admin token that ./ledger up --faults printed');
    return;
  }
  const response = await fetch(path, {method: 'POST', headers: {Authorization: `Bearer ${token}`, Accept: 'application/json'}})
      .catch(() => null);
  if (!response) {
    showResult('#fault-result', false, 'no answer');
    return;
  }
  const body = await response.json().catch(() => null);
  const ok = response.status === 202;
  showResult('#fault-result', ok, ok ? `${body.action} sent to ${body.node}: watch the cluster table` : problemText(response.status, body));
  if (ok) addEvent(`${what} ${body.node}`);
}

// ---- start

document.addEventListener('DOMContentLoaded', () => {
  $('#account-form').addEventListener('submit', openAccount);
  $('#transfer-form').addEventListener('submit', makeTransfer);
  $('#kill-leader').addEventListener('click', () => fault('/admin/faults/kill-leader', 'killed'));
  $('#pause-leader').addEventListener('click', () =>
      fault(`/admin/faults/pause-leader?seconds=${encodeURIComponent($('#pause-seconds').value)}`, 'paused'));
  every(NODES_POLL_MS, pollNodes);
  every(TRANSFERS_POLL_MS, () => Promise.all([refreshTransfers(), refreshBalances()]));
  loadReport().catch((failure) => { $('#report-source').textContent = `report: ${failure}`; });
  loadFaults();
});
