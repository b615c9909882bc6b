"""Checks of a built site in a real browser (Debian's Chromium through Playwright), and of its
links without one.

- serve(folder): the folder on a threaded http.server at 127.0.0.1 on a free port.
- audit_pages(browser, base, pages): load each page with every request to another host
  blocked and recorded; report axe-core violations, console errors, failed loads, pages
  whose theme did not render, and optionally the skip link and reflow at a narrow width.
- skip_link_problems, focus_problems, tab_set_problems, dropdown_problems, search_problems:
  keyboard checks on one freshly loaded page (focus starts at the top).
- crawl(folder): every relative link's file and every #fragment, in the HTML files.

Each check returns a list of problems as text that names the page, the rule and the element,
so a test asserts the list is empty and a failure says what to fix.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import posixpath
import re
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

CHROMIUM = "/usr/bin/chromium"  # Debian's package; `playwright install` cannot download here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# WCAG 2.0, 2.1 and 2.2, levels A and AA. Plus one best-practice rule: all content sits in
# a landmark (header, nav, main, footer), which is what makes the skip link and landmark
# navigation useful.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXTRA_RULES = ["region"]


def axe_source() -> str:
    """axe-core, as shipped inside the axe-playwright-python wheel (no download at run time)."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    head = axe_source()[:200]
    return head.split("axe v", 1)[1].split()[0]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def html_pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its folder."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
                  if "_static" not in p.relative_to(folder).parts)


# -- loading pages ---------------------------------------------------------------------------


@dataclass
class PageReport:
    page: str
    external: list[str] = field(default_factory=list)  # requests to other hosts (blocked)
    failed: list[str] = field(default_factory=list)  # local loads that failed
    console: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    render: list[str] = field(default_factory=list)  # the page or its theme did not render
    violations: list[str] = field(default_factory=list)  # axe-core, one line per element
    keyboard: list[str] = field(default_factory=list)  # the skip link did not work
    reflow: list[str] = field(default_factory=list)  # wider than a narrow screen
    colour_checked: int = 0  # elements the colour rules ran on (see NEW_STYLE_CONTEXTS)


@contextmanager
def offline_context(browser, allowed: str, **options):
    """A browser context that lets through only URLs starting with `allowed` (the local
    server, or 'file://') and aborts everything else, before it reaches the network. Each
    blocked URL is appended to `context.external` and passed to `context.on_external(url)`."""
    context = browser.new_context(service_workers="block", **options)
    context.external = []
    context.on_external = lambda url: None

    def route(route):
        url = route.request.url
        if url.startswith(allowed) or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        context.external.append(url)
        context.on_external(url)
        route.abort("blockedbyclient")

    context.route("**/*", route)
    try:
        yield context
    finally:
        context.close()


RENDER_CHECK = """() => {
  const problems = [];
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (!link.sheet) problems.push('stylesheet did not load: ' + link.getAttribute('href'));
  }
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) problems.push('image did not load: ' + img.getAttribute('src'));
  }
  // heard.css sets --heard-theme on the root element: the theme's stylesheet was applied
  if (getComputedStyle(document.documentElement).getPropertyValue('--heard-theme').trim() !== 'heard')
    problems.push("the theme's CSS is not applied");
  const main = document.querySelector('main#main');
  if (!main || !main.innerText.trim()) problems.push('no main content');
  return problems;
}"""

REFLOW_CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const wide = new Set([...document.body.querySelectorAll('*')].filter(el => {
    if (el.closest('table')) return false;  // data tables: two-dimensional, exempt
    // spaces hanging past the end of a wrapped line of code show nothing and scroll nothing
    if (!el.children.length && !el.textContent.trim()) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 1;
  }));
  return [...wide].filter(el => !wide.has(el.parentElement)).map(el => {
    let text = el.tagName.toLowerCase() + (el.className ? '.' + [...el.classList].join('.') : '');
    return text + ' is ' + Math.round(el.getBoundingClientRect().right) + 'px wide';
  });
}"""


def axe_options(tags=WCAG_TAGS, extra_rules=EXTRA_RULES) -> dict:
    return {"runOnly": {"type": "tag", "values": list(tags)},
            "rules": {rule: {"enabled": True} for rule in extra_rules},
            "resultTypes": ["violations"]}


def page_key(path: Path) -> str:
    """A hash of a built page's main landmark: the same page in both editions, with only the
    edition's header and menu around it, has the same key."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find("<main"), text.rfind("</main>")
    main = text[start:end] if start >= 0 and end > start else text
    return hashlib.sha256(main.encode()).hexdigest()


