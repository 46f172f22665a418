#!/usr/bin/env python3
"""The four Galera tests against replicas on the given base URLs. Prints one figure per line and a JSON summary.

usage: load.py TEST BASE_URL [BASE_URL ...]   TEST: setup | duplicates | work | kill
Sizes come from the environment: EMAILS (2000), LEADS (1500), PULLERS (12), KILL_LEADS (3000).
The kill test needs KILL_CMD and RESTART_CMD (shell commands that SIGKILL and restart the last replica's node).
"""
import http.client, json, os, subprocess, sys, threading, time, uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

ADMIN = os.environ.get("ADMIN_KEY", "galera-bench-admin-key-0123456789")
KEY_FILE = os.environ.get("KEY_FILE", "target/galera-bench-key")
RUN = uuid.uuid4().hex[:8]
local = threading.local()


def conn(base):
    pool = getattr(local, "pool", None)
    if pool is None:
        pool = local.pool = {}
    if base not in pool:
        u = urlparse(base)
        pool[base] = http.client.HTTPConnection(u.hostname, u.port, timeout=40)
    return pool[base]


def call(base, method, path, body=None, key=None, idem=None):
    """(status, parsed body or None); status -1 when the replica did not answer at all."""
    headers = {"Authorization": "Bearer " + (key or api_key())}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if idem:
        headers["Idempotency-Key"] = idem
    c = conn(base)
    try:
        c.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        r = c.getresponse()
        data = r.read()
    except (OSError, http.client.HTTPException):
        c.close()
        local.pool.pop(base, None)
        return -1, None
    try:
        return r.status, json.loads(data) if data else None
    except ValueError:
        return r.status, None


_key = None


def api_key():
    global _key
    if _key is None:
        with open(KEY_FILE) as f:
            _key = f.read().strip()
    return _key


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.by = {}

    def add(self, what, status):
        with self.lock:
            d = self.by.setdefault(what, {})
            d[status] = d.get(status, 0) + 1

    def get(self, what, status):
        return self.by.get(what, {}).get(status, 0)

    def total(self, what):
        return sum(self.by.get(what, {}).values())

    def fives(self, what, code):
        return self.get(what, code)


def setup(bases):
    status, body = call(bases[0], "POST", "/api/v1/api-keys",
                        {"name": "galera-bench-" + RUN, "scopes": ["admin"], "ratePerSecond": 100000, "burst": 100000}, key=ADMIN)
    assert status == 201, (status, body)
    with open(KEY_FILE, "w") as f:
        f.write(body["key"])
    print("api key created")


def lead(i, tag):
    return {"email": f"{tag}-{RUN}-{i}@company{i % 500}.example", "title": "VP Sales", "source": "galera-bench",
            "employeeCount": i % 3000}


def duplicates(bases):
    n = int(os.environ.get("EMAILS", 2000))
    counts = Counts()
    ids = {}

    def post_twice(i):
        body = lead(i, "dup")
        a, b = bases[i % len(bases)], bases[(i + 1) % len(bases)]
        got = []
        with ThreadPoolExecutor(2) as two:
            for status, answer in two.map(lambda base: call(base, "POST", "/api/v1/leads", body), (a, b)):
                counts.add("post", status)
                if status in (200, 201):
                    got.append(answer["lead"]["id"])
        ids[i] = set(got)

    t0 = time.time()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(post_twice, range(n)))
    took = time.time() - t0
    split = sum(1 for s in ids.values() if len(s) > 1)
    total = counts.total("post")
    print(f"duplicates: {n} emails posted twice at once to two replicas: {total} posts, "
          f"{counts.get('post', 500)} x 500, {counts.get('post', 503)} x 503, {counts.get('post', 409)} x 409 (conflicts that outlasted "
          f"the retries), {split} emails answered with two lead ids, "
          f"{took:.0f} s")
    return {"posts": total, "500": counts.get("post", 500), "503": counts.get("post", 503), "split": split,
            "statuses": counts.by.get("post", {})}


