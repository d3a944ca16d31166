#!/bin/sh
# Run one library fetch of a recipe; when it fails, say in one line why, for jwtparity to read:
#   JWTPARITY-UNAVAILABLE: <what> could not be fetched: <source> could not be reached (<cause>)
#       only when the registry could not be reached (name resolution, refused or timed-out
#       connection); exit 75, so that a recipe with a fallback source can try it
#   JWTPARITY-ERROR: <what> could not be fetched from <source>: <cause>
#       anything else (a version the registry says does not exist, a failed check, an install or
#       compile error); exit 1
# jwtparity reports the first as the language being unavailable here (remembered for a day), the
# second as an error of that language (the check fails). Every build context holds this script as
# jwtparity/fetch.sh.
#
# usage: sh jwtparity/fetch.sh WHAT SOURCE [--timeout SECONDS] COMMAND [ARG...]
set -u
what=$1 source=$2
shift 2
limit=300
if [ "${1:-}" = "--timeout" ]; then limit=$2; shift 2; fi

log=$(mktemp)
timeout "$limit" "$@" >"$log" 2>&1
status=$?
cat "$log"
if [ "$status" -eq 0 ]; then rm -f "$log"; exit 0; fi

# Only a failure to reach the registry is an unavailability; the patterns are those of the network
# errors that apt, pip, npm, Maven, Go, Composer, gem, curl and Mono print.
unreachable='could not resolve host|temporary failure (in name resolution|resolving)|name or service not known'
unreachable="$unreachable|no address associated|nodename nor servname|no such host|getaddrinfo|enotfound"
unreachable="$unreachable|eai_again|econnrefused|connection refused|etimedout|connection timed out"
unreachable="$unreachable|network is unreachable|enetunreach|unknownhostexception|unknown host"
unreachable="$unreachable|connectexception|failed to establish a new connection|failed to connect|couldn't connect"
# The cause of any other failure: a line naming what was not found, else the first error line.
missing='not found|no matching|could not find|unknown revision|invalid version|does not exist|notarget'
missing="$missing|no version|404|410|checksum|mismatch"
cause() { grep -i -m 1 -E "$1" "$log" | tr -d '\r' | cut -c 1-300; }

if [ "$status" -eq 124 ]; then
    echo "JWTPARITY-UNAVAILABLE: $what could not be fetched: $source did not answer within $limit s"
    rm -f "$log"; exit 75
fi
reason=$(cause "$unreachable")
if [ -n "$reason" ]; then
    echo "JWTPARITY-UNAVAILABLE: $what could not be fetched: $source could not be reached ($reason)"
    rm -f "$log"; exit 75
fi
reason=$(cause "$missing")
[ -n "$reason" ] || reason=$(cause 'error|fail')
[ -n "$reason" ] || reason=$(grep . "$log" | tail -n 1 | tr -d '\r' | cut -c 1-300)
echo "JWTPARITY-ERROR: $what could not be fetched from $source: ${reason:-exit status $status, no output}"
rm -f "$log"
exit 1
