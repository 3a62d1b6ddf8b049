#!/usr/bin/env python3
"""Crash-consistency soak: concurrent filings with idempotency keys while the server is SIGKILLed
and restarted, then PostgreSQL stopped with `immediate` and started again under load.

Afterwards, from the database itself:
  * every case whose 201 a client received exists, with its `submitted` event and applicant,
    and still tracks with the key it was given;
  * references are gapless per office and year (1..N, no hole, no repeat);
  * no idempotency key produced two cases (client side: every 201 for one key names the same
    reference; server side: one stored key per case and no reference stored twice);
  * while PostgreSQL was down the server answered 503 with Retry-After, and it recovered by
    itself (no restart) once PostgreSQL was back.

Usage: scripts/soak.py [--seconds 60] [--clients 8] [--kills 4]  (run by scripts/soak.sh)
Prints a summary line the wrapper completes with the fuzzer's count.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(*args, check=True, capture=True):
    result = subprocess.run(args, cwd=ROOT, capture_output=capture, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"soak: {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip() if capture else ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The real binary on a fixed port, so clients keep their address across restarts."""

    def __init__(self, binary, url, port, log):
        self.binary, self.url, self.port, self.log = binary, url, port, log
        self.process = None
        self.starts = 0

    def start(self):
        args = [
            self.binary, "serve", "--port", str(self.port), "--database-url", self.url,
            "--public-dir", "Public", "--migrations-dir", "Migrations", "--no-access-log", "--no-sweeper",
            "--filing-limit", "1000000", "--tracking-failure-limit", "1000000",
            "--login-failure-limit", "1000000", "--workers", "16", "--db-pool", "8",
        ]
        self.process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log)
        self.starts += 1
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                status, _, _ = request(self.port, "GET", "/healthz", timeout=1)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("soak: server did not come up")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def request(port, method, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Ledger:
    """What clients saw, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}  # idempotency key → (office, reference, tracking key)
        self.conflicting_replays = []
        self.abandoned = 0  # keys given up without a 201 (their case may or may not exist)
        self.refused = {}  # what was refused on the way, by kind (expected during chaos)
        self.unexpected = []  # anything else: 4xx on a valid filing, 500, bad JSON

    def refuse(self, kind):
        with self.lock:
            self.refused[kind] = self.refused.get(kind, 0) + 1

    def record(self, key, office, answer):
        """A 201 for `key`: a replay naming another reference than before is a second case."""
        with self.lock:
            previous = self.acknowledged.get(key)
            if previous and previous[1] != answer["reference"]:
                self.conflicting_replays.append((key, previous[1], answer["reference"]))
            self.acknowledged[key] = (office, answer["reference"], answer["tracking_key"])


def client_loop(port, ledger, stop, services, seed, label="Soak", retry=(503,)):
    """Files cases until `stop`, each with a fresh idempotency key retried until a 201. `retry` are
    the statuses expected during the chaos (a 503 must carry Retry-After); anything else is
    unexpected."""
    rng = random.Random(seed)
    while not stop.is_set():
        office, service = rng.choice(services)
        key = str(uuid.UUID(int=rng.getrandbits(128)))
        body = {
            "office": office, "service": service, "subject": f"{label} {key[:8]}",
            "description": f"{label}: crash-consistency soak", "applicant": {"name": "Soak Client"},
        }
        for attempt in range(60):  # the same key again and again until a 201: at most one case
            try:
                status, headers, payload = request(port, "POST", "/api/v1/cases", body, {"Idempotency-Key": key})
            except (OSError, http.client.HTTPException):
                ledger.refuse("connection")
                time.sleep(0.1 + 0.05 * attempt)
                continue
            if status == 201:
                ledger.record(key, office, json.loads(payload))
                break
            if status in retry:
                if status == 503 and "Retry-After" not in headers:
                    ledger.unexpected.append((status, "503 without Retry-After"))
                ledger.refuse(str(status))
                time.sleep(0.1 + 0.02 * attempt)
                continue
            ledger.unexpected.append((status, payload[:200]))
            break
        else:
            with ledger.lock:
                ledger.abandoned += 1


def discover_services(port):
    """Three non-petition services of each demo office, as the guide lists them."""
    services = []
    for office in ("TUN", "TET"):
        guide = json.loads(request(port, "GET", f"/api/v1/services?office={office}")[2])
        items = guide.get("services") or guide.get("items") or []
        services += [(office, s["code"]) for s in items if s.get("kind") != "petition"][:3]
    return services


def verify_register(port, url, ledger):
    """Checks the register against what clients were told, through the API and in the database:
    every acknowledged case tracks with its key and is stored with its `submitted` event and
    applicant; references are gapless and no counter ran ahead; one case per idempotency key.
    Returns (failures, found, lost, cases in the database)."""
    failures = []
    acknowledged = ledger.acknowledged
    found = 0
    for office, reference, tracking_key in acknowledged.values():
        status, _, payload = request(port, "GET", f"/api/v1/track/{reference}", headers={"X-Tracking-Key": tracking_key})
        if status == 200 and json.loads(payload).get("timeline"):
            found += 1
        else:
            failures.append(f"{reference} acknowledged but tracks as {status}")
    rows = psql(url, """
        SELECT c.reference, count(e.seq) FILTER (WHERE e.type = 'submitted'), count(a.reference)
          FROM cases c LEFT JOIN case_events e USING (office, reference)
                       LEFT JOIN applicants a USING (office, reference)
         GROUP BY c.reference""")
    in_db = {}
    for line in rows.splitlines():
        reference, submitted, applicants = line.split("|")
        in_db[reference] = (int(submitted), int(applicants))
    lost = [r for (_, r, _) in acknowledged.values() if r not in in_db]
    for reference, (submitted, applicants) in in_db.items():
        if submitted != 1 or applicants < 1:
            failures.append(f"{reference}: {submitted} submitted events, {applicants} applicant rows")
    gaps = psql(url, """
        SELECT office || '-' || year || ': ' || count(*) || ' cases, max ' || max(number)
          FROM cases GROUP BY office, year HAVING count(*) <> max(number) OR min(number) <> 1""")
    if gaps:
        failures.append(f"references with holes: {gaps}")
    counters = psql(url, """
        SELECT r.office || '-' || r.year FROM reference_counters r
          LEFT JOIN (SELECT office, year, max(number) AS top FROM cases GROUP BY office, year) c
            USING (office, year)
         WHERE r.last_number <> coalesce(c.top, 0)""")
    if counters:
        failures.append(f"counters ahead of the register (a number taken, no case): {counters}")
    doubles = psql(url, "SELECT reference FROM idempotency_keys GROUP BY reference HAVING count(*) > 1")
    if doubles:
        failures.append(f"one case stored under several idempotency keys: {doubles}")
    keys = int(psql(url, "SELECT count(*) FROM idempotency_keys"))
    if keys != len(in_db):
        failures.append(f"{len(in_db)} cases but {keys} idempotency keys")
    references = [r for (_, r, _) in acknowledged.values()]
    if len(set(references)) != len(references):
        failures.append("two idempotency keys were answered with the same reference")
    # Cases no client saw acknowledged must be explained by keys given up on.
    orphans = len(in_db) - len(set(references))
    if orphans > ledger.abandoned:
        failures.append(f"{orphans} cases without an acknowledgement, but only {ledger.abandoned} keys abandoned")
    failures += [f"conflicting replay {c}" for c in ledger.conflicting_replays]
    failures += [f"unexpected answer {u}" for u in ledger.unexpected[:10]]
    failures += [f"lost {r}" for r in lost[:10]]
    return failures, found, lost, in_db


def psql(url, sql):
    return sh("psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--binary", default=os.environ.get("GUICHET_BIN", ""))
    options = parser.parse_args()
    binary = options.binary or next(
        (b for b in (".build/release/guichet", ".build/debug/guichet") if os.path.exists(os.path.join(ROOT, b))), "")
    if not binary:
        raise SystemExit("soak: build guichet first")

    sh("scripts/db.sh", "start")
    admin_url = sh("scripts/db.sh", "url", "postgres")
    name = f"guichet_soak_{os.getpid()}"
    url = sh("scripts/db.sh", "url", name)
    psql(admin_url, f"CREATE DATABASE {name}")
    os.makedirs(os.path.join(ROOT, ".build/soak"), exist_ok=True)
    log = open(os.path.join(ROOT, ".build/soak/server.err"), "w")
    server = Server(binary, url, free_port(), log)
    failures = []
    try:
        sh(binary, "migrate", "--database-url", url, "--migrations-dir", "Migrations")
        sh(binary, "seed-demo", "--database-url", url, "--migrations-dir", "Migrations")
        server.start()
        services = discover_services(server.port)

        ledger = Ledger()
        stop = threading.Event()
        threads = [
            threading.Thread(target=client_loop, args=(server.port, ledger, stop, services, n), daemon=True)
            for n in range(options.clients)
        ]
        for thread in threads:
            thread.start()
        started = time.time()
        phase = options.seconds / (options.kills + 3)

        # 1. SIGKILL and restart the server, several times, mid-load.
        for _ in range(options.kills):
            time.sleep(phase * random.uniform(0.6, 1.0))
            server.kill()
            time.sleep(0.3)
            server.start()

        # 2. PostgreSQL stops without a goodbye; the server must answer 503 + Retry-After meanwhile.
        time.sleep(phase * 0.7)
        sh("scripts/db.sh", "stop", "immediate")
        down_started = time.time()
        saw_503 = False
        while time.time() - down_started < 4:
            try:
                status, headers, _ = request(server.port, "GET", "/readyz", timeout=5)
                if status == 503 and "Retry-After" in headers:
                    saw_503 = True
                elif status == 200:
                    failures.append("/readyz said ready while PostgreSQL was down")
            except OSError as error:
                failures.append(f"server unreachable while PostgreSQL was down: {error}")
            time.sleep(0.2)
        if not saw_503:
            failures.append("no 503 with Retry-After while PostgreSQL was down")
        sh("scripts/db.sh", "start")
        back = time.time()
        recovered = None
        while time.time() - back < 30:
            try:
                if request(server.port, "GET", "/readyz", timeout=5)[0] == 200:
                    recovered = time.time() - back
                    break
            except OSError:
                pass
            time.sleep(0.1)
        if recovered is None:
            failures.append("the server did not recover by itself within 30 s of PostgreSQL's return")
        if server.process.poll() is not None:
            failures.append("the server exited while PostgreSQL was down")

        # 3. Load continues on the recovered server, then stops.
        time.sleep(max(phase, options.seconds - (time.time() - started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

        # 4. Verify from the database and through the API.
        acknowledged = ledger.acknowledged
        checked, found, lost, in_db = verify_register(server.port, url, ledger)
        failures += checked

        refused = sum(ledger.refused.values())
        print(f"soak: {server.starts - 1} SIGKILL restarts, PostgreSQL down {4:.0f} s, "
              f"recovered {recovered if recovered is None else round(recovered, 2)} s after its return; "
              f"refusals {ledger.refused}; abandoned keys {ledger.abandoned}; cases in database {len(in_db)}")
        summary = (f"soak: cases acknowledged {len(acknowledged)}, found {found}, lost {len(lost)}, "
                   f"refused as expected {refused}")
        with open(os.path.join(ROOT, ".build/soak/summary"), "w") as out:
            out.write(summary)
        print(summary)
    finally:
        server.stop()
        sh("scripts/db.sh", "start", check=False)
        psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        log.close()
    if failures:
        for failure in failures[:40]:
            print("soak: FAIL " + failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
