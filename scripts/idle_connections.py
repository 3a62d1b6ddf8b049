#!/usr/bin/env python3
"""Opens N keep-alive connections to a server, sends one request on each, keeps them idle,
and prints the server's RSS (from /proc/PID/status) before and while they are held.

usage: scripts/idle_connections.py PORT PID [N]
"""
import resource
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def threads(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return -1


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    before, threads_before = rss_kib(pid), threads(pid)
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    held = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(request)
        held.append(connection)
    answered = 0
    for connection in held:
        connection.settimeout(10)
        data = b""
        while b"\r\n\r\nok" not in data:
            chunk = connection.recv(4096)
            if not chunk:
                break
            data += chunk
        answered += data.startswith(b"HTTP/1.1 200")
    time.sleep(1)
    during = rss_kib(pid)
    print(f"idle connections: {count} held, {answered} answered 200; "
          f"server RSS {before / 1024:.1f} MiB before, {during / 1024:.1f} MiB with them open "
          f"({(during - before) / count:.1f} KiB each); threads {threads_before} -> {threads(pid)}")
    for connection in held:
        connection.close()


if __name__ == "__main__":
    main()
