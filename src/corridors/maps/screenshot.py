"""PNG pictures of the maps, taken with headless Chromium (Debian's ``chromium``)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from corridors.errors import CorridorsError

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The installed Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshots(html_files: Sequence[Path], *, width: int = 1280, height: int = 800) -> list[Path]:
    """Open each HTML file with the network off and save ``<name>.png`` beside it."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        msg = "PNG export needs Playwright: pip install 'corridors[test]' (or playwright)."
        raise CorridorsError(msg) from None
    executable = chromium_path()
    if executable is None:
        msg = "PNG export needs Chromium; install it (Debian: apt-get install chromium)."
        raise CorridorsError(msg)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_offline(True)
        page = context.new_page()
        for html in html_files:
            page.goto(Path(html).resolve().as_uri())
            page.wait_for_function("() => document.querySelector('.leaflet-pane path')")
            page.wait_for_timeout(300)
            png = Path(html).with_suffix(".png")
            page.screenshot(path=str(png))
            written.append(png)
        browser.close()
    return written
