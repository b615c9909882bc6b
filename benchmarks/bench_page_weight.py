"""Page weight: what a browser downloads for a page of a built site, by kind.

    .venv/bin/python benchmarks/bench_page_weight.py [SITE] [PAGE ...]

SITE defaults to _build/learner (`make site` or `heard build` first); PAGES default to the
home page and a module. Each page is loaded once in Debian's Chromium (Playwright) from a
local server, with a cold cache, and every response it receives is counted: HTML, CSS, JS,
fonts and anything else (icons, images). Requests to other hosts are blocked and listed.
Sizes are bytes as sent (this server does not compress), in KB of 1,000 bytes.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def weigh(browser, base: str, page: str) -> tuple[dict[str, int], list[str]]:
    sizes: dict[str, int] = defaultdict(int)
    external: list[str] = []
    context = browser.new_context()

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(base + page, wait_until="networkidle")
    for response in responses:
        sizes[KINDS.get(response.request.resource_type, "other")] += len(response.body())
    context.close()
    return dict(sizes), external


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "_build" / "learner"
    pages = sys.argv[2:] or ["index.html", "modules/from-judged-to-heard.html"]
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            print(f"{'page':45} " + " ".join(f"{k:>7}" for k in (*KINDS.values(), "other"))
                  + "   total")
            for page in pages:
                sizes, external = weigh(browser, base, page)
                row = [sizes.get(k, 0) / 1000 for k in (*KINDS.values(), "other")]
                print(f"{page:45} " + " ".join(f"{v:7.1f}" for v in row)
                      + f" {sum(row):7.1f} KB" + (f"   BLOCKED {external}" if external else ""))
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
