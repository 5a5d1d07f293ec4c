"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from kg.view.browser import Browser, find_chromium


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the module's tests; skipped, with the reason, where none is."""
    binary = find_chromium()
    if binary is None:
        pytest.skip(
            "chromium not found: install Debian's chromium and fonts-wqy-microhei "
            "(or set KG_CHROMIUM)"
        )
    with Browser(binary, width=1280, height=800) as b:
        yield b
