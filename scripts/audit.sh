#!/usr/bin/env bash
# Dependency audit (pip-audit). Fails on a known vulnerability; when the vulnerability
# database cannot be reached (offline machines), says how many packages went unaudited
# instead of printing pip-audit's misleading "No known vulnerabilities found".
set -uo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
trap 'rm -f "$report"' EXIT
.venv/bin/pip-audit --progress-spinner off --format json --output "$report" >/dev/null 2>&1
.venv/bin/python - "$report" <<'PY'
import json
import sys

try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except (OSError, ValueError, KeyError):
    print("audit: pip-audit produced no report (is the vulnerability service reachable?)")
    sys.exit(0)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
audited = len(deps) - len(skipped)
for dep in vulnerable:
    ids = ", ".join(v["id"] for v in dep["vulns"])
    print(f"audit: {dep['name']} {dep['version']} has known vulnerabilities: {ids}")
print(f"audit: {audited} of {len(deps)} packages checked, {len(vulnerable)} vulnerable, {len(skipped)} not audited")
if skipped and not audited:
    print("audit: WARNING the vulnerability database was unreachable; nothing was audited")
sys.exit(1 if vulnerable else 0)
PY
