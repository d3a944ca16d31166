"""jwtparity driver for the Python snippet (protocol: harness/README.md).

How the snippet is called (its entry point, how the secret reaches it) is the edition's: adapter.py,
copied from editions/<edition>/, prepares the application around the snippet and makes each call.
The image holds the snippet rendered for each algorithm (snippet/<ALG>/); each is imported once, as a
module of its own, and a case is signed by the one of its `alg`.
"""

import importlib.util
import json
import re
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTEXT = json.loads((HERE / "context.json").read_text(encoding="utf-8"))
sys.path.insert(0, str(HERE / "edition"))
import adapter  # noqa: E402  (the edition's, beside the driver)


def load_snippet(algorithm: str) -> types.ModuleType:
    """Import the snippet rendered for `algorithm` (the only file of snippet/<ALG>/) as it is."""
    (path,) = sorted((HERE / "snippet" / algorithm).glob("*.py"))
    name = f"{path.stem}_{algorithm}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# jwtparity writes each case with its id first, so a line that does not parse still names its case.
LEADING_ID = re.compile(r'^\{"id": ("(?:[^"\\]|\\.)*")')


def leading_id(line: str) -> object:
    match = LEADING_ID.match(line)
    try:
        return json.loads(match.group(1)) if match else None
    except ValueError:
        return None


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def answer(case: dict, snippet: types.ModuleType) -> dict:
    """A case's result line: a token (a signing edition), or a verdict (a verifying edition's request, or a
    plain call of the library on a token)."""
    if "body" not in case and "plain" not in case:
        return {"id": case["id"], "token": adapter.sign(snippet, case["payload"], case["secret"], CONTEXT)}
    try:
        if "body" in case:
            claims = adapter.verify(snippet, case["body"], case.get("authorization"), case["secret"], CONTEXT)
        else:
            claims = adapter.plain(case["plain"], case["secret"], case["alg"])
    except Exception as exc:  # the library's (or the sample's) refusal
        return {"id": case["id"], "accepted": False, "reason": describe(exc)}
    return {"id": case["id"], "accepted": True, "claims": claims}


def main() -> None:
    # Results go to the real stdout; anything the snippet prints goes to stderr instead.
    results, sys.stdout = sys.stdout, sys.stderr
    adapter.prepare(CONTEXT)
    snippets: dict[str, types.ModuleType | str] = {}  # per algorithm: the module, or why it failed to load
    for line in sys.stdin:
        if not line.strip():
            continue
        case_id = leading_id(line)
        try:
            # json.loads is faithful: ints of any size, floats stay floats, {} a dict, key order kept.
            case = json.loads(line)
            case_id = case["id"]
            algorithm = case["alg"]
            if algorithm not in CONTEXT["algorithms"]:
                raise ValueError(f"no snippet for algorithm {algorithm!r}")
            if algorithm not in snippets:
                try:
                    snippets[algorithm] = load_snippet(algorithm)
                except Exception as exc:  # reported on every case of that algorithm
                    snippets[algorithm] = describe(exc)
            snippet = snippets[algorithm]
            if isinstance(snippet, str):
                raise RuntimeError(f"snippet failed to load: {snippet}")
            result = answer(case, snippet)
        except Exception as exc:
            result = {"id": case_id, "error": describe(exc)}
        results.write(json.dumps(result) + "\n")
        results.flush()


if __name__ == "__main__":
    main()
