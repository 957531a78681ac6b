#!/usr/bin/env bash
# Installs what the dashboard's browser test needs: Debian's chromium at /usr/bin/chromium
# (playwright-core drives it; it never downloads a browser build of its own). Idempotent and
# quiet: does nothing when chromium is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

fail() {
  echo "install-browser: $1" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install Debian's chromium package so that $CHROMIUM exists"
if [ "$(id -u)" -ne 0 ]; then
  fail "must run as root to apt-get install chromium (or install it yourself so that $CHROMIUM exists)"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "install-browser: installing Debian's chromium (apt-get)"
if ! apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get update failed"
fi
if ! apt-get install -y -qq chromium >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get install chromium failed"
fi
[ -x "$CHROMIUM" ] || fail "chromium was installed but $CHROMIUM is missing"
echo "install-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
