"""Hostile snippets: a snippet shares its process with the driver, so it can write result lines and echo
secrets. Forged lines fail the language; no spelling of a secret reaches any output. (The jwtmanager
edition's templates: its samples read the secret from the application's configuration.)"""

import json
from pathlib import Path

import pytest

from jwtparity.report.redact import spellings
from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]

FORGED = '{"id": "b", "token": "'  # ... the token the snippet made for case a, good for b too, then "}
# Per language: (template, old, new): sign as usual, write a forged result line for case b to the result
# channel, then fail (Java's snippet swallows exceptions: it returns "").
FORGERS = {
    "python": (
        "jwtmanager/python/jwt_manager.py.j2",
        "    return jwt.encode(",
        "    t = jwt.encode(",
        "'{{ alg }}')\n",
        "'{{ alg }}')\n    __import__('os').write(1, ('" + FORGED + "' + t + '\"}\\n').encode())\n"
        "    raise RuntimeError('broken')\n",
    ),
    "nodejs": (
        "jwtmanager/nodejs/jwtManager.mjs.j2",
        "  return jwt.sign(data, cfgSignatureSecret, options)\n",
        "  const t = jwt.sign(data, cfgSignatureSecret, options)\n"
        "  writeSync(1, '" + FORGED + "' + t + '\"}\\n')\n  throw new Error('broken')\n",
        "",
        "",
    ),
    "php": (
        "jwtmanager/php/jwt_manager.php.j2",
        "    return \\Firebase",
        "    $t = \\Firebase",
        "{% endif %});\n}",
        "{% endif %});\n    fwrite(STDOUT, '" + FORGED + "' . $t . '\"}' . \"\\n\");\n"
        "    throw new Exception('broken');\n}",
    ),
    "ruby": (
        "jwtmanager/ruby/jwt_manager.rb.j2",
        "        return JWT.encode",
        "        t = JWT.encode",
        "'{{ alg }}'\n",
        "'{{ alg }}'\n        STDOUT.write('" + FORGED + '\' + t + "\\"}\\n"); STDOUT.flush\n'
        "        raise 'broken'\n",
    ),
    "go": (
        "jwtmanager/go/jwt_manager.go.j2",
        "    return ss, nil\n",
        "    os.Stdout.WriteString(`" + FORGED + '` + ss + "\\"}\\n")\n    return "", errors.New("broken")\n',
        '    "errors"\n',
        '    "errors"\n    "os"\n',
    ),
    "java": (
        "jwtmanager/java/JwtManager.java.j2",
        "        return JWT.getEncoder().encode(jwt, signer);",
        "        String t = JWT.getEncoder().encode(jwt, signer);\n"
        "        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)"
        '.print("{\\"id\\": \\"b\\", \\"token\\": \\"" + t + "\\"}\\n");\n        return "";',
        "",
        "",
    ),
    "csharp": (
        "jwtmanager/csharp/JwtManager.cs.j2",
        "        return encoder.Encode(payload, Secret);",
        "        var t = encoder.Encode(payload, Secret);\n"
        "        var o = System.Console.OpenStandardOutput();\n"
        '        var b = System.Text.Encoding.UTF8.GetBytes("{\\"id\\": \\"b\\", \\"token\\": \\"" + t'
        ' + "\\"}\\n");\n        o.Write(b, 0, b.Length);\n        o.Flush();\n'
        '        throw new System.Exception("broken");',
        "",
        "",
    ),
}


def edited_templates(tmp_path: Path, template: str, *edits: str) -> Path:
    templates = mutated_templates(tmp_path, template, edits[0], edits[1])
    if edits[2]:
        path = templates / template
        text = path.read_text()
        assert edits[2] in text
        path.write_text(text.replace(edits[2], edits[3], 1))
    return templates


@pytest.mark.parametrize("language", FORGERS)
def test_a_snippet_that_forges_another_cases_result_fails_its_language(
    tmp_path: Path, language: str, availability: dict[str, str]
) -> None:
    if availability[language] != "ready":
        pytest.skip(f"{language} cannot run here: {availability[language]}")
    template, *edits = FORGERS[language]
    templates = edited_templates(tmp_path, template, *edits)
    if language == "nodejs":
        path = templates / template
        path.write_text('import { writeSync } from "node:fs"\n' + path.read_text())
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x"}}\n{"id": "b", "payload": {"sub": "x"}}\n')
    done = run_cli(
        "check",
        "--quiet",
        "--edition",
        "jwtmanager",
        "--lang",
        language,
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--timeout",
        "60",
        "--json",
        str(tmp_path / "report.json"),
        timeout=1500,
    )
    report = json.loads((tmp_path / "report.json").read_text())
    (entry,) = report["languages"]
    assert (entry["status"], done.returncode) == ("failed", 1), (entry, done.stderr)
    assert "protocol violation" in entry["reason"], entry["reason"]
    assert {r["status"] for r in report["results"]} == {"error"}, report["results"]


SECRET = 'Zq9\\x7"Wv3-hostile'
ECHO = (
    "    if payload.get('mode') == 'token':\n        return config.{{ secret_key }}\n"
    "    if payload.get('mode') == 'claim':\n        payload = {**payload, 'leak': config.{{ secret_key }}}\n"
    "    if payload.get('mode') == 'stray':\n"
    "        stray = 'x' * 70 + __import__('json').dumps(config.{{ secret_key }})\n"
    "        __import__('os').write(1, stray.encode() + b'\\n')\n"
    "    if payload.get('mode') == 'error':\n        raise RuntimeError(repr(config.{{ secret_key }}))\n"
)


def leaks(text: str) -> list[str]:
    """Every spelling of the secret, or its first five characters, found in `text`."""
    return [form for form in spellings(SECRET) for part in (form, form[:5]) if part in text]


def test_a_snippet_that_echoes_the_secret_leaks_it_nowhere(tmp_path: Path) -> None:
    templates = mutated_templates(
        tmp_path, "jwtmanager/python/jwt_manager.py.j2", "def encode(payload):\n", "def encode(payload):\n" + ECHO
    )
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "".join(
            json.dumps({"id": mode, "payload": {"mode": mode}, "secret": SECRET}) + "\n"
            for mode in ("token", "claim", "stray", "error")
        )
    )
    common = (
        "--edition",
        "jwtmanager",
        "--lang",
        "python",
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--timeout",
        "60",
    )
    checked = run_cli(
        "check",
        "--quiet",
        *common,
        "--json",
        str(tmp_path / "check.json"),
        "--junit",
        str(tmp_path / "junit.xml"),
        timeout=1500,
    )
    as_json = run_cli("check", "--quiet", "--format", "json", *common, timeout=600)
    ran = run_cli("run", *common, "--json", str(tmp_path / "run.json"), timeout=600)
    outputs = {
        "check table": checked.stdout + checked.stderr,
        "check --format json": as_json.stdout,
        "run": ran.stdout + ran.stderr,
    }
    outputs |= {name: (tmp_path / name).read_text() for name in ("check.json", "junit.xml", "run.json")}
    assert {name: leaks(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    results = {r["case"]: r for r in json.loads(outputs["check.json"])["results"]}
    assert (results["claim"]["status"], results["claim"]["reason"]) == ("divergent", "the token carries the secret")
    assert results["token"]["status"] == "invalid" and results["error"]["status"] == "error"
    assert results["stray"]["status"] == "identical"
    (entry,) = json.loads(outputs["check.json"])["languages"]
    assert f"driver wrote a line outside the protocol: '{'x' * 70}\"***" in entry["reason"], entry["reason"]
