#!/usr/bin/env bash
# CI: run this downstream example with the govshare installed in the active environment.
# It has no Python test code: plain pytest runs the scenario files through govshare's
# pytest plugin, and `govshare test` runs the same files and writes JUnit XML.
set -euo pipefail
cd "$(dirname "$0")"

python -c "import govshare" 2>/dev/null || {
  echo "error: govshare is not installed in this environment (pip install govshare)" >&2
  exit 1
}

echo "== downstream example: python -m pytest"
python -m pytest -p no:cacheprovider -q

echo "== downstream example: govshare test . --junit-xml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
govshare test . --lang en --junit-xml "$work/scenarios.xml"
[ -s "$work/scenarios.xml" ] || { echo "error: no JUnit XML written" >&2; exit 1; }
python - "$work/scenarios.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert suite is not None, "no <testsuite> in the JUnit XML"
tests, failures, errors = (int(suite.get(k, "-1")) for k in ("tests", "failures", "errors"))
assert tests > 0 and failures == 0 and errors == 0, (tests, failures, errors)
print(f"JUnit XML ok: {tests} scenarios, no failures")
PY
