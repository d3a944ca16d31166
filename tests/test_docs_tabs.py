"""docs sync, tabs layout (jwtencode): only the <Tabs> block is the tool's; everything else is the page's."""

import difflib
import shutil
from pathlib import Path

import pytest

from jwtparity.config import editions
from jwtparity.config.languages import all_languages
from jwtparity.paths import BUILTIN_TEMPLATES
from jwtparity.render import docs
from tests.conftest import ROOT, mutated_templates, run_cli

UPSTREAM = ROOT.parent / "shared" / "upstream"
ENCODE = editions.resolve("jwtencode", (BUILTIN_TEMPLATES,))
EDITION = ("--edition", "jwtencode")
DEVIATIONS = {d.line for lang in all_languages(edition="jwtencode") for d in lang.deviations}


def outside_block(data: bytes) -> tuple[bytes, bytes]:
    text = data.decode("utf-8")
    span = docs.block_span(text, ENCODE)
    return text[: span.start].encode("utf-8"), text[span.end :].encode("utf-8")


def sync(page: Path, *args: str):
    return run_cli("docs", "sync", *EDITION, *args, str(page))


@pytest.fixture(params=["signature.en.md", "signature.zh-CN.md"])
def live_copy(request, tmp_path: Path) -> Path:
    source = UPSTREAM / request.param
    if not source.is_file():
        pytest.skip(f"{source} is not beside this checkout")
    return Path(shutil.copy(source, tmp_path / request.param))


def test_check_on_the_live_page_names_the_languages_with_deviations(live_copy: Path) -> None:
    before = live_copy.read_bytes()
    done = sync(live_copy, "--check")
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first == f"{live_copy}: differs from the templates of edition jwtencode in: csharp, java"
    assert "+import java.util.Map;" in done.stdout and "--- java (page)" in done.stdout
    assert "newer" not in done.stdout + done.stderr and "published" not in done.stdout
    assert live_copy.read_bytes() == before


def test_sync_of_the_live_page_changes_only_listed_deviations_inside_the_block(live_copy: Path) -> None:
    before = live_copy.read_bytes()
    done = sync(live_copy)
    assert done.returncode == 0, done.stderr
    after = live_copy.read_bytes()
    assert outside_block(after) == outside_block(before)
    old_lines, new_lines = before.decode().splitlines(), after.decode().splitlines()
    changes = [line for line in difflib.ndiff(old_lines, new_lines) if line[:1] in "+-"]
    assert changes and all(line.startswith("+ ") and line[2:].strip() in DEVIATIONS for line in changes), changes
    assert after.startswith(before[:3])  # the zh-CN page's BOM stays


def test_second_sync_of_the_live_page_is_a_no_op_and_check_passes(live_copy: Path) -> None:
    assert sync(live_copy).returncode == 0
    first = live_copy.read_bytes()
    again = sync(live_copy)
    assert again.returncode == 0 and "up to date" in again.stderr
    assert live_copy.read_bytes() == first
    assert sync(live_copy, "--check").returncode == 0


BOX = ":::warning\r\n本节的示例仅供参考。\r\n:::\r\n"


def own_page(samples_block: str) -> bytes:
    """A translated MDX page of the live page's structure: BOM, CRLF, id heading, intro, a box, tabs."""
    text = (
        "\ufeffimport Tabs from '@theme/Tabs';\r\nimport TabItem from '@theme/TabItem';\r\n\r\n# 签名\r\n\r\n"
        '## 配置 {#configuration}\r\n\r\n<Tabs>\r\n  <TabItem value="linux" label="Linux">\r\n'
        "      ``` bash\r\n      x\r\n      ```\r\n  </TabItem>\r\n</Tabs>\r\n\r\n"
        "## 用于生成签名的代码示例 {#code-samples-for-signature-generation}\r\n\r\n"
        "下面是签名生成的示例。\r\n\r\n"
        + BOX
        + "\r\n"
        + samples_block.replace("\n", "\r\n")
        + "\r\n\r\n## 下一节 {#next}\r\n\r\n保留。\r\n"
    )
    return text.encode("utf-8")


OLD_BLOCK = (
    '<Tabs>\n    <TabItem value="python" label="Python">\n        ```py\n        # pip install PyJWT\n'
    "        import jwt\n\n        def jwt_encode(payload, secret):\n"
    "            return jwt.encode(payload, secret)\n        ```\n    </TabItem>\n</Tabs>"
)


def test_own_translated_crlf_page_keeps_bom_endings_heading_box_and_indentation(tmp_path: Path) -> None:
    page = tmp_path / "signature.md"
    page.write_bytes(own_page(OLD_BLOCK))
    before = page.read_bytes()
    drift = sync(page, "--check")
    assert drift.returncode == 1 and "python: the code differs" in drift.stdout
    assert "nodejs: not on the page" in drift.stdout
    assert sync(page).returncode == 0
    after = page.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n")  # no bare LF
    assert outside_block(after) == outside_block(before)
    heading = "## 用于生成签名的代码示例 {#code-samples-for-signature-generation}\r\n"
    assert BOX.encode() in after and heading.encode() in after
    block = docs.current_block(after.decode(), ENCODE)
    assert '    <TabItem value="go" label="Go">' in block.splitlines()  # the page's 4-space items
    assert "        ```go" in block.splitlines() and "        ``` go" not in block  # its 8 spaces and "```go"
    assert list(docs.code_blocks(block, "tabs")) == [lang.tab for lang in all_languages(edition="jwtencode")]
    assert sync(page).returncode == 0 and page.read_bytes() == after
    assert sync(page, "--check").returncode == 0


def test_mdx_markers_delimit_the_block(tmp_path: Path) -> None:
    page = tmp_path / "page.mdx"
    page.write_text("# Anything\n\n{/* jwtparity:begin */}\nold\n{/* jwtparity:end */}\n\nkept\n")
    assert sync(page).returncode == 0
    text = page.read_text()
    assert text.startswith("# Anything\n\n{/* jwtparity:begin */}\n<Tabs>\n") and text.endswith(
        "</Tabs>\n{/* jwtparity:end */}\n\nkept\n"
    )


def test_a_template_edit_is_drift_of_that_language_only(tmp_path: Path) -> None:
    page = tmp_path / "signature.md"
    page.write_bytes(own_page(OLD_BLOCK))
    assert sync(page).returncode == 0
    templates = mutated_templates(
        tmp_path,
        "jwtencode/go/jwt_encode.go.j2",
        "return token.SignedString(secret)",
        "return token.SignedString(secret) // signed",
    )
    done = sync(page, "--check", "--templates", str(templates))
    assert done.returncode == 1
    assert done.stdout.splitlines()[:2] == [
        f"{page}: differs from the templates of edition jwtencode in: go",
        "  go: the code differs",
    ]
    assert "+    return token.SignedString(secret) // signed" in done.stdout


def test_section_without_tabs_block_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "signature.md"
    page.write_text("## Code samples for signature generation\n\nno tabs here\n")
    done = sync(page)
    assert done.returncode == 2 and "no complete <Tabs>" in done.stderr and done.stderr.count("\n") == 1
    assert page.read_text() == "## Code samples for signature generation\n\nno tabs here\n"


def test_tabs_before_the_section_are_not_the_tool_s() -> None:
    page = own_page(OLD_BLOCK).decode()
    span = docs.block_span(page, ENCODE)
    assert page[span.start : span.end].startswith('<Tabs>\r\n    <TabItem value="python"')
