#!/bin/sh
# Fetch JWT.NET 10.1.1 and Newtonsoft.Json 13.0.3 as the exact .nupkg files from NuGet's documented v3
# package content resource (the service index's PackageBaseAddress/3.0.0:
# {@id}{lower id}/{lower version}/{lower id}.{lower version}.nupkg), check that each is the package asked
# for, put the .NET Framework assemblies Mono runs into /opt/jwtparity/bin and write
# /opt/jwtparity/library.json with each package's SHA-512 as computed here.
# No NuGet client: Debian's (2.8.7) refuses Newtonsoft.Json 13 (minClientVersion 2.12), and there is
# nothing to resolve: both versions are pinned, and JWT.NET's net40 build needs Newtonsoft.Json alone.
# Every download runs through jwtparity/fetch.sh: NuGet not reachable makes C# unavailable here, any
# other failure (a version NuGet does not have: 404) is an error of the language.
set -eu
build=/opt/jwtparity-build
work=/tmp/nuget
mkdir -p "$work" /opt/jwtparity/bin
fail() { echo "JWTPARITY-ERROR: $1"; exit 1; }

index=$(cat "$build/nuget-service-index")  # the nuget-source stage of the Dockerfile says where it is from
sh "$build/fetch.sh" "NuGet's service index" NuGet --timeout 60 curl -fsSL -o "$work/index.json" "$index"
base=$(jq -r '[.resources[] | select(."@type" == "PackageBaseAddress/3.0.0") | ."@id"][0] // empty' "$work/index.json")
[ -n "$base" ] || fail "NuGet's service index names no PackageBaseAddress/3.0.0 resource"
base="${base%/}/"

fetch() {  # fetch ID VERSION DISPLAY-NAME FRAMEWORK: lib/FRAMEWORK/ID.dll of that package into bin/
    id=$(printf %s "$1" | tr 'A-Z' 'a-z') version=$(printf %s "$2" | tr 'A-Z' 'a-z')
    url="$base$id/$version/$id.$version.nupkg" nupkg="$work/$id.$version.nupkg"
    sh "$build/fetch.sh" "$3 $2" NuGet --timeout 120 curl -fsSL -o "$nupkg" "$url"
    # The package's own manifest must name the id and version asked for.
    nuspec=$(unzip -Z1 "$nupkg" | grep -m 1 -i '^[^/]*\.nuspec$') \
        || fail "$3 $2 from NuGet holds no .nuspec"
    unzip -p "$nupkg" "$nuspec" | tr -d '\r' > "$work/$id.nuspec"
    got_id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$work/$id.nuspec" | head -n 1)
    got_version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$work/$id.nuspec" | head -n 1)
    [ "$(printf %s "$got_id" | tr 'A-Z' 'a-z')" = "$id" ] && [ "$got_version" = "$2" ] \
        || fail "$3 $2 from NuGet declares itself $got_id $got_version"
    unzip -p "$nupkg" "lib/$4/$1.dll" > "/opt/jwtparity/bin/$1.dll" && [ -s "/opt/jwtparity/bin/$1.dll" ] \
        || fail "$3 $2 from NuGet has no lib/$4/$1.dll"
    sha512=$(sha512sum "$nupkg" | cut -d ' ' -f 1)
    echo "fetched $1 $got_version ($url), SHA-512 $sha512"
    jq -cn --arg id "$1" --arg version "$got_version" --arg sha512 "$sha512" --arg url "$url" \
        '{id: $id, version: $version, sha512: $sha512, url: $url}' >> "$work/packages.jsonl"
}
# JWT.NET's .NET Framework 4.0 build: the net462 one also needs System.Text.Json, which Mono lacks.
fetch JWT "$LIBRARY_VERSION" JWT.NET net40  # the manifest's version (a build argument)
fetch Newtonsoft.Json 13.0.3 Newtonsoft.Json net45

# The version JWT.NET's own .nuspec declares, and what was fetched.
jq -cn --arg version "$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$work/jwt.nuspec" | head -n 1)" \
    --slurpfile packages "$work/packages.jsonl" \
    '{library: "JWT.NET", version: $version, source: "NuGet", packages: $packages}' > /opt/jwtparity/library.json
cat /opt/jwtparity/library.json
rm -rf "$work"
