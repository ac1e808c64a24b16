#!/usr/bin/env bash
# Set up everything the tests need and run the whole test suite.
# Usage: bash scripts/test.sh [pytest arguments]
# Installs Debian's chromium (browser tests), Java and npm (HTML validator) when missing
# and we are root, the Nu HTML Checker from npm,
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

# The Nu HTML Checker (tests/test_validator.py): a Java program from the npm registry.
# --ignore-scripts: its postinstall would download a Java runtime; the machine's is used.
if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends default-jre-headless npm >/dev/null
  else
    echo "The HTML validator test needs Java and npm: sudo apt-get install default-jre-headless npm" >&2
    exit 1
  fi
fi
if [ ! -f tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm ci --prefix tests/vnu --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
