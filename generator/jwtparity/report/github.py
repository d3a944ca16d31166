"""GitHub workflow commands (`--format github`): one `::error` or `::warning` line per finding, with the
file (and line) it belongs to, so that a pull request shows it on the diff.

GitHub reads `::error file=F,line=L,title=T::message`; `%`, CR and LF are escaped in the message, and `,`
and `:` too in the properties (GitHub's documented escaping).
"""

import re

from jwtparity.printable import text as visible
from jwtparity.report.record import Report
from jwtparity.report.table import failing


def _data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str, message: str, file: str | None = None, line: int | None = None, title: str | None = None
) -> str:
    """One workflow command line."""
    properties = [
        f"{name}={_property(str(value))}"
        for name, value in (("file", file), ("line", line), ("title", title))
        if value is not None
    ]
    return f"::{level} {','.join(properties)}::{_data(message)}" if properties else f"::{level}::{_data(message)}"


def first_changed_line(diff: str) -> int:
    """The line of the old file that a unified diff first changes (1 for a file that does not exist yet)."""
    lines = diff.splitlines()
    for index, line in enumerate(lines):
        hunk = re.match(r"@@ -(\d+)", line)
        if hunk:
            context = next((n for n, text in enumerate(lines[index + 1 :]) if text[:1] in "+-"), 0)
            return max(int(hunk[1]) + context, 1)
    return 1


def check_annotations(
    record: Report, fail_on: set[str], sample_files: dict[str, str], problems: list[str]
) -> list[str]:
    """An error per failing result (at its language's sample), a warning per known finding, an error per
    reason the check failed that names no result (a language that could not run, a stale known finding)."""
    lines = []
    failed = {id(result) for result in failing(record["results"], fail_on)}
    for result in record["results"]:
        where = sample_files.get(result["language"])
        title = f"jwtparity {result['language']} / {result['case']}"
        message = f"{result['status']}: {result['reason']}"
        if result.get("known"):
            lines.append(annotation("warning", f"known finding ({result['known']}): {message}", where, 1, title))
        elif id(result) in failed:
            lines.append(annotation("error", message, where, 1, title))
    return lines + [annotation("error", problem, title="jwtparity check") for problem in problems]
