#!/bin/sh
# jwtparity driver for the browser JavaScript snippet (protocol: harness/README.md).
#
# The image holds the snippet rendered for each algorithm (snippet/<ALG>/); each declares the same
# global function, so each runs in a document (a global scope) of its own: one frame per algorithm its
# cases name, all in one page that Chromium loads once. Each frame's document, under /tmp, holds the
# cases (stdin), context.json and its algorithm in <script type="application/json"> elements ("<"
# written \u003c, so that no case can close the element); it loads the snippet as a classic <script>,
# as a web page would, then the edition's adapter, page.js and runner.js, which signs the cases of the
# frame's algorithm in input order and hands one JSON line per case, after its input index, to the
# page (postMessage). The first frame also answers the lines no frame signs (a line that is no case, an
# algorithm without a snippet). Once every frame has answered, the page (frames.js) writes their lines
# into <pre id="results">, ASCII only, then a done marker; Chromium's headless shell prints the page's DOM
# (--dump-dom) and the driver puts the lines back into input order on stdout.
#
# `driver.sh verify` (the manifest's verify command) loads one page with verify.js instead: Web Crypto
# verifying each token (protocol: harness/README.md, "Verifier protocol").
set -eu
here=/opt/jwtparity
work=$(mktemp -d /tmp/jwtparity-XXXXXX)
cat > "$work/input.jsonl"

escape() { sed 's/</\\u003c/g'; }

# open NAME: starts NAME.html, up to the element its results go to; close NAME ends it.
open() {
    printf '<!doctype html>\n<html><head><meta charset="utf-8"><title>jwtparity</title></head><body>\n%s\n' \
        '<pre id="results"></pre>' > "$work/$1.html"
}
close() { printf '</body></html>\n' >> "$work/$1.html"; }

# data NAME ID FILE: adds to NAME.html a <script type="application/json"> element holding FILE.
data() {
    { printf '<script id="%s" type="application/json">' "$2"; escape < "$3"; printf '</script>\n'; } \
        >> "$work/$1.html"
}

# scripts NAME SCRIPT...: adds to NAME.html a classic <script> element per file, in order.
scripts() {
    name=$1
    shift
    for script in "$@"; do
        printf '<script src="file://%s"></script>\n' "$script" >> "$work/$name.html"
    done
}

# frame ALG HOME: ALG.html, the document that signs the cases of ALG (HOME: it answers the rest too).
frame() {
    open "$1"
    printf '{"alg": "%s", "home": %s}' "$1" "$2" > "$work/$1.json"
    data "$1" context "$here/context.json"
    data "$1" cases "$work/input.jsonl"
    data "$1" page "$work/$1.json"
    printf '%s\n' '<script>window.JWTPARITY_LOAD_ERRORS = [];' \
        'addEventListener("error", (e) => JWTPARITY_LOAD_ERRORS.push(String(e.message)));</script>' \
        >> "$work/$1.html"
    scripts "$1" "$here/snippet/$1/"*.js "$here/edition/adapter.js" "$here/page.js" "$here/runner.js"
    close "$1"
}

# chromium PAGE: headless Chromium prints the DOM of the page at PAGE to $work/dom.
# The flags that let Chromium run in the sandbox: its own sandbox needs privileges the container
# drops (the container is the sandbox), no GPU, /dev/shm is small, no network chatter. One process for
# the browser and the page (--single-process): the container isolates both already, and it saves about
# 0.07 s of each run. The virtual time budget lets the page's async work (Web Crypto) finish before the
# DOM is printed.
chromium() {
    chromium-headless-shell --single-process --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --virtual-time-budget=60000 \
        --dump-dom "$1" > "$work/dom" 2> "$work/chromium.log"
}

# load NAME: Chromium prints the page's DOM; its result lines go to NAME.out. Chromium killed by a
# signal (a crash of the browser, seen once in some hundreds of runs under load) gets one more try; a
# second crash, or any other failure, fails the run.
load() {
    code=0
    chromium "file://$work/$1.html" || code=$?
    if [ "$code" -gt 128 ]; then
        echo "chromium was killed by signal $((code - 128)); loading the page once more" >&2
        rm -rf "$work/profile"
        code=0
        chromium "file://$work/$1.html" || code=$?
    fi
    if [ "$code" -ne 0 ]; then
        tail -n 5 "$work/chromium.log" >&2
        echo "chromium exited with code $code" >&2
        exit "$code"
    fi
    if ! grep -q '^JWTPARITY-DONE' "$work/dom"; then
        tail -n 5 "$work/chromium.log" >&2
        echo "the page did not finish (no done marker in the DOM Chromium printed)" >&2
        exit 1
    fi
    sed -n '/<pre id="results">/,/^JWTPARITY-DONE/p' "$work/dom" \
        | sed -e 's/^.*<pre id="results">//' -e '/^JWTPARITY-DONE/d' -e '/^$/d' > "$work/$1.out"
}

if [ "${1:-}" = verify ]; then
    open verify
    data verify cases "$work/input.jsonl"
    scripts verify "$here/page.js" "$here/verify.js"
    close verify
    load verify
    cat "$work/verify.out"
else
    # The algorithms the cases name (a payload that names one too costs a frame that signs nothing);
    # the first algorithm's frame when they name none, to answer every line.
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
    # The page: frames.js listens before the frames load, so none can answer before it does.
    open index
    scripts index "$here/page.js" "$here/frames.js"
    for algorithm in $algorithms; do
        frame "$algorithm" "$home"
        printf '<iframe src="file://%s/%s.html"></iframe>\n' "$work" "$algorithm" >> "$work/index.html"
        home=false
    done
    close index
    load index
    tab=$(printf '\t')
    sort -t "$tab" -k1,1n -s "$work/index.out" | cut -f2-
fi
rm -rf "$work"
