#!/usr/bin/env bash
# Installs the Debian packages Guichet needs to build, test and run, when they are missing.
# Usage: scripts/deps.sh [extra-package ...]
set -euo pipefail
need=(postgresql libpq-dev zlib1g-dev libcrypt-dev zbar-tools libxml2 nginx curl "$@")
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
