"""Drive headless Chromium through the DevTools protocol over a pipe (stdlib only).

Used by the browser tests, the benchmark and :mod:`kg.view.screenshot`.
Chromium is started with ``--remote-debugging-pipe``: commands go to its
file descriptor 3 and replies come from 4, as NUL-terminated JSON, so there
is no port, no websocket and no extra dependency.

>>> find_chromium(["/nonexistent/chromium"]) is None
True
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
    "--hide-scrollbars", "--mute-audio", "--disable-dev-shm-usage",
    # belt and braces: even if a page tried, no host name resolves
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


#: true once a kg view page has drawn its graph (app.js sets ``data-kg-ready``)
READY = "document.documentElement.getAttribute('data-kg-ready') === '1'"


class BrowserError(RuntimeError):
    pass


def find_chromium(candidates: list[str] | tuple[str, ...] | None = None) -> str | None:
    """The Chromium binary: ``$KG_CHROMIUM``, else the first of the usual names on PATH."""
    env = os.environ.get("KG_CHROMIUM")
    if candidates is None and env:
        return env if shutil.which(env) else None
    for name in candidates or CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _high_fd(fd: int) -> int:
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


class Browser:
    """A headless Chromium; use as a context manager.

    Parameters
    ----------
    binary : str, optional
        Path of the browser; :func:`find_chromium` by default.
    width, height : int
        Window size in CSS pixels.
    timeout : float
        Default seconds to wait for a reply.
    """

    def __init__(self, binary: str | None = None, *, width: int = 1280, height: int = 800,
                 timeout: float = 30.0) -> None:
        binary = binary or find_chromium()
        if not binary:
            raise BrowserError("chromium not found (install Debian's chromium or set KG_CHROMIUM)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._resp_r, resp_w = os.pipe()
        # the child's ends move to fds >= 10 (close-on-exec), so mapping them to 3 and 4
        # cannot clash
        cmd_r, resp_w = _high_fd(cmd_r), _high_fd(resp_w)
        args = [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
                f"--window-size={width},{height}", "about:blank"]
        self._log = open(Path(self.profile) / "chromium.log", "wb")

        def to_3_and_4() -> None:  # in the child, before exec: chromium talks on fds 3 and 4
            os.dup2(cmd_r, 3)
            os.dup2(resp_w, 4)

        self.proc = subprocess.Popen(args, close_fds=False, preexec_fn=to_3_and_4,
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        os.close(cmd_r)
        os.close(resp_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict] = []
        try:
            self.version = self.call("Browser.getVersion")
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply from chromium")
            ready, _, _ = select.select([self._resp_r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._resp_r, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the pipe (crashed?): " + self.log_tail())
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict:
        """Send one command and wait for its result; events meanwhile go to :attr:`events`."""
        self._next_id += 1
        msg: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._cmd_w, data):]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def pump(self, seconds: float = 0.0) -> None:
        """Collect events for ``seconds`` (or what is already waiting)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if b"\0" not in self._buf:
                ready, _, _ = select.select([self._resp_r], [], [], max(left, 0))
                if not ready:
                    return
            msg = self._read_message(time.monotonic() + max(left, 0.05))
            if "method" in msg:
                self.events.append(msg)

    def new_page(self) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = attached["sessionId"]
        return Page(self, session, target)

    def log_tail(self, n: int = 2000) -> str:
        try:
            log = (Path(self.profile) / "chromium.log").read_bytes()
            return log[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.call("Browser.close", timeout=5)
            except (BrowserError, TimeoutError, OSError):
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()  # our own child, by its handle
                self.proc.wait(5)
        for fd in (self._cmd_w, self._resp_r):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One tab, attached with a flat session; records console errors and requests."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict | None = None, **kw) -> dict:
        return self.browser.call(method, params, session=self.session, **kw)

    def _events(self, name: str | None = None) -> list[dict]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session
                and (name is None or e["method"] == name)]

    def clear_events(self) -> None:
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]

    def goto(self, url: str, *, timeout: float = 30.0) -> None:
        """Navigate and wait for the load event."""
        self.clear_events()
        result = self.call("Page.navigate", {"url": url}, timeout=timeout)
        if result.get("errorText"):
            raise BrowserError(f"{url}: {result['errorText']}")
        deadline = time.monotonic() + timeout
        while not self._events("Page.loadEventFired"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {timeout} s")
            self.browser.pump(0.05)

    def evaluate(self, expression: str, *, timeout: float | None = None):
        """Evaluate ``expression`` in the page; returns its value (JSON-able) or raises."""
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError(d.get("exception", {}).get("description") or d.get("text", "error"))
        return r.get("result", {}).get("value")

    def wait_for(self, expression: str, *, timeout: float = 30.0, interval: float = 0.05):
        """Poll until ``expression`` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {expression}")
            self.browser.pump(interval)

    def click(self, x: float, y: float, *, count: int = 1) -> None:
        """A real mouse click at CSS pixel (x, y) of the viewport."""
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for n in range(1, count + 1):
            for kind in ("mousePressed", "mouseReleased"):
                self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                       "button": "left", "clickCount": n})

    def type_text(self, text: str) -> None:
        self.call("Input.insertText", {"text": text})

    def press(self, key: str, code: str | None = None, key_code: int | None = None) -> None:
        params = {"key": key, "code": code or key}
        if key_code is not None:
            params["windowsVirtualKeyCode"] = key_code
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", **params})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **params})

    def screenshot(self, path: str | os.PathLike | None = None) -> bytes:
        data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
        if path is not None:
            Path(path).write_bytes(data)
        return data

    # ------------------------------------------------------------ what happened
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (CSP violations included)."""
        out = []
        for e in self._events():
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append(d.get("exception", {}).get("description") or d.get("text", "exception"))
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", "")))
                                    for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append(p["entry"].get("text", ""))
        return out

    def requests(self) -> list[str]:
        """URLs of every request the page made (its own document included)."""
        return [e["params"]["request"]["url"] for e in self._events("Network.requestWillBeSent")]

    def close(self) -> None:
        try:
            self.browser.call("Target.closeTarget", {"targetId": self.target})
        except (BrowserError, TimeoutError):
            pass
