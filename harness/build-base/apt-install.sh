#!/bin/sh
# jwtparity-apt-install PACKAGE...: install Debian packages, without their recommendations, from the
# package lists of the shared build layer (harness/build-base), then drop the downloaded files (a
# debootstrapped base keeps them otherwise). Lists that the mirror has since moved on from (a package
# version it no longer serves) are fetched again once, then the install is tried again.
set -u
export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y --no-install-recommends "$@"; }
if ! install "$@"; then
    echo "jwtparity-apt-install: installing again on fresh package lists" >&2
    apt-get update && install "$@" || exit 1
fi
apt-get clean
