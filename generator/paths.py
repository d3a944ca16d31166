"""Where the project's data folders live: beside the package, in the checkout."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
HARNESS_DIR = PROJECT_ROOT / "harness"
SAMPLES_DIR = PROJECT_ROOT / "samples"
DOCS_TEMPLATE = "signature-samples.md.j2"
DOCS_SAMPLE = "signature-samples.md"
