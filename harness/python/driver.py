"""jwtparity driver for the Python snippet (protocol: harness/README.md).

How the snippet is called (its entry point, how the secret reaches it) is the edition's: adapter.py,
copied from editions/<edition>/, prepares the application around the snippet and makes each call.
"""

import importlib.util
import json
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTEXT = json.loads((HERE / "context.json").read_text(encoding="utf-8"))
sys.path.insert(0, str(HERE / "edition"))
import adapter  # noqa: E402  (the edition's, beside the driver)


def load_snippet() -> types.ModuleType:
    """Import the rendered snippet (the only file of snippet/) as it is."""
    (path,) = sorted((HERE / "snippet").glob("*.py"))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def main() -> None:
    # Results go to the real stdout; anything the snippet prints goes to stderr instead.
    results, sys.stdout = sys.stdout, sys.stderr
    adapter.prepare(CONTEXT)
    try:
        snippet, load_error = load_snippet(), None
    except Exception as exc:  # reported on every case: the snippet is what is under test
        snippet, load_error = None, describe(exc)
    for line in sys.stdin:
        if not line.strip():
            continue
        case_id = None
        try:
            # json.loads is faithful: ints of any size, floats stay floats, {} a dict, key order kept.
            case = json.loads(line)
            case_id = case["id"]
            if load_error:
                raise RuntimeError(f"snippet failed to load: {load_error}")
            result = {"id": case_id, "token": adapter.sign(snippet, case["payload"], case["secret"], CONTEXT)}
        except Exception as exc:
            result = {"id": case_id, "error": describe(exc)}
        results.write(json.dumps(result) + "\n")
        results.flush()


if __name__ == "__main__":
    main()