MENU = re.compile(r'<div class="sidebar-tree">.*?</nav>', re.S)
CURRENT_MARKS = re.compile(r' aria-current="page"| current-page|(?<=class=")current |'
                           r'(?<= )current(?=[ "])|href="[^"]*"')


def distinct_menus(folder: Path) -> list[str]:
    """One page for each distinct state of the site menu (which sections are open), with
    the marks of the current page and the relative addresses taken out."""
    seen, pages = set(), []
    for name in html_pages(folder):
        found = MENU.search((folder / name).read_text(encoding="utf-8"))
        key = CURRENT_MARKS.sub("", found.group(0)).replace(' ">', '">') if found else ""
        if key not in seen:
            seen.add(key)
            pages.append(name)
    return pages


def distinct_pages(folders: dict[str, Path], always: Callable[[Path], list[str]]) -> dict[str, list[str]]:
    """For each edition's folder, the pages whose main content no earlier page had (in
    either edition), plus the pages `always(folder)` names, which show the edition's own
    header and menu. Auditing these audits every distinct page once."""
    seen: set[str] = set()
    plan = {}
    for edition, folder in folders.items():
        chosen = set(always(folder))
        for name in html_pages(folder):
            key = page_key(folder / name)
            if key not in seen:
                seen.add(key)
                chosen.add(name)
        plan[edition] = sorted(chosen)
    return plan


