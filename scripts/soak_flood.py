#!/usr/bin/env python3
"""The flood part of `make soak`: many more connections than the server's cap, each sending an
unfinished request head (a slow-loris crowd), while a normal client keeps asking for /healthz.

Checks that the connections past the cap are refused at once with 503, that the held ones are
closed with 408 when the header timeout (10 s) runs out, that the server's memory stays bounded
(RSS stated), and that the normal client is answered again once the crowd is gone. Writes the
one-line summary to .build/soak/flood-summary.

usage: GUICHET_BIN=.build/release/guichet scripts/soak_flood.py [--connections N] [--cap N]
"""
import argparse
import os
import resource
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import ROOT, free_port, psql, sh  # noqa: E402

PORT = free_port()


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return -1.0


def healthz(timeout=2.0):
    """Status of one GET /healthz on a new connection (None when refused or no answer)."""
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=timeout) as client:
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n")
            data = client.recv(64)
            return int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else None
    except OSError:
        return None


def status_of(connection):
    """The status a held connection was answered with, 0 if closed without one, None if still open."""
    try:
        data = connection.recv(64)
    except BlockingIOError:
        return None
    except OSError:
        return 0
    if not data:
        return 0
    return int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--cap", type=int, default=2000)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sh("scripts/db.sh", "start")
    admin = sh("scripts/db.sh", "url", "postgres")
    name = f"guichet_flood_{os.getpid()}"
    psql(admin, f"CREATE DATABASE {name}")
    url = sh("scripts/db.sh", "url", name)
    binary = os.environ.get("GUICHET_BIN", os.path.join(ROOT, ".build", "release", "guichet"))
    server = subprocess.Popen([binary, "serve", "--port", str(PORT), "--database-url", url, "--no-access-log",
                               "--no-sweeper", "--no-notifier",
                               "--max-connections", str(args.cap)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while healthz() != 200:
            if time.time() > deadline or server.poll() is not None:
                sys.exit("flood: the server did not start")
            time.sleep(0.1)
        before = rss_mib(server.pid)

        crowd = []
        for _ in range(args.connections):
            connection = socket.create_connection(("127.0.0.1", PORT))
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: soak\r\n")  # the head never ends
            connection.setblocking(False)
            crowd.append(connection)
        time.sleep(1)
        during = rss_mib(server.pid)
        refused_now, held = [], []
        for connection in crowd:
            (refused_now if status_of(connection) in (503, 0) else held).append(connection)

        # The header timeout (10 s) closes the held ones with 408.
        timed_out = 0
        deadline = time.time() + 20
        pending = {connection.fileno(): connection for connection in held}
        poller = select.poll()
        for fd in pending:
            poller.register(fd, select.POLLIN)
        while pending and time.time() < deadline:
            for fd, _ in poller.poll(1000):
                status = status_of(pending[fd])
                if status is not None:
                    timed_out += status == 408
                    poller.unregister(fd)
                    del pending[fd]
        for connection in crowd:
            connection.close()

        answered_after = None
        deadline = time.time() + 10
        while answered_after != 200 and time.time() < deadline:
            answered_after = healthz()
            time.sleep(0.1)
        after = rss_mib(server.pid)
        alive = server.poll() is None

        ok = (len(refused_now) >= args.connections - args.cap - 10 and timed_out >= len(held) - 10
              and answered_after == 200 and alive and during < before + 200)
        summary = (f"flood of {args.connections} unfinished heads against a cap of {args.cap}: "
                   f"{len(refused_now)} refused with 503, {timed_out} closed with 408 after the header timeout, "
                   f"RSS {before:.0f} MiB before, {during:.0f} MiB during, {after:.0f} MiB after; "
                   f"normal client answered {answered_after} afterwards")
        print("flood: " + summary)
        os.makedirs(os.path.join(ROOT, ".build", "soak"), exist_ok=True)
        with open(os.path.join(ROOT, ".build", "soak", "flood-summary"), "w") as f:
            f.write(f"flood refused {len(refused_now) + timed_out} of {args.connections}, "
                    f"RSS {during:.0f} MiB during")
        if not ok:
            sys.exit("flood: FAILED — " + summary)
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
