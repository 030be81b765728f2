#!/usr/bin/env python3
"""Black-box consistency checker for a running ledger (Python 3 standard library only).

An independent client on purpose: it shares no code (nor retry policy) with the Java load driver and tests, so that
a bug in their client cannot hide the same bug in the service.

Many client threads send transfers over hot accounts to every node, each with an Idempotency-Key, and resolve every
unknown outcome (timeout, 202 accepted by the workflow mode's workflow, 409 in flight / write conflict, 503
outcome-unknown) by retrying the same key, sometimes on another node, until the answer is a decision; 503 unavailable (nothing was done) is retried with the same key too, which is safe; with
--leader-aware it sends to the leader with ?redirect and follows a follower's 307 there (nothing was done);
some acknowledged transfers are sent again as if the response had been lost, and bad inputs are mixed in. Then it
checks, from the outside, that nothing was lost, duplicated or invented:
  - every account's balance == opening + the acknowledged transfers, exactly;
  - every account's entries are exactly the acknowledged transfers touching it, once each;
  - every acknowledged transfer reads back as COMMITTED; every replay returned the same transfer;
  - every bad input got a 4xx application/problem+json; the service's own audit is clean.
It also reports the longest stretch without an acknowledged transfer (longestGapS, starting longestGapAtS seconds
into the run): the write gap of a fault made during the run.

  python3 load-tests/checker/ledger_check.py --urls http://127.0.0.1:8081,http://127.0.0.1:8082 --transfers 3000
Exit status 0 when no anomaly was found.
"""
import argparse, http.client, json, random, sys, threading, time, uuid
from urllib.parse import urlparse

RETRYABLE = {202, 409, 503, None}  # None: no answer (timeout, connection refused or reset)
# The two kinds of 503, counted apart: nothing was done, or the outcome is open (only the same key can tell).
UNAVAILABLE, OUTCOME_UNKNOWN = "/problems/unavailable", "/problems/outcome-unknown"


