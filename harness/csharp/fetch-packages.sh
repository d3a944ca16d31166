#!/bin/sh
# Fetch JWT.NET 10.1.1 and Newtonsoft.Json 13.0.3 from NuGet (the client's default source), put their
# .NET Framework assemblies into /opt/jwtparity/bin and write /opt/jwtparity/library.json.
# When a package cannot be fetched, say so in one JWTPARITY-UNAVAILABLE line and fail.
set -eu
mkdir -p /opt/nuget /opt/jwtparity/bin

fetch() {  # fetch PACKAGE VERSION DISPLAY-NAME
    if ! timeout 120 nuget install "$1" -Version "$2" -NonInteractive -OutputDirectory /opt/nuget >/tmp/nuget.log 2>&1; then
        cat /tmp/nuget.log >&2
        # NuGet 2.8 prints the cause as "WARNING: Error: <cause>", then "Unable to find version ...".
        reason=$(sed -n 's/.*Error: //p' /tmp/nuget.log | head -n 1)
        [ -n "$reason" ] || reason=$(grep . /tmp/nuget.log | tail -n 1)
        echo "JWTPARITY-UNAVAILABLE: $3 $2 could not be fetched from NuGet (${reason:-no output})"
        exit 1
    fi
    # The newest .NET Framework build that Mono 6.8 runs, else the .NET Standard 2.0 one.
    for target in net462 net461 net46 net45 net40 netstandard2.0; do
        dll="/opt/nuget/$1.$2/lib/$target/$1.dll"
        if [ -f "$dll" ]; then
            cp "$dll" /opt/jwtparity/bin/
            return
        fi
    done
    echo "no .NET Framework or .NET Standard 2.0 build of $1 $2" >&2
    exit 1
}
fetch JWT 10.1.1 JWT.NET
fetch Newtonsoft.Json 13.0.3 Newtonsoft.Json

# The version the fetched package declares in its own .nuspec.
version=$(unzip -p /opt/nuget/JWT.10.1.1/JWT.10.1.1.nupkg JWT.nuspec | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -n 1)
printf '{"library": "JWT.NET", "version": "%s", "source": "NuGet"}\n' "$version" > /opt/jwtparity/library.json
cat /opt/jwtparity/library.json
rm -rf /tmp/* /tmp/.[!.]*  # NuGet's config and cache under HOME=/tmp
