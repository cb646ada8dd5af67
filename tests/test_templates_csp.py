"""What the strict Content Security Policy would block must not be in any template.

Pages and the partials htmx swaps in are checked alike: an inline style attribute, a <style>
element, an inline script, an event-handler attribute or htmx's `hx-on` would each be refused by
the browser (a console error per element, after every swap), so none may appear.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(
    path for folder in settings.TEMPLATES[0]["DIRS"] for path in Path(folder).rglob("*.html")
)
FORBIDDEN = {
    "style attribute": re.compile(r"\sstyle\s*="),
    "<style> element": re.compile(r"<style[\s>]"),
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "hx-on attribute": re.compile(r"(data-)?hx-on"),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_templates_are_found():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_has_nothing_the_csp_blocks(path):
    text = path.read_text(encoding="utf-8")
    found = [what for what, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{path}: {', '.join(found)}"


def test_htmx_adds_no_style_and_runs_no_code():
    base = (Path(settings.TEMPLATES[0]["DIRS"][0]) / "base.html").read_text(encoding="utf-8")
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', base)
    assert config, "base.html sets no htmx config"
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)
    assert '"allowScriptTags": false' in config.group(1)
