#!/bin/sh
# Load the language images a cache restore brought back (none: nothing to do).
# usage: sh load-images.sh TARFILE
set -eu
if [ -s "$1" ]; then
    docker load -i "$1"
else
    echo "no cached jwtparity images"
fi
