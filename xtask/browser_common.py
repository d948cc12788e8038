"""What the three browser checks share (browser_check.py, widget_check.py, jupyterlab_check.py):
headless Chromium launched one way, a guard that keeps every page on the server under test, the
console's errors collected as failures, and a quiet local web server for the built book.

Chromium is Debian's /usr/bin/chromium (or --chromium), driven by Playwright; Playwright's own
browser downloads are never used.
"""

import argparse
import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

# No sandbox (containers lack the namespaces), no GPU, and nothing the browser would fetch from
# the internet on its own (updates, sync, QUIC probes): only what the page asks for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def add_chromium_option(parser) -> None:
    """The `--chromium PATH` option every check takes."""
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium binary")


def book_check_parser(doc: str):
    """The command line of a check of the built book: described by the first line of `doc`, with
    `--build` (the built book), `--out` (where screenshots go) and `--chromium`; the caller adds
    its own options."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--build", type=Path, required=True, help="the built book")
    parser.add_argument("--out", type=Path, required=True, help="where screenshots go")
    add_chromium_option(parser)
    return parser


@contextlib.contextmanager
def served_browser(directory: Path, chromium: str):
    """For a `with` block: `directory` served (serve) and Chromium launched (launch); yields the
    browser and the server's URL, and closes both after the block."""
    server = serve(directory)
    try:
        with sync_playwright() as p:
            browser = launch(p, chromium)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


def tab_to(page, element, presses: int):
    """Presses Tab (at most `presses` times) until `element` (a locator) has the focus; whether it
    has it, and whether it shows a visible focus ring."""
    for _ in range(presses):
        if element.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    focused = element.evaluate("e => e === document.activeElement")
    ring = element.evaluate(
        "e => getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) > 0"
    )
    return focused, ring


def launch(playwright, chromium: str):
    """Headless Chromium from `chromium` (a path), with CHROMIUM_ARGS."""
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)


def phone_context(browser, base: str, failures=None):
    """A new context shaped like a phone (390x844, touch), kept on `base` by guard_routes."""
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    guard_routes(phone, base, failures)
    return phone


def guard_routes(target, bases, failures=None) -> None:
    """Lets `target` (a page or a browser context) request only the hosts of `bases` (a URL, or
    a list of them when several servers are under test) or a local URL such as data: or file:;
    any other request is refused and, if `failures` is a list, added to it as "request to
    another host: URL"."""
    origins = {urlparse(b).netloc for b in ([bases] if isinstance(bases, str) else bases)} | {""}

    def on_route(route):
        url = route.request.url
        if urlparse(url).netloc in origins:
            route.continue_()
        else:
            if failures is not None:
                failures.append(f"request to another host: {url}")
            route.abort()

    target.route("**/*", on_route)


def answer_with(page, pattern: str, status: int, body: str) -> None:
    """Answers every request of `page` whose URL matches `pattern` (a glob) with `status` and
    `body` instead of the server: to see how a page takes a missing or broken file."""
    page.route(pattern, lambda route: route.fulfill(status=status, body=body))


def collect_errors(page, failures: list, prefix: str = "") -> None:
    """Adds every console error and uncaught script error of `page` to `failures`."""
    page.on(
        "console",
        lambda msg: failures.append(f"{prefix}console error: {msg.text}")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda err: failures.append(f"{prefix}script error: {err}"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


def serve(directory: Path):
    """Serves `directory` on a free port of 127.0.0.1 from a daemon thread; the caller shuts the
    server down. Its URL is http://127.0.0.1:{server.server_address[1]}/."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def verdict(check: str, failed: int, failures: str, success: str, shots=None) -> int:
    """Prints the check's last line, `FAIL check: {failed} {failures}` or `check: {success}`
    (each followed by where the screenshots are, if given), and returns the exit status: 1 if
    anything failed, else 0."""
    where = f"; screenshots in {shots}" if shots is not None else ""
    if failed:
        print(f"FAIL {check}: {failed} {failures}{where}")
        return 1
    print(f"{check}: {success}{where}")
    return 0