def axe_lines(result: dict, name: str) -> list[str]:
    """axe-core's violations as 'page: rule (impact) at `selector`: help. what to fix'."""
    found = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            selector = " ".join(t if isinstance(t, str) else json.dumps(t)
                                for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            found.append(f"{name}: {rule['id']} ({rule['impact']}) at `{selector}`: "
                         f"{rule['help']}. {summary}")
    return found


def run_axe(page, name: str) -> list[str]:
    """axe-core's violations on the loaded page, one line per element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return axe_lines(page.evaluate("options => axe.run(document, options)", axe_options()),
                     name)


# What changes between light and dark mode, or a wide and a narrow screen, is colours and
# sizes: the page's structure is the same. So these rules are the ones worth running again.
COLOUR_AND_SIZE_RULES = ["color-contrast", "link-in-text-block", "target-size"]
# The rules that depend only on the colours an element's styles give it (and its
# ancestors'), so one page with an element in a given context checks them all (see
# NEW_STYLE_CONTEXTS). color-contrast is most of axe-core's time on a page.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Attributes that name or point at something on one page: a style context keeps that the
# element has one (a[href], abbr[title]) but not its value, which no stylesheet selects on.
PAGE_SPECIFIC = {"id", "href", "src", "srcset", "alt", "title", "for", "name", "headers",
                 "aria-labelledby", "aria-describedby", "aria-controls", "aria-label",
                 "width", "height", "colspan", "rowspan", "datetime", "value", "content"}
# Elements that carry no styles of their own unless a class or other attribute says so.
PLAIN_TAGS = {"div", "section", "span", "p", "li", "ul", "ol", "article", "tbody", "thead",
              "tr", "dd"}


# Each element's style context, on the page as loaded: the chain of its ancestors' tag,
# classes and other attributes (style, role, aria-current...; of PAGE_SPECIFIC ones only that
# they are there), leaving out plain containers (PLAIN_TAGS) with no class or attribute and
# repeats of a step, from the page's stylesheets down through the main landmark, the page's
# own headers and, where axe-core audits it, the site menu. Elements whose chain is not among
# `seen` are marked data-heard-colour for the colour rules; every chain on the page is
# returned.
NEW_STYLE_CONTEXTS = """([seen, withMenu, specific, plain]) => {
  const known = new Set(seen), found = new Set(), pageSpecific = new Set(specific),
        plainTags = new Set(plain);
  const walk = (element, chain) => {
    const tag = element.tagName.toLowerCase();
    const classes = [...element.classList].sort().join(" ");
    const others = [...element.attributes]
      .filter(a => a.name !== "class" && a.name !== "data-heard-colour")
      .map(a => [a.name, pageSpecific.has(a.name) ? "" : a.value])
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const step = JSON.stringify([tag, classes, others]);
    if ((classes || others.length || !plainTags.has(tag)) && chain[chain.length - 1] !== step)
      chain = chain.concat([step]);
    const key = chain.join("\\u0000");
    found.add(key);
    if (!known.has(key)) element.setAttribute("data-heard-colour", "");
    for (const child of element.children) walk(child, chain);
  };
  const sheets = JSON.stringify([...document.styleSheets].map(
    sheet => sheet.href || sheet.ownerNode.textContent));
  const roots = [document.querySelector("main"),
                 ...[...document.querySelectorAll("header")].filter(h => !h.closest("main"))];
  if (withMenu) roots.push(document.querySelector(".sidebar-drawer"));
  for (const root of roots.filter(Boolean)) walk(root, [sheets, root.tagName.toLowerCase()]);
  return [...found];
}"""


def audit_pages(browser, base: str, pages: list[str], *, allowed: str | None = None,
                axe: bool | list[str] = True, skip_link: bool = False,
                width: int | None = None, color_scheme: str = "light",
                whole: set[str] | None = None, menu: str = ".sidebar-drawer",
                colour_seen: set[str] | None = None) -> list[PageReport]:
    """Load every page (base + page) in one tab, blocking and recording requests to other
    hosts, and check it: see PageReport. `axe` is True (every WCAG rule), False, or a list of
    axe-core rule ids to run. With `skip_link`, also try the skip link from the keyboard;
    with `width`, load pages that wide and check they reflow; `color_scheme` "dark" asks for
    the theme's dark colours (as a browser set to dark mode does). With `whole`, axe-core
    leaves out the site `menu` on pages not in `whole` (the menu is the same on most pages:
    `distinct_menus` picks a page for each of its states). With `colour_seen` (a set kept
    across calls), the colour rules (COLOUR_RULES) run only on the elements whose style
    context (NEW_STYLE_CONTEXTS) no page checked earlier had, and on every element of the
    pages in `whole`; each page's contexts are then added to the set."""
    if isinstance(axe, list):
        options = {"runOnly": {"type": "rule", "values": axe}, "resultTypes": ["violations"]}
        rest = [rule for rule in axe if rule not in COLOUR_RULES]
        no_colour = {**options, "runOnly": {"type": "rule", "values": rest}} if rest else None
    else:
        options = axe_options()
        no_colour = {**options, "rules": {**options["rules"],
                                          **{rule: {"enabled": False} for rule in COLOUR_RULES}}}
    colour = [rule for rule in (axe if isinstance(axe, list) else COLOUR_RULES)
              if rule in COLOUR_RULES]
    colour_only = {"runOnly": {"type": "rule", "values": colour}, "resultTypes": ["violations"]}
    reports: list[PageReport] = []
    settings: dict = {"color_scheme": color_scheme}
    if width:
        settings["viewport"] = {"width": width, "height": 640}
    with offline_context(browser, allowed or base, **settings) as context:
        if axe:
            context.add_init_script(script=axe_source())
        tab = context.new_page()

        def note(kind: str, text: str) -> None:
            if reports:
                getattr(reports[-1], kind).append(f"{reports[-1].page}: {text}")

        context.on_external = lambda url: note("external", url)
        tab.on("console", lambda msg: msg.type == "error" and note(
            "console", f"console error: {msg.text} ({msg.location.get('url', '')})"))
        tab.on("pageerror", lambda exc: note("console", f"uncaught exception: {exc}"))
        # ERR_ABORTED: the next page was opened before a late load (the icon) finished
        tab.on("requestfailed", lambda req: req.url not in context.external
               and "ERR_ABORTED" not in (req.failure or "")
               and note("failed", f"{req.url}: {req.failure}"))
        tab.on("response", lambda resp: resp.status >= 400
               and note("failed", f"{resp.url}: HTTP {resp.status}"))
        for name in pages:
            reports.append(report := PageReport(name))
            tab.goto(base + name, wait_until="load")
            report.render = [f"{name}: {p}" for p in tab.evaluate(RENDER_CHECK)]
            if width:
                report.reflow = [f"{name}: reflow at {width}px: {line}"
                                 for line in tab.evaluate(REFLOW_CHECK)]
            if skip_link:
                report.keyboard = skip_link_problems(tab, name)
            if not axe:
                continue
            with_menu = whole is None or name in whole
            scope = None if with_menu else {"exclude": [[menu]]}
            by_element = colour_seen is not None and colour and (whole is None or
                                                                 name not in whole)
            run = no_colour if by_element else options
            if run:
                report.violations = axe_lines(tab.evaluate(AXE_RUN, [scope, run]), name)
            if colour_seen is not None and colour:
                chains = tab.evaluate(NEW_STYLE_CONTEXTS, [sorted(colour_seen), with_menu,
                                                           sorted(PAGE_SPECIFIC),
                                                           sorted(PLAIN_TAGS)])
                if by_element:
                    report.colour_checked = tab.evaluate(
                        "() => document.querySelectorAll('[data-heard-colour]').length")
                    if report.colour_checked:
                        report.violations += axe_lines(tab.evaluate(AXE_RUN, [
                            {"include": [["[data-heard-colour]"]]}, colour_only]), name)
                colour_seen.update(chains)
    return reports


AXE_RUN = "([scope, options]) => axe.run(scope || document, options)"


def collect(reports: list[PageReport], kind: str) -> list[str]:
    return [line for report in reports for line in getattr(report, kind)]


# -- keyboard ----------------------------------------------------------------------------------

DESCRIBE = """el => {
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  else if (el.classList.length) text += '.' + [...el.classList].join('.');
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('href') || '').trim();
  return text + (label ? ' "' + label.slice(0, 40).replace(/\\s+/g, ' ') + '"' : '');
}"""


def active(page):
    return page.evaluate_handle("() => document.activeElement").as_element()


def describe(element) -> str:
    return element.evaluate(DESCRIBE)


def skip_link_problems(page, name: str) -> list[str]:
    """Tab from the top focuses a visible skip link; Enter on it moves focus to main."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    page.keyboard.press("Tab")
    first = active(page)
    if first is None or not first.evaluate("el => el.matches('a[href]')"):
        return [f"{name}: skip link: the first Tab stop is not a link"]
    href = first.get_attribute("href") or ""
    if not href.startswith("#") or "skip" not in (first.inner_text() or "").lower():
        return [f"{name}: skip link: the first Tab stop is {describe(first)}, not a skip link"]
    problems = []
    box = first.bounding_box()
    viewport = page.viewport_size
    if not box or box["width"] < 1 or box["y"] < 0 or box["y"] + box["height"] > viewport["height"]:
        problems.append(f"{name}: skip link: not visible when focused ({box})")
    page.keyboard.press("Enter")
    target = active(page)
    if target is None or target.get_attribute("id") != href[1:]:
        got = describe(target) if target else "nothing"
        problems.append(f"{name}: skip link: Enter moved focus to {got}, not to {href}")
    elif not target.evaluate("el => el.matches('main, [role=main]')"):
        problems.append(f"{name}: skip link: {href} is not the main landmark")
    else:
        page.keyboard.press("Tab")
        after = active(page)
        # inside main, after it, or (a main with nothing to focus) round to the top again
        onward = after is not None and after.evaluate(
            "(el, first) => el === first || !!el.closest('main') || !!("
            "document.querySelector('main').compareDocumentPosition(el)"
            " & Node.DOCUMENT_POSITION_FOLLOWING)", first)
        if not onward:
            problems.append(f"{name}: skip link: the next Tab after skipping goes back before "
                            f"main ({describe(after) if after else 'nothing'})")
    return problems


STOP = """(el, baseline) => {
  if (!el || el === document.body) return null;
  if (!el.dataset.heardStop) el.dataset.heardStop = String(Math.random());
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  else if (el.classList.length) text += '.' + [...el.classList].join('.');
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('href') || '').trim();
  text += label ? ' "' + label.slice(0, 40).replace(/\\s+/g, ' ') + '"' : '';
  const stop = {key: el.dataset.heardStop, text};
  if (baseline) {
    // a visually hidden radio input (how sphinx-design builds tabs) shows focus on its label
    // and so does a hidden checkbox (Furo's expand arrows in the menu)
    const shown = el.matches('input[type=radio], input[type=checkbox]') && getComputedStyle(el).opacity === '0'
      && el.labels.length ? el.labels[0] : el;
    const s = getComputedStyle(shown);
    const now = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | ');
    const before = window.heardBefore.get(shown);
    const r = shown.getBoundingClientRect();
    Object.assign(stop, {now, before, changed: before !== undefined && before !== now,
      indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight});
  }
  return stop;
}"""


def tab_stops(page, limit: int = 400, baseline: bool = False):
    """Press Tab from the top of the page until focus comes round again: yields, for each
    element focused, a dict with `key` and `text` (and, with `baseline`, its focus style)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(f"baseline => ({STOP})(document.activeElement, baseline)", baseline)
        if stop is None or stop["key"] in seen:
            return
        seen.add(stop["key"])
        yield stop


