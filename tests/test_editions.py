"""Editions: the jwtencode templates reproduce the live page, and every command chooses its edition."""

from pathlib import Path

import pytest

from jwtparity.config.languages import all_languages, resolve
from jwtparity.config.settings import Settings
from jwtparity.render import docs
from jwtparity.render.snippets import render_section, render_snippet
from tests.conftest import ROOT, mutated_templates, run_cli
from tests.fidelity import page_blocks, unlisted_changes, unlisted_wrapper

UPSTREAM = ROOT.parent / "shared" / "upstream"
LIVE_PAGES = ["signature.en.md", "signature.zh-CN.md"]
ENCODE = Settings(edition="jwtencode", editions=("jwtencode",))
LANGUAGES = all_languages(edition="jwtencode")


def live(name: str) -> str:
    path = UPSTREAM / name
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    return path.read_text(encoding="utf-8")


def test_jwtencode_has_the_eight_tabs_of_the_live_page_in_its_order() -> None:
    assert list(page_blocks(live("signature.en.md"), ENCODE)) == [lang.tab for lang in LANGUAGES]
    assert [lang.name for lang in LANGUAGES] == [
        "nodejs",
        "javascript",
        "csharp",
        "java",
        "php",
        "python",
        "ruby",
        "go",
    ]


@pytest.mark.parametrize("page", LIVE_PAGES)
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.name)
def test_rendered_equals_live_page_except_listed_deviations(language, page: str) -> None:
    assert unlisted_changes(language, ENCODE, live(page)) == []


@pytest.mark.parametrize("page", LIVE_PAGES)
def test_rendered_block_differs_from_the_live_one_only_by_listed_deviation_lines(page: str) -> None:
    """Labels, tab values, fences, indentation and order too: only deviation lines are added."""
    edition = ENCODE.edition_info
    published = docs.current_block(live(page), edition).splitlines()
    rendered = render_section(ENCODE).rstrip("\n").splitlines()
    deviations = {d.line for lang in LANGUAGES for d in lang.deviations}
    added = [line for line in rendered if line not in published or rendered.count(line) > published.count(line)]
    assert [line for line in published if line not in rendered] == []
    assert {line.strip() for line in added} == deviations


def test_the_fidelity_check_catches_an_unlisted_change(tmp_path: Path) -> None:
    ruby = resolve("ruby")
    templates = mutated_templates(tmp_path, ruby.template, "JWT.encode(", "JWT.encode (")
    problems = unlisted_changes(ruby, Settings(templates_dirs=(templates,)), live("signature.en.md"))
    assert problems and "unlisted deviation" in problems[0]


def test_the_fidelity_check_catches_a_deviation_that_is_not_shown_in_the_docs(tmp_path: Path) -> None:
    """An import fixed only in the file (inside {% if file %}) would hide the defect from the docs."""
    java = resolve("java")
    templates = mutated_templates(tmp_path, java.template, "import java.util.Map;\n", "")
    text = (
        (templates / java.template)
        .read_text()
        .replace("{% if file %}\npublic class", "{% if file %}\nimport java.util.Map;\npublic class")
    )
    (templates / java.template).write_text(text)
    settings = Settings(templates_dirs=(templates,))
    assert "java: unlisted wrapper line 'import java.util.Map;'" in unlisted_wrapper(java, settings)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.name)
def test_the_sample_file_adds_only_its_wrapper_lines(language) -> None:
    assert unlisted_wrapper(language, ENCODE) == []


def test_docs_show_the_fragment_and_the_harness_runs_the_file() -> None:
    go = resolve("go")
    assert "package main" in render_snippet(go, ENCODE)
    assert "package main" not in render_snippet(go, ENCODE, whole_file=False)
    assert "package main" not in render_section(ENCODE)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("javascript", "javascript"),
        ("browser", "javascript"),
        ("JavaScript (browser)", "javascript"),
        ("js", "nodejs"),
        ("node", "nodejs"),
    ],
)
def test_javascript_is_the_browser_and_js_stays_node(spelling: str, name: str) -> None:
    assert resolve(spelling).name == name


