#!/bin/sh
# The cache key of the language images, written to $GITHUB_OUTPUT as `key` and `restore-prefix`.
#
# No jwtparity command prints the tags it plans without building, so the key hashes what those tags
# are computed from: the action's own copy of jwtparity (its code, built-in templates and harness),
# the project's settings, templates/ and harness/, the base image's id and the CA bundle trusted in
# builds, plus the machine (images are per architecture) and what the check is asked (editions,
# languages, suites, the cases file: jobs of a matrix that check different languages keep apart). A hit is exact: the same inputs give the same
# tags. On a miss the newest cache of the prefix is restored instead, so that a template change
# rebuilds only the images whose tags it changes (the others are reused by tag).
# usage: sh cache-key.sh   (in the docs repository; JWTPARITY_ACTION_PATH: the action's checkout;
#                           INPUT_EDITIONS, INPUT_LANGUAGES, INPUT_SUITE, INPUT_CASES as run-check.sh)
set -eu
action=${JWTPARITY_ACTION_PATH:?the action checkout}

# The files under the given paths of a folder (those that exist), hashed with their names relative to it.
tree_hash() {
    (cd "$1" || exit 1
     shift
     for path in "$@"; do [ -e "$path" ] && echo "$path"; done | while IFS= read -r path; do
         find "$path" -type f ! -path '*/__pycache__/*' ! -name '*.pyc'
     done | LC_ALL=C sort | while IFS= read -r file; do sha256sum "$file"; done)
}

# The base image and CA bundle the project's settings name (the tool's defaults otherwise).
settings=$(python3 - <<'PY'
import tomllib
from pathlib import Path

values = {}
if Path("jwtparity.toml").is_file():
    values = tomllib.loads(Path("jwtparity.toml").read_text(encoding="utf-8"))
elif Path("pyproject.toml").is_file():
    values = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8")).get("tool", {}).get("jwtparity", {})
print(values.get("base_image", "debian:bookworm-slim"))
print(values.get("ca_bundle", "/etc/ssl/certs/ca-certificates.crt"))
PY
)
base=$(printf '%s\n' "$settings" | sed -n 1p)
bundle=$(printf '%s\n' "$settings" | sed -n 2p)
base_id=$(docker image inspect --format '{{.Id}}' "$base")  # the action pulled it (engine ensure)

digest=$({
    echo "action"; tree_hash "$action" generator templates harness pyproject.toml
    echo "project"; tree_hash . jwtparity.toml pyproject.toml templates harness
    echo "base $base $base_id"
    echo "ca"; if [ -f "$bundle" ]; then sha256sum < "$bundle"; fi
    echo "asked ${INPUT_EDITIONS:-} | ${INPUT_LANGUAGES:-} | ${INPUT_SUITE:-} | ${INPUT_CASES:-}"
    if [ -n "${INPUT_CASES:-}" ] && [ -f "$INPUT_CASES" ]; then sha256sum < "$INPUT_CASES"; fi
} | sha256sum | cut -c 1-32)

prefix="jwtparity-images-${RUNNER_OS:-$(uname -s)}-$(uname -m)-"
{
    echo "key=$prefix$digest"
    echo "restore-prefix=$prefix"
} >> "${GITHUB_OUTPUT:-/dev/stdout}"
