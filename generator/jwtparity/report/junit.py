"""The report as JUnit XML: one test suite per language and one test case per language and case; the
consumer profiles and the cross matrix as suites of their own, informational (they fail no check)."""

from xml.etree import ElementTree as ET

from jwtparity import printable
from jwtparity.judge.statuses import Verdict
from jwtparity.report.record import Report
from jwtparity.report.table import failing


def junit(record: Report, fail_on: set[str]) -> str:
    """One test suite per language, one test case per language and case."""
    record = printable.record(record)
    root = ET.Element("testsuites", name="jwtparity")
    for entry in record["languages"]:
        results = [r for r in record["results"] if r["language"] == entry["language"]]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"jwtparity.{entry['language']}",
            tests=str(len(results)),
            failures=str(len(failing(results, fail_on))),
            skipped=str(sum(r["status"] == Verdict.SKIPPED or bool(r.get("known")) for r in results)),
        )
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=f"jwtparity.{entry['language']}", name=result["case"])
            message = f"{result['status']}: {result['reason']}"
            if result.get("known"):
                ET.SubElement(case, "skipped", message=f"known finding ({result['known']}): {message}")
            elif result["status"] == Verdict.SKIPPED:
                ET.SubElement(case, "skipped", message=message)
            elif result["status"] in fail_on:
                ET.SubElement(case, "failure", message=message, type=result["status"]).text = message
            else:
                ET.SubElement(case, "system-out").text = message
        if entry["reason"]:  # why it failed or was skipped, or an error line that names no case
            ET.SubElement(suite, "system-err").text = f"{entry['status']}: {entry['reason']}"
    _junit_verdicts(root, record)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _verdict_suite(root: ET.Element, name: str, verdicts: list[tuple[str, str, bool | None, str]]) -> None:
    """A suite of (class, case, accepted, text): informational, as --cross and --consumer fail no check."""
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(len(verdicts)),
        failures="0",
        skipped=str(sum(accepted is None for _, _, accepted, _ in verdicts)),
    )
    for classname, case, accepted, text in verdicts:
        element = ET.SubElement(suite, "testcase", classname=classname, name=case)
        if accepted is None:
            ET.SubElement(element, "skipped", message=text)
        else:
            ET.SubElement(element, "system-out").text = text


def _said(accepted: bool | None, reason: str, finding: str = "") -> str:
    said = "accepted" if accepted else reason if accepted is None else f"rejected: {reason}"
    return f"{said}; {finding}" if finding else said


def _junit_verdicts(root: ET.Element, record: Report) -> None:
    """Each consumer's verdict per language and case, each verifier's per signer and case."""
    for entry in record.get("consumers", []):
        name = entry["name"]
        _verdict_suite(
            root,
            f"jwtparity.consumer.{name}",
            [
                (
                    f"jwtparity.consumer.{name}.{r['language']}",
                    r["case"],
                    verdict["accepted"],
                    _said(verdict["accepted"], verdict["reason"]),
                )
                for r in record["results"]
                if (verdict := r.get("consumers", {}).get(name))
            ],
        )
    if "cross" in record:
        _verdict_suite(
            root,
            "jwtparity.cross",
            [
                (
                    f"jwtparity.cross.{r['signer']}.{r['verifier']}",
                    r["case"],
                    r["accepted"],
                    _said(r["accepted"], r["reason"], r["finding"]),
                )
                for r in record["cross"]["results"]
            ],
        )
