"""Rendering of the jwtmanager edition: fidelity to the seed page, settings, the samples/ drift guard."""

from pathlib import Path

import pytest

from jwtparity.config.languages import all_languages, resolve
from jwtparity.config.settings import Settings
from jwtparity.errors import ToolError
from jwtparity.render.snippets import render_snippet
from tests.conftest import ROOT, SEED, mutated_templates, run_cli
from tests.fidelity import page_blocks, unlisted_changes

EDITION = "jwtmanager"
LANGUAGES = all_languages(edition=EDITION)


def manager(**options) -> Settings:
    """Settings working on the jwtmanager edition."""
    return Settings(edition=EDITION, editions=(EDITION,), **options)


def resolve_manager(spelling: str):
    return resolve(spelling, edition=EDITION)


SHARED_SEED = ROOT.parent / "shared" / "seed" / "signature-samples.md"


def seed_blocks() -> dict[str, str]:
    """The seed page's code samples, by docs heading."""
    return page_blocks(SEED.read_text(encoding="utf-8"), manager())


def test_fixture_is_the_shared_seed() -> None:
    if not SHARED_SEED.is_file():
        pytest.skip("../shared/seed is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_has_all_seven_languages() -> None:
    assert sorted(seed_blocks()) == sorted(lang.heading for lang in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.name)
def test_rendered_equals_seed_except_listed_deviations(language) -> None:
    assert unlisted_changes(language, manager(), SEED.read_text(encoding="utf-8")) == []


def test_the_fidelity_check_catches_an_unlisted_change(tmp_path: Path) -> None:
    python = resolve_manager("python")
    templates = mutated_templates(tmp_path, python.template, "jwt.encode(", "jwt.encode( ")
    problems = unlisted_changes(python, manager(templates_dirs=(templates,)), SEED.read_text(encoding="utf-8"))
    assert problems and "unlisted deviation" in problems[0]


def test_readme_lists_every_deviation_with_its_reason() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for language in (*LANGUAGES, *all_languages()):
        for deviation in language.deviations:
            assert f"`{deviation.line.strip()}`" in readme, deviation.line
            assert deviation.reason in readme, deviation.reason


@pytest.mark.parametrize(
    ("algorithm", "spellings"),
    [
        (
            "HS384",
            {
                "csharp": "HMACSHA384Algorithm",
                "java": "newSHA384Signer",
                "php": '"HS384"',
                "python": "algorithm='HS384'",
                "ruby": "'HS384'",
                "go": "SigningMethodHS384",
            },
        ),
        (
            "HS512",
            {
                "csharp": "HMACSHA512Algorithm",
                "java": "newSHA512Signer",
                "php": '"HS512"',
                "python": "algorithm='HS512'",
                "ruby": "'HS512'",
                "go": "SigningMethodHS512",
            },
        ),
    ],
)
def test_each_template_names_the_algorithm_its_library_way(algorithm: str, spellings: dict[str, str]) -> None:
    settings = manager(algorithm=algorithm)
    for name, spelling in spellings.items():
        code = render_snippet(resolve_manager(name), settings)
        assert spelling in code
        assert "256" not in code.replace("SHA256", "")  # no HS256 left behind


def test_node_takes_its_algorithm_from_config_not_from_the_template() -> None:
    node = resolve_manager("node")
    assert render_snippet(node, manager(algorithm="HS512")) == render_snippet(node, manager())


def test_secret_key_setting_reaches_each_snippet() -> None:
    for language in LANGUAGES:
        key = "mySecret" if language.name != "nodejs" else "auth.mySecret"
        code = render_snippet(language, manager(secret_keys={language.name: key}))
        assert key in code
        assert language.secret_key not in code.replace(key, "")


def test_exp_option_adds_an_expiry_with_the_lifetime() -> None:
    for language in LANGUAGES:
        if language.name == "nodejs":
            continue
        code = render_snippet(language, manager(exp=True, lifetime=77))
        assert "77" in code, language.name
        assert "77" not in render_snippet(language, manager(lifetime=77))


@pytest.mark.parametrize(
    "spelling",
    ["csharp", "cs", "c#", "C#", "java", "nodejs", "node", "js", "php", "python", "py", "ruby", "rb", "go", "golang"],
)
def test_language_spellings(spelling: str) -> None:
    assert resolve(spelling).name in {lang.name for lang in all_languages()}


def test_unknown_language_is_a_tool_error() -> None:
    with pytest.raises(ToolError, match="unknown language"):
        resolve("cobol")


def test_samples_are_fresh() -> None:
    done = run_cli("render", "--check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_template_edit_makes_check_fail_with_a_diff(templates_copy: Path, samples_copy: Path) -> None:
    template = templates_copy / EDITION / "go" / "jwt_manager.go.j2"
    template.write_text(template.read_text().replace("could not generate", "could not make"))
    done = run_cli("render", "--check", "--templates", str(templates_copy), "--samples", str(samples_copy))
    assert done.returncode == 1
    assert "go/jwt_manager.go" in done.stdout and '+        return "", errors.New("could not make' in done.stdout
    assert "signature-samples.md" in done.stdout
    assert "python/jwt_manager.py" not in done.stdout


@pytest.mark.parametrize("language", (*LANGUAGES, *all_languages()), ids=lambda lang: f"{lang.edition}-{lang.name}")
def test_editing_any_template_makes_check_fail_naming_its_file(
    templates_copy: Path, samples_copy: Path, language
) -> None:
    template = templates_copy / language.template
    template.write_text(template.read_text() + "\n")
    done = run_cli("render", "--check", "--templates", str(templates_copy), "--samples", str(samples_copy))
    assert done.returncode == 1
    assert f"stale: {samples_copy / language.sample_path}" in done.stderr
    assert f"+++ {language.sample_path} (rendered)" in done.stdout


def test_editing_the_docs_template_makes_check_fail(templates_copy: Path, samples_copy: Path) -> None:
    template = templates_copy / EDITION / "section.md.j2"
    template.write_text(template.read_text().replace("We advise you", "We recommend you"))
    done = run_cli("render", "--check", "--templates", str(templates_copy), "--samples", str(samples_copy))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"stale: {samples_copy / EDITION / 'signature-samples.md'}"


def test_render_writes_only_changed_files(templates_copy: Path, samples_copy: Path) -> None:
    untouched = samples_copy / EDITION / "java" / "JwtManager.java"
    before = untouched.stat().st_mtime_ns
    template = templates_copy / EDITION / "python" / "jwt_manager.py.j2"
    template.write_text(template.read_text().replace("def encode", "def encode "))
    done = run_cli("render", "--templates", str(templates_copy), "--samples", str(samples_copy))
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"wrote {samples_copy / 'jwtmanager/python/jwt_manager.py'}",
        f"wrote {samples_copy / 'jwtmanager/signature-samples.md'}",
    ]
    assert untouched.stat().st_mtime_ns == before
    again = run_cli("render", "--templates", str(templates_copy), "--samples", str(samples_copy))
    assert "nothing changed" in again.stdout


def test_broken_template_is_one_line_and_exit_2(templates_copy: Path) -> None:
    (templates_copy / EDITION / "ruby" / "jwt_manager.rb.j2").write_text("{% if %}\n")
    done = run_cli("render", "--check", "--templates", str(templates_copy))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "broken template" in done.stderr and "Traceback" not in done.stderr


def test_snippet_prints_the_go_sample_and_its_install_line() -> None:
    done = run_cli("snippet", "go", "--edition", EDITION)
    assert done.returncode == 0
    assert done.stdout == (ROOT / "samples" / EDITION / "go" / "jwt_manager.go").read_text()
    assert "go get github.com/golang-jwt/jwt/v4" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "--check", "--algorithm", "HS999"], "unknown algorithm"),
        (["render", "--check", "--edition", EDITION, "--secret-key", "java="], "empty secret key name for java"),
        (["render", "--check", "--secret-key", "cobol=x"], "unknown language"),
        (["snippet", "cobol"], "unknown language"),
        (["render", "--check", "--config", "/nonexistent/jwtparity.toml"], "not found"),
        (["render", "--check", "--lifetime", "0"], "lifetime must be a positive"),
    ],
)
def test_invalid_settings_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and done.stderr.count("\n") == 1


