#!/usr/bin/env bash
# The action's main step: one `jwtparity check` per edition, each writing JSON, JUnit, HTML and Markdown
# into the reports folder; the Markdown is appended to the job summary, the counts go to the step's
# outputs (outputs.sh), and the exit status is the worst of the checks (2 could not run, 1 failed, 0).
#
# Reads (the action's inputs, as its step passes them; empty means the tool's default):
#   INPUT_EDITIONS INPUT_LANGUAGES INPUT_SUITE INPUT_CASES INPUT_FAIL_ON INPUT_ALLOW_UNAVAILABLE
#   INPUT_REPORTS_DIR
# and GITHUB_STEP_SUMMARY, GITHUB_OUTPUT (unset: not written), JWTPARITY_ACTION_STATE (a folder of
# the action's own, where the tags of the images the checks ran are listed for save-images.sh).
# Runs in the docs repository (the step's working directory).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reports=${INPUT_REPORTS_DIR:-jwtparity-reports}
state=${JWTPARITY_ACTION_STATE:-${RUNNER_TEMP:-/tmp}/jwtparity-action}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
mkdir -p "$reports" "$state" || exit 2
reports=$(cd "$reports" && pwd)

words() { printf '%s\n' "$1" | tr ',' ' '; }  # inputs are lists: commas or white space

args=()
for lang in $(words "${INPUT_LANGUAGES:-}"); do args+=(--lang "$lang"); done
for lang in $(words "${INPUT_ALLOW_UNAVAILABLE:-}"); do args+=(--allow-unavailable "$lang"); done
[ -n "${INPUT_SUITE:-}" ] && for suite in $(words "$INPUT_SUITE"); do args+=(--suite "$suite"); done
[ -n "${INPUT_CASES:-}" ] && args+=(--cases "$INPUT_CASES")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")

editions=$(words "${INPUT_EDITIONS:-}")
if [ -z "${editions// /}" ]; then
    editions=$(jwtparity editions --names) || { echo "jwtparity editions failed" >&2; exit 2; }
fi

# Every container the checks start carries this owner label; their creations are recorded as they
# happen ("<container id> <image>" a line), so that save-images.sh keeps exactly the images this run
# used (not older ones a partial cache restore brought back). --since covers the listener's start-up.
export JWTPARITY_OWNER="jwtparity-action:$(hostname):$$"
: > "$state/images-used"
docker events --since "$(date +%s)" --filter type=container --filter event=create \
    --filter "label=jwtparity.owner=$JWTPARITY_OWNER" --format '{{.ID}} {{.From}}' >> "$state/images-used" &
listener=$!

worst=0
jsons=()
for edition in $editions; do
    echo "== jwtparity check --edition $edition" >&2
    out="$reports/$edition"
    # stdout (the Markdown) to its file; stderr (progress, the one-line error) to the log and a copy.
    jwtparity check --edition "$edition" "${args[@]}" --format markdown \
        --json "$out.json" --junit "$out.xml" --html "$out.html" 2>&1 >"$out.md" | tee "$out.log" >&2
    status=${PIPESTATUS[0]}
    cat "$out.md"
    if [ -s "$out.md" ]; then
        cat "$out.md" >> "$summary"
    else  # exit 2: no report; the summary gets the tool's one line
        printf '## jwtparity: edition %s could not be checked (exit %s)\n\n```\n%s\n```\n' \
            "$edition" "$status" "$(tail -n 1 "$out.log")" >> "$summary"
    fi
    printf '\n' >> "$summary"
    [ -f "$out.json" ] && jsons+=("$out.json")
    # The findings as annotations on the pull request's diff (workflow commands on stdout).
    [ -f "$out.json" ] && { jwtparity report merge "$out.json" --format github 2>/dev/null || true; }
    if [ "$status" -eq 2 ] || { [ "$status" -eq 1 ] && [ "$worst" -eq 0 ]; }; then worst=$status; fi
    if [ "$status" -gt 2 ]; then worst=2; fi  # killed, or anything the tool never returns
done

# Events arrive in order: once a marker container created now is listed, every earlier one is too.
# (Any local image will do; the marker is never started, and carries a deadline for the tool's sweep.)
marker_image=$(docker image ls -q | head -n 1)
if [ -n "$marker_image" ] && marker=$(docker create --label jwtparity=1 --label "jwtparity.owner=$JWTPARITY_OWNER" \
        --label "jwtparity.deadline=$(( $(date +%s) + 60 ))" "$marker_image" true); then
    for _ in $(seq 1 300); do grep -q "^$marker " "$state/images-used" && break; sleep 0.1; done
    docker rm -f "$marker" >/dev/null
fi
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null

sh "$here/outputs.sh" "$worst" "$reports" ${jsons[@]+"${jsons[@]}"} || worst=2
exit "$worst"
