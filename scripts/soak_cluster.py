#!/usr/bin/env python3
"""Past one machine, under load: two Guichet instances behind nginx on one PostgreSQL primary,
reports on a streaming replica (scripts/cluster.sh). Concurrent filings with idempotency keys go
through nginx while each instance in turn is SIGKILLed and restarted; the other carries on.

Afterwards:
  * every case whose 201 a client received is in the database and tracks with its key;
  * references are gapless per office and year; no idempotency key made two cases;
  * failures through nginx are only those of requests in flight on a killed instance (502), and
    every key retried after one still ends in a single case;
  * both instances' sweepers run at once past every deadline: one `escalated` event per case;
  * reports read the replica: with its replay paused, a case resolved on the primary stays in the
    overdue report until replay resumes; with the replica stopped, reports fall back to the primary
    and /readyz says so.

Usage: scripts/soak_cluster.py [--seconds 60] [--clients 8] [--kills 4]  (run by scripts/soak.sh)
Writes .build/soak/cluster-summary for the wrapper's summary line.
"""

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import ROOT, Ledger, client_loop, discover_services, psql, request, sh, verify_register  # noqa: E402

ADMIN, PASSWORD = "soak-admin", "soak-admin-password-" + uuid.uuid4().hex[:8]


def free_ports(count):
    """A base port with `count` free ports after it (nginx on base, instances on base+1…)."""
    for _ in range(100):
        base = random.randint(20000, 40000)
        try:
            for port in range(base, base + count + 1):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise SystemExit("soak-cluster: no free ports")


def sign_in(port):
    status, _, payload = request(port, "POST", "/api/v1/session", {"username": ADMIN, "password": PASSWORD})
    if status != 201:
        raise SystemExit(f"soak-cluster: sign-in failed: {status} {payload[:200]}")
    return {"Authorization": "Bearer " + json.loads(payload)["token"]}


def overdue(port, auth):
    status, _, payload = request(port, "GET", "/api/v1/reports/overdue", headers=auth, timeout=60)
    if status != 200:
        raise SystemExit(f"soak-cluster: overdue report answered {status}")
    return {item["reference"] for item in json.loads(payload)["items"]}


