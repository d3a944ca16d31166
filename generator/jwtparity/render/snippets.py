"""Render the snippets and the docs section from the Jinja templates; compare with samples/."""

import contextlib
import difflib
import functools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2.loaders import split_template_path

from jwtparity.config.editions import SECTION_FILE
from jwtparity.config.languages import Language
from jwtparity.config.settings import Settings
from jwtparity.errors import ToolError
from jwtparity.files import refuse_escape, write_atomically

# A template is code from the docs repository (a pull request can change it): it renders in Jinja's
# sandbox, reads only files inside its templates folder, and what it may allocate is bounded.
MAX_ITEMS = 1_000_000  # the longest string or list a `*` or `+` in a template may make
MAX_INT_BITS = 100_000  # the largest integer a `*` or `**` in a template may make
RENDER_MEMORY = 1 << 30  # address space a render may add (the backstop for filters: center(10**10), …)
_RENDER_LOCK = threading.Lock()  # renders run one at a time, each under its own memory bound


def _size(value: object) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _bits(value: object) -> int | None:
    return abs(value).bit_length() if isinstance(value, int) else None


def _too_big(operator: str, left: object, right: object) -> bool:
    """Whether `left <operator> right` would make a string, list or integer over the bounds."""
    sizes, bits = (_size(left), _size(right)), (_bits(left), _bits(right))
    if operator == "+" and None not in sizes:
        return sum(s or 0 for s in sizes) > MAX_ITEMS
    if operator == "*":
        for size, count in ((sizes[0], right), (sizes[1], left)):
            if size is not None and isinstance(count, int) and size * count > MAX_ITEMS:
                return True
        return None not in bits and sum(b or 0 for b in bits) > MAX_INT_BITS
    if operator == "**" and None not in bits and isinstance(right, int) and right > 0:
        return (bits[0] or 0) > 1 and (bits[0] or 0) * right > MAX_INT_BITS
    return False


class _BoundedSandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja's sandbox (no `__globals__` and the like, `range` up to MAX_RANGE) whose `*`, `**` and `+`
    refuse results over MAX_ITEMS items or MAX_INT_BITS bits instead of making them."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if _too_big(operator, left, right):
            raise jinja2.sandbox.SecurityError(
                f"the result of {operator} is over the sandbox's bound ({MAX_ITEMS} items, {MAX_INT_BITS} bits)"
            )
        return super().call_binop(context, operator, left, right)


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Finds templates like FileSystemLoader, but refuses one that resolves (through a symlinked file or
    folder) outside the templates folder it was found in."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_file():
                if not candidate.resolve().is_relative_to(Path(folder).resolve()):
                    raise ToolError(
                        f"template {candidate} resolves to {candidate.resolve()}, outside its "
                        f"templates folder {folder}: refused"
                    )
                break
        return super().get_source(environment, template)


@contextlib.contextmanager
def _memory_bound() -> Iterator[None]:
    """Lower the process's address-space limit to what it uses now plus RENDER_MEMORY (Linux), so that a
    template's allocation past it is a MemoryError, not the machine's memory; restored afterwards."""
    if sys.platform != "linux":
        yield
        return
    import resource

    try:
        used = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    bound = used + RENDER_MEMORY
    if hard != resource.RLIM_INFINITY:
        bound = min(bound, hard)
    if soft != resource.RLIM_INFINITY and soft <= bound:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@functools.cache