def test_the_browser_language_is_jwtencode_only() -> None:
    done = run_cli("snippet", "browser", "--edition", "jwtmanager")
    assert done.returncode == 2 and "unknown language 'browser' in edition jwtmanager" in done.stderr


def test_each_edition_has_its_own_templates_and_library() -> None:
    manager, encode = resolve("go", edition="jwtmanager"), resolve("go", edition="jwtencode")
    assert (manager.library.version, encode.library.version) == ("4.5.2", "5.2.2")
    assert "golang-jwt/jwt/v4" in render_snippet(manager, Settings(edition="jwtmanager"))
    assert "golang-jwt/jwt/v5" in render_snippet(encode, ENCODE)


def test_edition_from_the_config_file_and_the_option(tmp_path: Path) -> None:
    (tmp_path / "jwtparity.toml").write_text('edition = "jwtmanager"\n')
    assert "def encode(payload):" in run_cli("snippet", "py", cwd=tmp_path).stdout
    assert "def jwt_encode(payload, secret):" in run_cli("snippet", "py", "--edition", "jwtencode", cwd=tmp_path).stdout
    (tmp_path / "jwtparity.toml").write_text('edition = ["jwtencode", "jwtmanager"]\n')
    assert "def jwt_encode(payload, secret):" in run_cli("snippet", "py", cwd=tmp_path).stdout
    done = run_cli("render", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "samples" / "jwtencode" / "python" / "jwt_encode.py").is_file()
    assert (tmp_path / "samples" / "jwtmanager" / "python" / "jwt_manager.py").is_file()
    assert run_cli("render", "--check", cwd=tmp_path).returncode == 0


def test_a_project_can_override_a_template_of_either_edition(tmp_path: Path) -> None:
    (tmp_path / "jwtparity.toml").write_text('edition = ["jwtencode", "jwtmanager"]\n')
    own = tmp_path / "templates" / "jwtencode" / "python"
    own.mkdir(parents=True)
    own.joinpath("jwt_encode.py.j2").write_text(
        "# ours\nimport jwt\n\ndef jwt_encode(payload, secret):\n"
        '    return jwt.encode(payload, secret, algorithm="{{ alg }}")\n'
    )
    assert run_cli("snippet", "py", cwd=tmp_path).stdout.startswith("# ours\n")
    assert "def encode(payload):" in run_cli("snippet", "py", "--edition", "jwtmanager", cwd=tmp_path).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["snippet", "py", "--edition", "jwtfuture"],
            "unknown edition 'jwtfuture' (known: callback, jwtencode, jwtmanager)",
        ),
        (["render", "--check", "--edition", "jwtencode", "--exp"], "edition jwtencode has no exp option"),
        (
            ["snippet", "py", "--edition", "jwtencode", "--secret-key", "py=KEY"],
            "python's sample in edition jwtencode takes the secret as an argument",
        ),
    ],
)
def test_bad_edition_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_bad_edition_in_the_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "jwtparity.toml").write_text("edition = []\n")
    done = run_cli("render", "--check", cwd=tmp_path)
    assert done.returncode == 2 and "edition must be a name or a non-empty list" in done.stderr


def test_editions_command_lists_the_project_s_editions_default_first(tmp_path: Path) -> None:
    names = run_cli("editions", "--names").stdout.split()
    assert names == ["jwtencode", "jwtmanager", "callback"]  # this repository's
    (tmp_path / "jwtparity.toml").write_text('edition = "jwtmanager"\n')
    assert run_cli("editions", "--names", cwd=tmp_path).stdout.split() == ["jwtmanager"]
    rows = [line.split()[:3] for line in run_cli("editions", cwd=tmp_path).stdout.splitlines()]
    assert rows == [
        ["jwtmanager", "default", "headings"],
        ["callback", "known", "tabs"],
        ["jwtencode", "known", "tabs"],
    ]
