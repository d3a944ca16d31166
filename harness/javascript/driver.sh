#!/bin/sh
# jwtparity driver for the browser JavaScript snippet (protocol: harness/README.md).
#
# The image holds the snippet rendered for each algorithm (snippet/<ALG>/); each declares the same
# global function, so one page holds one of them. The driver loads, one after the other in this
# container, one page per algorithm its cases name: the cases (stdin), context.json and the page's
# algorithm go into <script type="application/json"> elements ("<" written \u003c, so that no case can
# close the element); the page loads the snippet as a classic <script>, as a web page would, then the
# edition's adapter, page.js and runner.js, which signs the cases of the page's algorithm in input
# order and writes one JSON line per case, after its input index, into <pre id="results">, ASCII
# only, then a done marker. The first page also answers the lines no page signs (a line that is no
# case, an algorithm without a snippet). Headless Chromium prints each page's DOM once its work is
# done (--dump-dom); the driver puts the lines of all pages back into input order on stdout.
#
# `driver.sh verify` (the manifest's verify command) loads one page with verify.js instead: Web Crypto
# verifying each token (protocol: harness/README.md, "Verifier protocol").
set -eu
here=/opt/jwtparity
work=$(mktemp -d /tmp/jwtparity-XXXXXX)
cat > "$work/input.jsonl"

escape() { sed 's/</\\u003c/g'; }

# page NAME ALG HOME SCRIPT...: the page NAME.html with the data elements, then the scripts in order.
page() {
    name=$1 alg=$2 home=$3
    shift 3
    {
        printf '<!doctype html>\n<html><head><meta charset="utf-8"><title>jwtparity</title></head><body>\n'
        printf '<pre id="results"></pre>\n<script id="context" type="application/json">'
        escape < "$here/context.json"
        printf '</script>\n<script id="cases" type="application/json">'
        escape < "$work/input.jsonl"
        printf '</script>\n<script id="page" type="application/json">{"alg": "%s", "home": %s}</script>\n' \
            "$alg" "$home"
        printf '<script>window.JWTPARITY_LOAD_ERRORS = [];\n'
        printf 'addEventListener("error", (e) => JWTPARITY_LOAD_ERRORS.push(String(e.message)));</script>\n'
        for script in "$@"; do
            printf '<script src="file://%s"></script>\n' "$script"
        done
        printf '</body></html>\n'
    } > "$work/$name.html"
}

# load NAME: Chromium prints the page's DOM; its result lines go to NAME.out.
# The flags that let Chromium run in the sandbox: its own sandbox needs privileges the container
# drops (the container is the sandbox), no GPU, /dev/shm is small, no network chatter. The virtual
# time budget lets the page's async work (Web Crypto) finish before the DOM is printed.
load() {
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --virtual-time-budget=60000 \
        --dump-dom "file://$work/$1.html" > "$work/$1.dom" 2> "$work/chromium.log" || {
        code=$?
        tail -n 5 "$work/chromium.log" >&2
        echo "chromium exited with code $code" >&2
        exit "$code"
    }
    if ! grep -q '^JWTPARITY-DONE' "$work/$1.dom"; then
        tail -n 5 "$work/chromium.log" >&2
        echo "the page did not finish (no done marker in the DOM Chromium printed)" >&2
        exit 1
    fi
    sed -n '/<pre id="results">/,/^JWTPARITY-DONE/p' "$work/$1.dom" \
        | sed -e 's/^.*<pre id="results">//' -e '/^JWTPARITY-DONE/d' -e '/^$/d' > "$work/$1.out"
}

if [ "${1:-}" = verify ]; then
    page verify "" true "$here/page.js" "$here/verify.js"
    load verify
    cat "$work/verify.out"
else
    # The algorithms the cases name (a payload that names one too costs a page that signs nothing);
    # the first algorithm's page when they name none, to answer every line.
    algorithms=""
    for folder in "$here"/snippet/*/; do
        algorithm=$(basename "$folder")
        if grep -q "\"$algorithm\"" "$work/input.jsonl"; then
            algorithms="$algorithms $algorithm"
        fi
    done
    if [ -z "$algorithms" ]; then
        for folder in "$here"/snippet/*/; do algorithms=$(basename "$folder"); break; done
    fi
    home=true
    for algorithm in $algorithms; do
        page "$algorithm" "$algorithm" "$home" "$here/snippet/$algorithm/"*.js "$here/edition/adapter.js" \
            "$here/page.js" "$here/runner.js"
        load "$algorithm"
        home=false
    done
    tab=$(printf '\t')
    cat "$work"/*.out | sort -t "$tab" -k1,1n -s | cut -f2-
fi
rm -rf "$work"
