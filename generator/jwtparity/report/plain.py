"""A verifying edition's `plain` section in every view: what each library's plain call (no leeway, as
the integration examples make it) does with each of the producer's tokens alone, beside the samples'
verdicts, so the report shows why the samples have a leeway. Also the producer profile's line."""

from html import escape

from jwtparity.report.record import Report


def _said(accepted: bool | None, reason: str) -> str:
    if accepted is None:
        return "no answer"
    return "accepted" if accepted else f"rejected: {reason}"


def _matrix(record: Report) -> tuple[list[str], list[str], dict[tuple[str, str], str]]:
    """(tokens, languages, cell text by (token, language)) of the plain section."""
    section = record.get("plain")
    if section is None:
        return [], [], {}
    results = section["results"]
    tokens = list(dict.fromkeys(r["token"] for r in results))
    languages = list(dict.fromkeys(r["language"] for r in results))
    return tokens, languages, {(r["token"], r["language"]): _said(r["accepted"], r["reason"]) for r in results}


def _producer(record: Report) -> str:
    producer = record.get("producer")
    if producer is None:
        return ""
    return (
        f"Requests signed by the producer profile {producer['name']} ({producer['display']}, "
        f"{producer['library']} {producer['version']} in the {producer['language']} image): {producer['rules']}"
    )


def lines(record: Report) -> list[str]:
    """The terminal table's lines: the producer, then per language the plain call and what it refused."""
    tokens, languages, cells = _matrix(record)
    if not tokens:
        return []
    calls = record["plain"]["calls"]
    out = ["", _producer(record), "Plain calls (no leeway, as the integration examples make them):"]
    for language in languages:
        refused = [f"{t}: {cells[(t, language)]}" for t in tokens if cells.get((t, language), "").startswith("rej")]
        accepted = [t for t in tokens if cells.get((t, language)) == "accepted"]
        out.append(f"  {language}: {calls.get(language, '')}: accepts {', '.join(accepted) or 'none'}")
        out.extend(f"    {line}" for line in refused)
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(record: Report) -> list[str]:
    tokens, languages, cells = _matrix(record)
    if not tokens:
        return []
    calls = record["plain"]["calls"]
    out = ["", "### Plain calls (no leeway)", "", _md(_producer(record)), ""]
    out += [f"- **{_md(language)}**: `{_md(calls.get(language, ''))}`" for language in languages]
    out += ["", "| token | " + " | ".join(_md(name) for name in languages) + " |", "|---|" + "---|" * len(languages)]
    for token in tokens:
        out.append(f"| {_md(token)} | " + " | ".join(_md(cells.get((token, name), "")) for name in languages) + " |")
    return out


def html(record: Report) -> str:
    tokens, languages, cells = _matrix(record)
    if not tokens:
        return ""
    calls = record["plain"]["calls"]
    items = "".join(f"<li>{escape(name)}: <code>{escape(calls.get(name, ''))}</code></li>" for name in languages)
    head = "".join(f"<th>{escape(name)}</th>" for name in languages)
    rows = "".join(
        f"<tr><th>{escape(token)}</th>"
        + "".join(
            f'<td class="{"ok" if cells.get((token, name)) == "accepted" else "refused"}">'
            f"{escape(cells.get((token, name), ''))}</td>"
            for name in languages
        )
        + "</tr>"
        for token in tokens
    )
    return (
        f'<h2>Plain calls (no leeway)</h2><p id="producer">{escape(_producer(record))}</p><ul>{items}</ul>'
        f'<table id="plain"><tr><th>token</th>{head}</tr>{rows}</table>'
    )
