"""Where the built-in data lives: inside the installed package, or in the checkout it was installed from.

A wheel carries `templates/` and `harness/` under `jwtparity/data/`; an editable install (or the
checkout on PYTHONPATH) reads them from the repository's top level, two folders above this file.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SHIPPED = PACKAGE_DIR / "data"
_CHECKOUT = PACKAGE_DIR.parent.parent
BUILTIN_DIR = _SHIPPED if (_SHIPPED / "harness").is_dir() else _CHECKOUT
BUILTIN_TEMPLATES = BUILTIN_DIR / "templates"
BUILTIN_HARNESS = BUILTIN_DIR / "harness"
