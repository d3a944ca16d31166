"""Render the snippets and the docs section from the Jinja templates; compare with samples/."""

import difflib
import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2

from jwtparity.errors import ToolError
from jwtparity.languages import Language, all_languages
from jwtparity.paths import DOCS_SAMPLE, DOCS_TEMPLATE
from jwtparity.settings import Settings


@functools.cache
def _environment(templates_dir: Path) -> jinja2.Environment:
    """One environment per templates folder: it compiles each template once (and again if it changes)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def _render(templates_dir: Path, name: str, context: dict[str, object]) -> str:
    try:
        return _environment(templates_dir).get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ToolError(f"broken template {exc.filename or name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise ToolError(f"template {name} not found in {templates_dir}") from exc
    except jinja2.TemplateError as exc:
        raise ToolError(f"template {name} failed to render: {exc}") from exc


def render_snippet(language: Language, settings: Settings, algorithm: str | None = None) -> str:
    """The language's snippet for these settings (and `algorithm`, when it is not the configured one)."""
    alg = algorithm or settings.algorithm
    context = {
        "alg": alg,
        "bits": alg[2:],
        "secret_key": settings.secret_key(language),
        "lifetime": settings.lifetime,
        "exp": settings.exp,
    }
    return _render(settings.templates_dir, language.template, context)


def render_docs(snippets: dict[Language, str], templates_dir: Path) -> str:
    """The docs section "Code samples for signature generation" holding every snippet."""
    samples = [{"heading": lang.heading, "fence": lang.fence, "code": code.rstrip("\n")}
               for lang, code in snippets.items()]
    return _render(templates_dir, DOCS_TEMPLATE, {"samples": samples})


def render_all(settings: Settings) -> dict[str, str]:
    """Every file of samples/, by path relative to samples/."""
    snippets = {lang: render_snippet(lang, settings) for lang in all_languages()}
    files = {lang.sample: code for lang, code in snippets.items()}
    files[DOCS_SAMPLE] = render_docs(snippets, settings.templates_dir)
    return files


def render_section(settings: Settings) -> str:
    """The docs section with every language's snippet."""
    return render_all(settings)[DOCS_SAMPLE]


@dataclass(frozen=True)
class StaleFile:
    path: str
    diff: str


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"{name} (published)", tofile=f"{name} (rendered)"))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def stale_files(rendered: dict[str, str], samples_dir: Path) -> list[StaleFile]:
    """The files of samples/ whose content differs from the rendering, each with its diff."""
    stale = []
    for relative, content in rendered.items():
        published = _read(samples_dir / relative)
        if published != content:
            stale.append(StaleFile(relative, unified_diff(published or "", content, relative)))
    return stale


def write_samples(rendered: dict[str, str], samples_dir: Path) -> list[str]:
    """Write the files whose content changed; return their paths relative to samples/."""
    written = []
    for stale in stale_files(rendered, samples_dir):
        target = samples_dir / stale.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered[stale.path], encoding="utf-8")
        written.append(stale.path)
    return written
