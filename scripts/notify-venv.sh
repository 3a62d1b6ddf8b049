#!/usr/bin/env bash
# Makes the Python venv the notification tests run their local SMTP server in (aiosmtpd from PyPI)
# and prints its python. Idempotent: installs only when aiosmtpd is missing.
# Usage: scripts/notify-venv.sh   (NOTIFY_VENV overrides the folder, default .build/notify-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${NOTIFY_VENV:-.build/notify-venv}
if ! "$VENV/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
  echo "notify-venv: installing aiosmtpd into $VENV" >&2
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q 'aiosmtpd>=1.4,<2' >&2
fi
echo "$(cd "$VENV" && pwd)/bin/python"