def focus_problems(page, name: str) -> list[str]:
    """Every Tab stop shows a visible focus indicator: its outline or box shadow changes when
    focused, the outline is at least 2px, and it is on screen."""
    problems = []
    # Styles of every focusable element before anything has focus.
    page.evaluate("""() => {
      window.heardBefore = new Map();
      const style = el => { const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
      for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], label'))
        window.heardBefore.set(el, style(el));
    }""")
    count = 0
    for stop in tab_stops(page, baseline=True):
        count += 1
        if not (stop["changed"] and stop["indicator"]):
            problems.append(f"{name}: focus indicator: none on {stop['text']} "
                            f"(focused: {stop['now']}; not focused: {stop['before']})")
        if not stop["visible"]:
            problems.append(f"{name}: focus indicator: {stop['text']} is focused but off screen")
    if count == 0:
        problems.append(f"{name}: focus indicator: no element takes keyboard focus")
    return problems


def tab_to(page, selector: str, limit: int = 400):
    """Press Tab until an element matching `selector` has focus; None if none does."""
    for _stop in tab_stops(page, limit):
        element = active(page)
        if element.evaluate("(el, s) => el.matches(s)", selector):
            return element
    return None


def tab_set_problems(page, name: str) -> list[str]:
    """sphinx-design tabs: Tab reaches the selected tab, arrow keys select the next one and
    show its panel, and tab sets synced with it follow."""
    first = tab_to(page, ".sd-tab-set > input")
    if first is None:
        return [f"{name}: tabs: Tab never reaches a tab of a tab set"]
    before = first.evaluate("el => el.id")
    page.keyboard.press("ArrowRight")
    now = active(page)
    state = now.evaluate("""el => ({id: el.id, checked: el.checked,
      panel: getComputedStyle(el.nextElementSibling.nextElementSibling).display,
      sync: el.labels[0].dataset.syncId,
      synced: [...document.querySelectorAll('.sd-tab-set > input:checked + label')]
                .map(l => l.dataset.syncId)})""")
    problems = []
    if state["id"] == before or not state["checked"]:
        problems.append(f"{name}: tabs: the right arrow key did not select the next tab")
    if state["panel"] == "none":
        problems.append(f"{name}: tabs: the selected tab's panel is hidden")
    if state["sync"] and any(s != state["sync"] for s in state["synced"]):
        problems.append(f"{name}: tabs: synced tab sets did not follow ({state['synced']})")
    return problems