def work(bases):
    n = int(os.environ.get("LEADS", 1500))
    pullers = int(os.environ.get("PULLERS", 12))
    counts = Counts()
    for r in range(pullers):
        status, _ = call(bases[0], "PUT", f"/api/v1/queues/inbound/members/gp-{RUN}-{r}", {})
        assert status == 200, status
    # the leads to work on: created before the clock starts (batches, through every replica)
    created = 0

    def post_batch(chunk):
        items = [lead(i, "work") for i in chunk]
        for _ in range(20):
            status, body = call(bases[chunk[0] % len(bases)], "POST", "/api/v1/leads/batch", {"leads": items})
            counts.add("intake", status)
            if status == 200:
                return sum(1 for r in body["results"] if r.get("outcome") in ("created", "merged", "updated"))
            time.sleep(0.5)
        return 0

    with ThreadPoolExecutor(3) as pool:
        created = sum(pool.map(post_batch, [list(range(i, min(n, i + 100))) for i in range(0, n, 100)]))
    judged = {}
    stop = threading.Event()
    feed_counts = Counts()

    def read_feed(base):
        cursor = None
        while not stop.is_set():
            path = "/api/v1/events?limit=500" + (f"&after={cursor}" if cursor else "")
            status, body = call(base, "GET", path)
            feed_counts.add("feed", status)
            if status == 200 and body.get("nextCursor"):
                cursor = body["nextCursor"]
            time.sleep(0.2)

    def pull(r):
        base = bases[r % len(bases)]
        rep = f"gp-{RUN}-{r}"
        idle = 0
        while idle < 5 and len(judged) < created:
            status, body = call(base, "POST", "/api/v1/queues/inbound/claims", {"repId": rep, "count": 1, "leaseSeconds": 300})
            counts.add("claim", status)
            if status != 200:
                time.sleep(0.05)
                continue
            if not body["claimed"]:
                idle += 1
                time.sleep(0.5)
                continue
            idle = 0
            for c in body["claimed"]:
                lid, token = c["lead"]["id"], c["leaseToken"]
                verdict = {"outcome": "ACCEPTED", "repId": rep, "leaseToken": token}
                for _ in range(20):
                    status, _ = call(base, "POST", f"/api/v1/leads/{lid}/feedback", verdict, idem=f"fb-{lid}-{token}")
                    counts.add("verdict", status)
                    if status in (200, 409):
                        break
                    time.sleep(0.1)
                if status == 200:
                    if lid in judged:
                        counts.add("double-verdict", 1)
                    judged[lid] = rep

    readers = [threading.Thread(target=read_feed, args=(b,)) for b in bases]
    for t in readers:
        t.start()
    t0 = time.time()
    with ThreadPoolExecutor(pullers) as pool:
        list(pool.map(pull, range(pullers)))
    took = time.time() - t0
    stop.set()
    for t in readers:
        t.join()
    rate = len(judged) / took if took else 0
    print(f"work: {created} leads claimed and judged by {pullers} pullers over {len(bases)} replica(s): "
          f"{len(judged)} verdicts in {took:.1f} s = {rate:.1f} verdicts/s; claims {counts.total('claim')} "
          f"({counts.get('claim', 500)} x 500, {counts.get('claim', 503)} x 503), verdicts {counts.total('verdict')} "
          f"({counts.get('verdict', 500)} x 500, {counts.get('verdict', 503)} x 503, {counts.get('verdict', 409)} x 409), "
          f"double verdicts {counts.total('double-verdict')}")
    print(f"feed: {feed_counts.total('feed')} reads during the work test, {feed_counts.get('feed', 500)} x 500, "
          f"{feed_counts.get('feed', 503)} x 503")
    return {"leads": created, "verdicts": len(judged), "seconds": round(took, 1), "rate": round(rate, 1),
            "claim": counts.by.get("claim", {}), "verdict": counts.by.get("verdict", {}), "intake": counts.by.get("intake", {}),
            "doubleVerdicts": counts.total("double-verdict"), "feed": feed_counts.by.get("feed", {}),
            "500": counts.get("claim", 500) + counts.get("verdict", 500) + feed_counts.get("feed", 500)}


def kill(bases):
    n = int(os.environ.get("KILL_LEADS", 3000))
    counts = Counts()
    acknowledged = {}
    victim = bases[-1]
    stalls = []
    blocked = []

    def post(i):
        body = lead(i, "kill")
        key = f"kill-{RUN}-{i}"
        base = bases[i % len(bases)]
        first = None
        t0 = time.time()
        for attempt in range(200):
            s0 = time.time()
            status, answer = call(base, "POST", "/api/v1/leads", body, idem=key)
            spent = time.time() - s0
            counts.add("post", status)
            if base != victim and spent > 2:
                with counts.lock:
                    stalls.append(spent)
            if status in (200, 201):
                acknowledged[body["email"]] = answer["lead"]["id"]
                if first is not None:
                    with counts.lock:
                        blocked.append(time.time() - first)
                return
            if first is None:
                first = t0
            if status in (-1, 503) and base == victim:
                base = bases[(bases.index(base) + 1 + attempt) % (len(bases) - 1)]  # a client moves to a live replica
            time.sleep(0.2)

    done = [0]

    def counted(i):
        post(i)
        done[0] += 1

    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(counted, i) for i in range(n)]
        while done[0] < n // 3:
            time.sleep(0.1)
        subprocess.run(os.environ["KILL_CMD"], shell=True, check=True)
        killed_at = time.time()
        for f in futures:
            f.result()
    intake_done = time.time()
    t_restart = time.time()
    subprocess.run(os.environ["RESTART_CMD"], shell=True, check=True)
    rejoined = time.time() - t_restart
    recovered = None
    for _ in range(600):
        status, _ = call(victim, "GET", "/api/v1/leads?limit=1")
        if status == 200:
            recovered = time.time() - t_restart
            break
        time.sleep(0.5)
    missing = 0
    for email, lid in acknowledged.items():
        status, body = call(bases[0], "GET", f"/api/v1/leads/{lid}")
        if status != 200:
            missing += 1
    victim_statuses = counts.by.get("post", {})
    print(f"kill: {n} leads posted with Idempotency-Key through {len(bases)} replicas, node of the last one SIGKILLed after "
          f"{n // 3}: {counts.get('post', 500)} x 500, {counts.get('post', 503)} x 503, {counts.get('post', -1)} unanswered; "
          f"{len(acknowledged)} acknowledged, {missing} of them missing; longest answer of a live replica "
          f"{max(stalls, default=0):.1f} s ({len(stalls)} over 2 s); longest retry wait of a key {max(blocked, default=0):.1f} s; "
          f"node rejoined in {rejoined:.0f} s, its replica answered 200 again {recovered and f'{recovered:.0f} s' or 'never'} after restart")
    return {"500": counts.get("post", 500), "statuses": victim_statuses, "acknowledged": len(acknowledged), "missing": missing,
            "longestStall": round(max(stalls, default=0), 1), "longestKeyWait": round(max(blocked, default=0), 1),
            "recovered": recovered and round(recovered, 1), "rejoined": round(rejoined, 1)}


if __name__ == "__main__":
    test, bases = sys.argv[1], sys.argv[2:]
    result = {"setup": setup, "duplicates": duplicates, "work": work, "kill": kill}[test](bases)
    if result is not None:
        out = os.environ.get("RESULT_FILE")
        if out:
            with open(out, "a") as f:
                f.write(json.dumps({"test": test, "replicas": len(bases), **result}) + "\n")