def _environment(templates_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per templates search path: it compiles each template once (and again if it changes)."""
    return _BoundedSandbox(
        loader=_ConfinedLoader(list(templates_dirs)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def _render(templates_dirs: tuple[Path, ...], name: str, context: dict[str, object]) -> str:
    try:
        with _RENDER_LOCK, _memory_bound():
            return _environment(templates_dirs).get_template(name).render(context)
    except MemoryError as exc:
        raise ToolError(
            f"template {name} needs more memory than a template may use ({RENDER_MEMORY >> 20} MB)"
        ) from exc
    except jinja2.sandbox.SecurityError as exc:
        raise ToolError(f"template {name} was stopped by the sandbox: {exc}") from exc
    except ToolError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise ToolError(f"broken template {exc.filename or name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise ToolError(f"template {name} not found in {', '.join(map(str, templates_dirs))}") from exc
    except jinja2.TemplateError as exc:
        raise ToolError(f"template {name} failed to render: {exc}") from exc
    except Exception as exc:  # a template can raise anything (a filter on a wrong type, a division by 0)
        raise ToolError(f"template {name} failed to render: {type(exc).__name__}: {exc}") from exc


def render_snippet(
    language: Language, settings: Settings, algorithm: str | None = None, whole_file: bool = True
) -> str:
    """The language's snippet for these settings (and `algorithm`, when it is not the configured one).

    `whole_file`: the file the harness runs, with the lines a fragment's surrounding file has (a
    package clause, an enclosing class: the template's `file` blocks); else the fragment the docs show.
    """
    alg = algorithm or settings.algorithm
    context: dict[str, object] = {
        "alg": alg,
        "bits": alg[2:],
        "secret_key": settings.secret_key(language),
        "lifetime": settings.lifetime,
        "exp": settings.exp,
        "file": whole_file,
    }
    return _render(settings.templates_dirs, language.template, context)


def render_docs(snippets: dict[Language, str], settings: Settings) -> str:
    """The edition's docs section (or its generated block) holding every snippet, from its section template."""
    samples = [
        {
            "heading": lang.heading,
            "tab": lang.tab,
            "label": lang.label,
            "fence": lang.fence,
            "install": lang.install,
            "name": lang.name,
            "code": code.rstrip("\n"),
        }
        for lang, code in snippets.items()
    ]
    return _render(settings.templates_dirs, settings.edition_info.section_template, {"samples": samples})


def docs_fragments(settings: Settings) -> dict[Language, str]:
    """Each language's code as the docs show it."""
    return {lang: render_snippet(lang, settings, whole_file=False) for lang in settings.languages}


def render_edition(settings: Settings) -> dict[str, str]:
    """The files of samples/ for the settings' edition, by path relative to samples/."""
    files = {lang.sample_path: render_snippet(lang, settings) for lang in settings.languages}
    files[f"{settings.edition}/{SECTION_FILE}"] = render_section(settings)
    return files


def render_all(settings: Settings) -> dict[str, str]:
    """Every file of samples/ for each of the project's editions (or the one chosen), relative to samples/."""
    files: dict[str, str] = {}
    for name in dict.fromkeys((*settings.editions, settings.edition)):
        files |= render_edition(settings.for_edition(name))
    return files


def render_section(settings: Settings) -> str:
    """The docs section (headings layout) or its <Tabs> block (tabs layout) with every language's code."""
    return render_docs(docs_fragments(settings), settings)


@dataclass(frozen=True)
class StaleFile:
    path: str
    diff: str


def unified_diff(old: str, new: str, name: str, old_side: str = "published", new_side: str = "rendered") -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{name} ({old_side})",
            tofile=f"{name} ({new_side})",
        )
    )


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ToolError(f"cannot read {path}: {exc}") from exc


def stale_files(rendered: dict[str, str], samples_dir: Path) -> list[StaleFile]:
    """The files of samples/ whose content differs from the rendering, each with its diff."""
    stale = []
    for relative, content in rendered.items():
        published = _read(samples_dir / relative)
        if published != content:
            stale.append(StaleFile(relative, unified_diff(published or "", content, relative)))
    return stale


def write_samples(rendered: dict[str, str], samples_dir: Path, root: Path | None = None) -> list[str]:
    """Write the files whose content changed, each atomically; return their paths relative to samples/.

    Nothing is written when a file would go through a symlink out of `root` (default: `samples_dir`)."""
    stale_ones = stale_files(rendered, samples_dir)
    for stale in stale_ones:
        refuse_escape(samples_dir / stale.path, root or samples_dir)
    written = []
    for stale in stale_ones:
        write_atomically(samples_dir / stale.path, rendered[stale.path].encode("utf-8"))
        written.append(stale.path)
    return written