def wait_until(condition, seconds=20):
    started = time.time()
    while time.time() - started < seconds:
        if condition():
            return time.time() - started
        time.sleep(0.1)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=4)
    options = parser.parse_args()
    binary = os.environ.get("GUICHET_BIN") or ".build/release/guichet"

    sh("scripts/db.sh", "start")
    admin_url = sh("scripts/db.sh", "url", "postgres")
    name = f"guichet_cluster_{os.getpid()}"
    url = sh("scripts/db.sh", "url", name)
    psql(admin_url, f"CREATE DATABASE {name}")
    port = free_ports(2)
    env = dict(os.environ, CLUSTER_DB=name, CLUSTER_PORT=str(port), CLUSTER_INSTANCES="2", GUICHET_BIN=binary,
               CLUSTER_ARGS="--test-clock --no-access-log --filing-limit 1000000 --tracking-failure-limit 1000000 "
                            "--login-failure-limit 1000000 --workers 16 --db-pool 8")

    def cluster(*args):
        result = subprocess.run(["scripts/cluster.sh", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"soak-cluster: cluster.sh {' '.join(args)} failed: {result.stderr}")
        return result.stdout.strip()

    failures = []
    os.makedirs(os.path.join(ROOT, ".build/soak"), exist_ok=True)
    try:
        print(cluster("up"))
        subprocess.run([binary, "user", "add", "--username", ADMIN, "--role", "admin", "--password-stdin",
                        "--database-url", url], cwd=ROOT, input=PASSWORD, text=True, check=True,
                       capture_output=True)
        services = discover_services(port)

        # 1. Load through nginx; each instance in turn is SIGKILLed, the other carries on, and it
        #    comes back a moment later (as a supervisor like systemd would bring it back).
        ledger = Ledger()
        stop = threading.Event()
        threads = [threading.Thread(target=client_loop, args=(port, ledger, stop, services, n, "Cluster", (502, 503, 504)),
                                    daemon=True)
                   for n in range(options.clients)]
        for thread in threads:
            thread.start()
        started = time.time()
        phase = options.seconds / (options.kills + 1)
        for k in range(options.kills):
            time.sleep(phase * random.uniform(0.5, 0.8))
            instance = str(1 + k % 2)
            cluster("kill", instance)
            time.sleep(phase * 0.3)
            cluster("start", instance)
        time.sleep(max(1.0, options.seconds - (time.time() - started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

        # 2. The register: nothing acknowledged lost, gapless, one case per key.
        acknowledged = ledger.acknowledged
        checked, found, lost, in_db = verify_register(port, url, ledger)
        failures += checked
        refused = sum(ledger.refused.values())
        # Only what was in flight on a killed instance may fail: a few per kill and client.
        if refused > options.kills * options.clients * 3:
            failures.append(f"too many refusals through nginx: {ledger.refused}")

        # 3. Both sweepers at once, 40 days on: every open case escalated exactly once.
        later = (datetime.now(timezone.utc) + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ")

        def set_clock(instance_port):
            status, _, payload = request(instance_port, "PUT", "/api/v1/test/clock", {"now": later},
                                         headers=sign_in(instance_port), timeout=300)
            return status, payload

        with ThreadPoolExecutor(2) as pool:
            for status, payload in pool.map(set_clock, (port + 1, port + 2)):
                if status != 200:
                    failures.append(f"setting the clock answered {status}: {payload[:200]}")
        due = int(psql(url, f"SELECT count(*) FROM cases WHERE deadline_at <= '{later}'"))  # some delays are long
        escalated = int(psql(url, "SELECT count(DISTINCT reference) FROM case_events WHERE type = 'escalated'"))
        twice = psql(url, """SELECT reference FROM case_events WHERE type = 'escalated'
                              GROUP BY reference HAVING count(*) > 1 LIMIT 5""")
        if twice:
            failures.append(f"escalated more than once: {twice}")
        if escalated != due or due == 0:
            failures.append(f"{escalated} cases escalated of {due} overdue")

        # 4. Reports read the replica (replay paused: stale), then the primary once it is gone.
        replica = sh("scripts/db.sh", "replica", "url", name)
        auth = sign_in(port)  # once: the report is polled every 100 ms below
        caught_up = wait_until(lambda: len(overdue(port, auth)) == due)
        if caught_up is None:
            failures.append("the replica never showed every overdue case")
        reference = sorted(overdue(port, auth))[0]
        psql(replica, "SELECT pg_wal_replay_pause()")
        status, _, payload = request(port, "POST", f"/api/v1/cases/{reference}/status",
                                     {"status": "resolved", "public_message": "Prêt."}, headers=auth)
        if status != 200:
            failures.append(f"resolving {reference} answered {status}: {payload[:200]}")
        if reference not in overdue(port, auth):
            failures.append("with replay paused the report did not show the replica's (older) state")
        psql(replica, "SELECT pg_wal_replay_resume()")
        replayed = wait_until(lambda: reference not in overdue(port, auth))
        if replayed is None:
            failures.append("the resolved case never left the report after replay resumed")
        sh("scripts/db.sh", "replica", "stop", "immediate")
        fallback = overdue(port, auth)
        if reference in fallback or len(fallback) != due - 1:
            failures.append("with the replica down the report did not come from the primary")
        ready = json.loads(request(port, "GET", "/readyz")[2])
        if ready.get("reports_database") != "replica_unreachable":
            failures.append(f"/readyz with the replica down: {ready}")

        print(f"soak-cluster: {options.kills} SIGKILLs behind nginx, refusals {ledger.refused}, "
              f"abandoned keys {ledger.abandoned}, cases in database {len(in_db)}, overdue {due}, escalated once {escalated}, "
              f"replica replayed a resolution in {replayed if replayed is None else round(replayed, 2)} s")
        summary = (f"acknowledged {len(acknowledged)}, found {found}, lost {len(lost)}, refused {refused}, "
                   f"escalated once {escalated} of {due}")
        with open(os.path.join(ROOT, ".build/soak/cluster-summary"), "w") as out:
            out.write(summary)
        print("soak-cluster: " + summary)
    finally:
        subprocess.run(["scripts/cluster.sh", "down"], cwd=ROOT, env=env, capture_output=True)
        psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if failures:
        for failure in failures[:40]:
            print("soak-cluster: FAIL " + failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