def dropdown_problems(page, name: str) -> list[str]:
    """sphinx-design dropdowns: Tab reaches the summary; Enter opens it, Space closes it."""
    summary = tab_to(page, "details.sd-dropdown > summary")
    if summary is None:
        return [f"{name}: dropdown: Tab never reaches a dropdown"]
    was_open = summary.evaluate("el => el.parentElement.open")
    problems = []
    for key in ("Enter", "Space"):
        page.keyboard.press(key)
        page.wait_for_timeout(50)
        state = summary.evaluate("""el => ({open: el.parentElement.open,
          shown: getComputedStyle(el.nextElementSibling).display !== 'none'
                 && el.nextElementSibling.getBoundingClientRect().height > 0})""")
        if state["open"] == was_open:
            problems.append(f"{name}: dropdown: {key} did not open or close it")
        elif state["open"] and not state["shown"]:
            problems.append(f"{name}: dropdown: opened but its content is not shown")
        was_open = state["open"]
    return problems


def search_problems(page, name: str, word: str) -> list[str]:
    """The header's search form: Tab reaches the field; typing and Enter show results with
    summaries, a status line tells screen readers how many, and the console stays quiet."""
    field_ = tab_to(page, "form[role=search] input[type=search]")
    if field_ is None:
        return [f"{name}: search: Tab never reaches the search field"]
    console: list[str] = []
    listener = lambda msg: msg.type in ("error", "warning") and console.append(msg.text)  # noqa: E731
    page.on("console", listener)
    try:
        page.keyboard.type(word)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        try:
            page.wait_for_selector("#search-results li", timeout=10_000)
            page.wait_for_function("() => /\\d/.test(document.querySelector('[role=status]')"
                                   "?.textContent || '')", timeout=10_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; say what the user sees
            return [f"{name}: search: no results, or no status line, for {word!r} at {page.url}"]
        page.wait_for_load_state("networkidle")  # result summaries are fetched page by page
        try:  # an extract under the results, served or opened from a folder
            page.wait_for_selector("#search-results li p.context", timeout=10_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            return [f"{name}: search: results for {word!r} show no extract at {page.url}"]
    finally:
        page.remove_listener("console", listener)
    return [f"{name}: search: console: {text}" for text in console]


# -- links -------------------------------------------------------------------------------------


def _ids(soup: BeautifulSoup) -> set[str]:
    return {tag["id"] for tag in soup.find_all(id=True)} | {
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})}