class Node:
    def __init__(self, url):
        u = urlparse(url)
        self.host, self.port, self.url = u.hostname, u.port, url
        self.local = threading.local()

    def request(self, method, path, body=None, headers=None, timeout=10):
        """(status, parsed body, headers) or (None, error, {}) when the outcome is unknown."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            raw = resp.read()
            ctype = resp.getheader("Content-Type", "")
            parsed = json.loads(raw) if raw and "json" in ctype else raw
            return resp.status, parsed, {k.lower(): v for k, v in resp.getheaders()}
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            self.local.conn = None
            return None, repr(e), {}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--urls", default="http://127.0.0.1:8081")
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--transfers", type=int, default=3000)
    p.add_argument("--accounts", type=int, default=10, help="hot accounts shared by all clients")
    p.add_argument("--opening", type=int, default=10_000)
    p.add_argument("--max-amount", type=int, default=4_000)
    p.add_argument("--max-attempts", type=int, default=50)
    p.add_argument("--deadline-s", type=float, default=600)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--leader-aware", action="store_true",
                   help="send to the leader with ?redirect, following a follower's 307 (raft, zookeeper modes)")
    a = p.parse_args()
    nodes = [Node(u) for u in a.urls.split(",")]
    run = uuid.uuid4().hex[:8]
    anomalies, lock = [], threading.Lock()

    def anomaly(msg):
        with lock:
            if len(anomalies) < 50:
                anomalies.append(msg)

    accounts = [f"chk-{run}-{i}" for i in range(a.accounts)]
    for acc in accounts:
        s, b, _ = nodes[0].request("POST", "/accounts", json.dumps({"id": acc, "initialBalance": a.opening}),
                                   {"Content-Type": "application/json"})
        if s != 201:
            sys.exit(f"cannot create {acc}: {s} {b}")

    acked = {}          # transfer id -> (from, to, amount)
    acked_at = []       # when each first acknowledgement arrived: the longest stretch without one is the write gap
    counts = {"committed": 0, "rejected": 0, "gave_up": 0, "retries": 0, "replays": 0, "bad_inputs": 0,
              "unavailable": 0, "outcome_unknown": 0}
    deadline = time.time() + a.deadline_s
    jobs = iter(range(a.transfers))
    start = time.time()

    leader = [nodes[0]]     # --leader-aware: the node believed to lead
    known = {n.url.rstrip("/"): n for n in nodes}

    def node_at(location):
        """The node a redirect's Location points at (one not in --urls is added: a pod behind a Service)."""
        u = urlparse(location)
        base = f"{u.scheme}://{u.netloc}"
        with lock:
            return known.setdefault(base, Node(base))

    def send(rnd, body, headers):
        """One attempt. Leader-aware: to the believed leader with ?redirect, following a 307 (nothing was done)."""
        if not a.leader_aware:
            return rnd.choice(nodes).request("POST", "/transfers", body, headers)
        node = leader[0]
        for _ in range(3):
            status, b, h = node.request("POST", "/transfers?redirect", body, headers)
            if status != 307:
                break
            node = leader[0] = node_at(h["location"])
        if status in RETRYABLE or status == 307:
            leader[0] = rnd.choice(nodes)
        return status, b, h

    def post(rnd, body, headers, retry_on):
        """POST to random nodes until the answer is not in retry_on (bounded): how a client resolves an unknown."""
        status, b, h = None, None, {}
        for attempt in range(a.max_attempts):
            status, b, h = send(rnd, body, headers)
            if status not in retry_on:
                break
            kind = b.get("type") if status == 503 and isinstance(b, dict) else None
            with lock:
                counts["retries"] += 1
                if kind == UNAVAILABLE:
                    counts["unavailable"] += 1
                elif kind == OUTCOME_UNKNOWN:
                    counts["outcome_unknown"] += 1
            time.sleep(min(0.5, 0.01 * (attempt + 1)))
        return status, b, h

    def bad_input(rnd):
        f, t = rnd.sample(accounts, 2)
        cases = [
            ('{"from":"%s","to":"%s","amount":0}' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":"5"}' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":1.5}' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":-3}' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":99999999999999999999}' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":5' % (f, t), "application/json", {}),
            ('{"from":"%s","to":"%s","amount":5}' % (f, f), "application/json", {}),
            ('{"from":"x\'; drop table account;--","to":"%s","amount":5}' % t, "application/json", {}),
            ('{"from":"%s","to":"%s","amount":5}' % (f, t), "text/plain", {}),
            ('{"from":"%s","to":"%s","amount":5}' % (f, t), "application/json", {"Idempotency-Key": "k" * 300}),
            ('{"from":"%s","to":"nobody-%s","amount":5}' % (f, run), "application/json", {}),
        ]
        body, ctype, extra = rnd.choice(cases)
        headers = {"Content-Type": ctype, **extra}
        s, b, h = post(rnd, body, headers, {None})
        ok = s is not None and 400 <= s < 500 and h.get("content-type", "").startswith("application/problem+json")
        if not ok:
            anomaly(f"bad input {body[:60]!r} answered {s} {str(b)[:120]}")
        with lock:
            counts["bad_inputs"] += 1

    def worker(wid):
        rnd = random.Random(a.seed * 1000 + wid)
        while time.time() < deadline:
            with lock:
                i = next(jobs, None)
            if i is None:
                return
            if rnd.random() < 0.05:
                bad_input(rnd)
            f, t = rnd.sample(accounts, 2)
            amount = rnd.randint(1, a.max_amount)
            key = f"{run}-{i}"
            body = json.dumps({"from": f, "to": t, "amount": amount})
            headers = {"Content-Type": "application/json", "Idempotency-Key": key}
            status, b, _ = post(rnd, body, headers, RETRYABLE)
            if status == 201:
                with lock:
                    if b["id"] in acked:
                        anomaly(f"transfer {b['id']} acknowledged twice")
                    acked[b["id"]] = (f, t, amount)
                    acked_at.append(time.time())
                    counts["committed"] += 1
                if rnd.random() < 0.1:  # the response was "lost": send it again, expect the same transfer
                    s2, b2, h2 = post(rnd, body, headers, RETRYABLE)
                    with lock:
                        counts["replays"] += 1
                    if s2 != 201 or b2.get("id") != b["id"] or h2.get("idempotent-replayed") != "true":
                        anomaly(f"replay of {key} answered {s2} {str(b2)[:120]}")
            elif status == 422:
                with lock:
                    counts["rejected"] += 1
                if b.get("type") != "/problems/insufficient-funds":
                    anomaly(f"unexpected 422 {b}")
            elif status in RETRYABLE:
                with lock:
                    counts["gave_up"] += 1  # outcome unknown: checked below through the key's transfer
                    gave_up_keys.append((key, f, t, amount))
            else:
                anomaly(f"transfer {key} answered {status} {str(b)[:160]}")

    gave_up_keys = []
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(a.threads)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.time() - start
    moments = [start] + sorted(acked_at) + [start + elapsed]
    gap, gap_at = max((later - earlier, earlier - start) for earlier, later in zip(moments, moments[1:]))

    # An unresolved key is settled by one more retry now that the load is over.
    for key, f, t, amount in gave_up_keys:
        body = json.dumps({"from": f, "to": t, "amount": amount})
        for attempt in range(a.max_attempts):
            s, b, _ = nodes[attempt % len(nodes)].request(
                "POST", "/transfers", body, {"Content-Type": "application/json", "Idempotency-Key": key})
            if s not in RETRYABLE:
                break
            time.sleep(0.2)
        if s == 201:
            acked[b["id"]] = (f, t, amount)
        elif s != 422:
            anomaly(f"unresolved key {key}: {s}")

    def read(path):
        """GET from the first node that answers 200: the checks must not fail because a node was killed."""
        last = None
        for node in nodes:
            status, body, _ = node.request("GET", path)
            if status == 200:
                return body
            last = (status, body)
        anomaly(f"GET {path}: no node answered 200 (last: {last})")
        return None

    expected = {acc: a.opening for acc in accounts}
    touching = {acc: set() for acc in accounts}
    for tid, (f, t, amount) in acked.items():
        expected[f] -= amount
        expected[t] += amount
        touching[f].add(tid)
        touching[t].add(tid)
    for acc in accounts:
        b = read(f"/accounts/{acc}")
        if b is None or b["balance"] != expected[acc]:
            anomaly(f"{acc}: balance {b and b['balance']} != expected {expected[acc]}")
        seen, after = [], 0
        while True:
            page = read(f"/accounts/{acc}/entries?limit=500&after={after}")
            if page is None:
                break
            seen += [e["transferId"] for e in page["entries"]]
            if page["nextAfter"] is None:
                break
            after = page["nextAfter"]
        if len(seen) != len(set(seen)) or set(seen) != touching[acc]:
            anomaly(f"{acc}: {len(seen)} entries ({len(set(seen))} distinct), expected {len(touching[acc])}")
    for tid in list(acked)[:: max(1, len(acked) // 200)]:
        b = read(f"/transfers/{tid}")
        if b is None or b["status"] != "COMMITTED":
            anomaly(f"acknowledged {tid} reads back {b}")
    audit = read("/ledger/audit")
    if audit is None or not audit.get("ok"):
        anomaly(f"audit: {audit}")

    print(json.dumps({"nodes": len(nodes), "threads": a.threads, "hotAccounts": a.accounts, **counts,
                      "seconds": round(elapsed, 1), "committedPerSec": round(counts["committed"] / elapsed, 1),
                      "longestGapS": round(gap, 2), "longestGapAtS": round(gap_at, 1),
                      "anomalies": len(anomalies)}))
    for m in anomalies:
        print("ANOMALY", m)
    sys.exit(1 if anomalies else 0)


if __name__ == "__main__":
    main()
