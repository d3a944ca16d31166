#!/bin/sh
# jwtparity driver for the browser JavaScript snippet (protocol: harness/README.md).
#
# One page load for all cases: the cases (stdin) and context.json go into a page under /tmp, inside
# <script type="application/json"> elements ("<" written \u003c, so that no case can close the element);
# the page loads the snippet as a classic <script>, as a web page would, then the edition's adapter and
# runner.js, which signs every case in order and writes one JSON line per case into <pre id="results">,
# ASCII only, then a done marker. Headless Chromium prints the page's DOM once its work is done
# (--dump-dom); the lines between the results element and the marker are our stdout.
set -eu
here=/opt/jwtparity
work=$(mktemp -d /tmp/jwtparity-XXXXXX)
page="$work/page.html"

escape() { sed 's/</\\u003c/g'; }
{
    printf '<!doctype html>\n<html><head><meta charset="utf-8"><title>jwtparity</title></head><body>\n'
    printf '<pre id="results"></pre>\n<script id="context" type="application/json">'
    escape < "$here/context.json"
    printf '</script>\n<script id="cases" type="application/json">'
    escape
    printf '</script>\n<script>window.JWTPARITY_LOAD_ERRORS = [];\n'
    printf 'addEventListener("error", (e) => JWTPARITY_LOAD_ERRORS.push(String(e.message)));</script>\n'
    for snippet in "$here"/snippet/*.js; do
        printf '<script src="file://%s"></script>\n' "$snippet"
    done
    printf '<script src="file://%s/edition/adapter.js"></script>\n' "$here"
    printf '<script src="file://%s/runner.js"></script>\n</body></html>\n' "$here"
} > "$page"

# The flags that let Chromium run in the sandbox: its own sandbox needs privileges the container
# drops (the container is the sandbox), no GPU, /dev/shm is small, no network chatter. The virtual
# time budget lets the page's async work (Web Crypto) finish before the DOM is printed.
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --virtual-time-budget=60000 \
    --dump-dom "file://$page" > "$work/dom.html" 2> "$work/chromium.log" || {
    code=$?
    tail -n 5 "$work/chromium.log" >&2
    echo "chromium exited with code $code" >&2
    exit "$code"
}
if ! grep -q '^JWTPARITY-DONE' "$work/dom.html"; then
    tail -n 5 "$work/chromium.log" >&2
    echo "the page did not finish signing (no done marker in the DOM Chromium printed)" >&2
    exit 1
fi
sed -n '/<pre id="results">/,/^JWTPARITY-DONE/p' "$work/dom.html" \
    | sed -e 's/^.*<pre id="results">//' -e '/^JWTPARITY-DONE/d' -e '/^$/d'
rm -rf "$work"