def crawl(folder: Path) -> tuple[int, list[str]]:
    """Every relative href and src in the site's HTML: its file exists (a file, not a
    folder, so links also work opened from a folder) and its #fragment is an id there.
    Returns (links checked, problems)."""
    pages = {}
    for name in html_pages(folder):
        pages[name] = BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")
    ids = {name: _ids(soup) for name, soup in pages.items()}
    problems, checked = [], 0
    for name, soup in pages.items():
        for tag in soup.find_all(["a", "link", "script", "img", "iframe", "source"]):
            attribute = "href" if tag.name in ("a", "link") else "src"
            url = tag.get(attribute)
            if url is None or tag.name == "link" and "canonical" in tag.get("rel", []):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "data:")):
                continue  # other hosts: gate 2 keeps pages from loading them
            checked += 1
            if parts.path.startswith("/"):
                problems.append(f"{name}: {url}: a root-relative link breaks opened from a folder")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                       unquote(parts.path))) if parts.path else name
            if target.startswith("../"):
                problems.append(f"{name}: {url}: points outside the site")
                continue
            path = folder / target
            if not path.is_file():
                problems.append(f"{name}: {url}: no file {target}")
                continue
            if parts.fragment and target.endswith(".html"):
                if unquote(parts.fragment) not in ids.get(target, set()):
                    problems.append(f"{name}: {url}: no id {parts.fragment!r} in {target}")
    return checked, problems
