#!/bin/sh
# The step's outputs, appended to $GITHUB_OUTPUT (printed when it is unset): the count of results per
# status summed over the JSON reports given (every status the reports' "summary" has, 0 for the others),
# `known` (results a [[known]] entry matched), `results` (all of them), `exit-code` and `reports-dir`.
# usage: sh outputs.sh EXIT-CODE REPORTS-DIR [REPORT.json ...]
set -eu
code=$1 dir=$2
shift 2
python3 - "$code" "$dir" "$@" >> "${GITHUB_OUTPUT:-/dev/stdout}" <<'PY'
import json
import sys

code, folder, files = sys.argv[1], sys.argv[2], sys.argv[3:]
counts = dict.fromkeys(("identical", "equivalent", "divergent", "invalid", "error", "skipped"), 0)
known = results = 0
for name in files:
    with open(name, encoding="utf-8") as handle:
        record = json.load(handle)
    for status, count in record["summary"].items():
        counts[status] = counts.get(status, 0) + int(count)
    results += len(record["results"])
    known += sum(1 for result in record["results"] if result.get("known"))
for status, count in counts.items():
    print(f"{status}={count}")
print(f"known={known}")
print(f"results={results}")
print(f"exit-code={code}")
print(f"reports-dir={folder}")
PY
