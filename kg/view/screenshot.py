"""A PNG of a page, taken with headless Chromium once the graph is drawn.

Usage::

    python -m kg.view.screenshot output/graph.html docs/graph.png --width 1400 --height 900

Waits until the view says it is ready (``data-kg-ready``), or ``--timeout``
seconds; any other page is shot after its load event.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.view.browser import Browser, BrowserError, find_chromium


def screenshot(page: str | Path, out: str | Path, *, width: int = 1400, height: int = 900,
               timeout: float = 60.0, settle: float = 0.3) -> Path:
    """Open ``page`` in headless Chromium and write a PNG of the viewport to ``out``.

    Parameters
    ----------
    page : str or Path
        An HTML file (or a ``file:`` URL).
    out : str or Path
        Where to write the PNG.
    width, height : int
        Viewport size in CSS pixels.
    timeout : float
        Seconds to wait for the page to draw.
    settle : float
        Seconds to wait after drawing (animations, fonts).
    """
    url = page if str(page).startswith("file:") else Path(page).resolve().as_uri()
    out = Path(out)
    with Browser(width=width, height=height, timeout=timeout) as browser:
        tab = browser.new_page()
        tab.call("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        tab.goto(url, timeout=timeout)
        try:
            tab.wait_for("document.documentElement.getAttribute('data-kg-ready') || "
                         "(typeof kgView === 'undefined' && document.readyState === 'complete')",
                         timeout=timeout)
        except TimeoutError:
            print(f"warning: {page} did not finish drawing in {timeout} s", file=sys.stderr)
        time.sleep(settle)
        data = tab.screenshot()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.view.screenshot",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("page", help="the HTML page")
    parser.add_argument("out", help="the PNG to write")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    if not Path(args.page).is_file():
        print(f"error: {args.page}: no such file", file=sys.stderr)
        return 2
    if find_chromium() is None:
        print("error: chromium not found (apt-get install chromium fonts-wqy-microhei, "
              "or set KG_CHROMIUM)", file=sys.stderr)
        return 3
    try:
        screenshot(args.page, args.out, width=args.width, height=args.height, timeout=args.timeout)
    except (BrowserError, TimeoutError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
