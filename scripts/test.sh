#!/usr/bin/env bash
# Set up everything the tests need and run the whole test suite.
# Usage: bash scripts/test.sh [pytest arguments]
# Installs Debian's chromium (browser tests) when missing and we are root,
# creates .venv and installs the pinned Python packages, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
  else
    echo "Browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
