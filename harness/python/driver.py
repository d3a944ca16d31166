"""jwtparity driver for the Python snippet (protocol: harness/README.md).

The snippet does `import config` and reads `config.<secret_key>` each time it signs, so one import of
the snippet serves every case: we only set the attribute to the case's secret before each call.
"""

import importlib.util
import json
import re
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTEXT = json.loads((HERE / "context.json").read_text(encoding="utf-8"))

# The application's `config` module, which the snippet imports. Registered before the snippet loads,
# it wins over anything of that name on sys.path.
config = types.ModuleType("config")
sys.modules["config"] = config


def load_snippet() -> types.ModuleType:
    """Import the rendered snippet (the only file of snippet/) as it is."""
    (path,) = sorted((HERE / "snippet").glob("*.py"))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
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


def main() -> None:
    # Results go to the real stdout; anything the snippet prints goes to stderr instead.
    results, sys.stdout = sys.stdout, sys.stderr
    try:
        snippet, load_error = load_snippet(), None
    except Exception as exc:  # reported on every case: the snippet is what is under test
        snippet, load_error = None, describe(exc)
    for line in sys.stdin:
        if not line.strip():
            continue
        case_id = leading_id(line)
        try:
            # json.loads is faithful: ints of any size, floats stay floats, {} a dict, key order kept.
            case = json.loads(line)
            case_id = case["id"]
            if load_error:
                raise RuntimeError(f"snippet failed to load: {load_error}")
            setattr(config, CONTEXT["secret_key"], case["secret"])
            result = {"id": case_id, "token": snippet.encode(case["payload"])}
        except Exception as exc:
            result = {"id": case_id, "error": describe(exc)}
        results.write(json.dumps(result) + "\n")
        results.flush()


if __name__ == "__main__":
    main()
