"""What differs between a page's generated block and the templates, language by language.

Neither side is called newer: the page may hold an upstream edit the templates lack, or the other way
round. The maintainer decides which side to change.
"""

from jwtparity.config.languages import Language
from jwtparity.config.settings import Settings
from jwtparity.render.docs import code_blocks
from jwtparity.render.snippets import docs_fragments, render_section, unified_diff


def _key(language: Language, layout: str) -> str:
    return language.heading if layout == "headings" else language.tab


def report(page_block: str, settings: Settings, page_name: str) -> str:
    """Which languages differ, then a diff per language (or of the whole block when the code agrees)."""
    layout = settings.edition_info.layout
    on_page = code_blocks(page_block, layout)
    fragments = {_key(lang, layout): (lang, code.rstrip("\n")) for lang, code in docs_fragments(settings).items()}
    differing: dict[str, str] = {}
    diffs = []
    for key, (language, code) in fragments.items():
        if key not in on_page:
            differing[language.name] = "not on the page (the templates have it)"
        elif on_page[key] != code:
            differing[language.name] = "the code differs"
            diffs.append(unified_diff(on_page[key] + "\n", code + "\n", language.name, "page", "templates"))
    differing |= {
        key: f"on the page only (no template of edition {settings.edition})" for key in on_page if key not in fragments
    }
    if differing:
        head = f"{page_name}: differs from the templates of edition {settings.edition} in: {', '.join(differing)}"
    elif list(on_page) != list(fragments):
        head = f"{page_name}: the same samples as the templates of edition {settings.edition}, in another order"
    else:
        head = (
            f"{page_name}: the code of every language agrees with edition {settings.edition}; "
            "the block around it differs"
        )
    if not differing:
        diffs.append(
            unified_diff(page_block + "\n", render_section(settings).rstrip() + "\n", page_name, "page", "templates")
        )
    return "\n".join([head, *(f"  {name}: {why}" for name, why in differing.items()), *diffs]).rstrip("\n")
