#!/bin/sh
# Save the images the checks ran (the tags run-check.sh recorded) into TARFILE for the cache: only
# those, so that images an older cache brought back and no check used any more are not carried on.
# Sets the step output `saved` (true when TARFILE was written) in $GITHUB_OUTPUT.
# usage: sh save-images.sh TARFILE   (JWTPARITY_ACTION_STATE: where run-check.sh recorded them)
set -eu
state=${JWTPARITY_ACTION_STATE:-${RUNNER_TEMP:-/tmp}/jwtparity-action}
target=$1
# The images of the lines "<container id> <image>": the tool's tags only (jwtparity/<language>:<digest>),
# once each, that still exist.
tags=$(awk '{ print $2 }' "$state/images-used" 2>/dev/null | grep -E '^jwtparity/[a-z0-9_.-]+:[0-9a-f]+$' \
       | LC_ALL=C sort -u \
       | while read -r tag; do docker image inspect "$tag" >/dev/null 2>&1 && echo "$tag"; done) || true
if [ -z "$tags" ]; then
    echo "no jwtparity image was used: nothing to save"
    rm -f "$target"
    echo "saved=false" >> "${GITHUB_OUTPUT:-/dev/null}"
    exit 0
fi
mkdir -p "$(dirname "$target")"
echo "saving:" $tags
# shellcheck disable=SC2086  # one argument per tag
docker save -o "$target.tmp" $tags
mv "$target.tmp" "$target"
echo "saved=true" >> "${GITHUB_OUTPUT:-/dev/null}"