def test_unreadable_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "jwtparity.toml"
    config.write_text("algorithm = [unclosed\n")
    done = run_cli("render", "--check", cwd=tmp_path)
    assert done.returncode == 2 and "unreadable" in done.stderr and done.stderr.count("\n") == 1


def test_config_file_and_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jwtparity]\nalgorithm = "HS384"\n[tool.jwtparity.secret_keys]\npy = "PYPROJECT_KEY"\n'
    )
    done = run_cli("snippet", "python", "--edition", EDITION, cwd=tmp_path)
    assert "algorithm='HS384'" in done.stdout and "config.PYPROJECT_KEY" in done.stdout
    (tmp_path / "jwtparity.toml").write_text('algorithm = "HS512"\n')
    done = run_cli("snippet", "python", "--edition", EDITION, cwd=tmp_path)
    assert "algorithm='HS512'" in done.stdout  # jwtparity.toml wins over pyproject.toml
    (tmp_path / "jwtparity.toml").write_text('algorithm = "HS512"\nbogus = 1\n')
    done = run_cli("snippet", "python", cwd=tmp_path)
    assert done.returncode == 2 and "unknown setting 'bogus'" in done.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[secret_keys]\njava = 5\n", "secret key name for java must be a string"),
        ('exp = "yes"\n', "exp must be true or false"),
        ('lifetime = "5m"\n', "lifetime must be a positive number of seconds"),
        ('[policy.node]\naccept = "iat"\n', "policy for nodejs must be a table with accept"),
        ('[policy.node]\naccept = ["nbf"]\n', "unknown difference 'nbf'"),
        ('[secret_keys]\ncobol = "x"\n', "unknown language 'cobol'"),
    ],
)
def test_wrong_values_in_the_config_file_are_one_line_and_exit_2(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "jwtparity.toml").write_text(config)
    done = run_cli("render", "--check", cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_cli_options_override_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "jwtparity.toml").write_text('algorithm = "HS512"\n')
    done = run_cli("snippet", "rb", "--algorithm", "HS384", cwd=tmp_path)
    assert '"HS384"' in done.stdout
