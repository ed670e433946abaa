"""Fixtures shared across test areas: a real browser (Debian's chromium via Playwright) for the
widget and for the standalone page of ``annotate --format html``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped locally without it, a failure under CI."""
    if not Path(CHROMIUM).exists():
        reason = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.js_errors = errors  # type: ignore[attr-defined]
    page.dialogs = dialogs  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


# --- pipelines on the component tests' fixture glossary (tests/pipeline/data) -------------------

FIXTURE_GLOSSARY_DIR = Path(__file__).parent / "pipeline" / "data"


def _make_fixture_nlp(**config):
    import spacy

    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, **config})
    # from_disk on a directory holding only glossary.jsonl: patterns are generated from it.
    component.from_disk(FIXTURE_GLOSSARY_DIR)
    return nlp


@pytest.fixture(scope="session")
def nlp():
    """blank English + helpdesk_glossary loaded with the fixture glossary (a directory's own
    ``nlp`` fixture overrides it)."""
    return _make_fixture_nlp()


@pytest.fixture(scope="session")
def make_fixture_nlp():
    """Factory for a fresh fixture pipeline with extra component config."""
    return _make_fixture_nlp
