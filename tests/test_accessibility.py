"""Accessibility and privacy in a real browser (issue 7, gates 1, 2 and 6).

Gate 1: every page of both editions of the real curriculum has no axe-core violations of
WCAG 2.0, 2.1 and 2.2 at levels A and AA; a skip link works from the keyboard; every Tab
stop shows a visible focus indicator; tabs, dropdowns and the search form work by keyboard;
pages reflow on a screen 320 CSS pixels wide (WCAG 1.4.10; axe-core cannot test it).
Gate 2: nothing leaves the machine: pages render with every request to another host blocked,
request nothing from another host, log no console errors, and work opened from a folder.
Gate 6: the accessibility statement is on the site and names the tools the tests use.

The site is served from 127.0.0.1 and loaded in Debian's Chromium through Playwright. The
curriculum has no tabs or dropdowns yet, so tests/roots/test-components has them (and a
notebook with every kind of output); a copy with a deliberately broken page shows that each
gate reports what it should.
"""

from __future__ import annotations

import functools
import re
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import REPO, ROOTS
from webcheck import (
    COLOUR_AND_SIZE_RULES,
    COLOUR_RULES,
    WCAG_TAGS,
    audit_pages,
    axe_version,
    collect,
    distinct_menus,
    distinct_pages,
    dropdown_problems,
    focus_problems,
    html_pages,
    run_axe,
    search_problems,
    serve,
    skip_link_problems,
    tab_set_problems,
)

EDITIONS = ("learner", "trainer")
MATHJAX_HINT = ("a page asked another host for something (MathJax, require.js, a font?): "
                "vendor it under _static or switch it off in conf.py")


def report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


# -- the real curriculum -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def servers(editions):
    """Each edition on its own local server: {edition: base URL}."""
    with ExitStack() as stack:
        yield {edition: stack.enter_context(serve(editions[edition])) for edition in EDITIONS}


def chrome_pages(folder: Path) -> list[str]:
    """The home page, a module and the search page: every part of an edition's header and
    menu, and every kind of Tab stop the theme has."""
    modules = sorted(p for p in html_pages(folder) if p.startswith("modules/")
                     and not p.endswith(("index.html", "coverage.html")))
    return ["index.html", modules[0], "search.html"]


@pytest.fixture(scope="session")
def audit_plan(editions) -> dict[str, list[str]]:
    """The pages each edition's browser gates load: every page whose main content differs
    from every page already chosen (pages the same in both editions are loaded once), plus
    each edition's chrome pages and a page for each state of its menu. Every distinct page
    is still audited."""
    plan = distinct_pages({edition: editions[edition] for edition in EDITIONS},
                          lambda folder: sorted(whole_pages(folder)))
    for edition in EDITIONS:
        assert len(html_pages(editions[edition])) >= 20
        assert whole_pages(editions[edition]) <= set(plan[edition])
    return plan


def whole_pages(folder: Path) -> set[str]:
    """Pages axe-core audits with the site menu: the chrome pages and one page for each
    state of the menu. On the others it audits everything but the menu."""
    return set(chrome_pages(folder)) | set(distinct_menus(folder))


@pytest.fixture(scope="session")
def http_audit(editions, servers, browser, audit_plan):
    """Every distinct page of an edition, loaded once over HTTP in light mode: axe-core and
    the skip link. Every rule runs on every page, except the colour rules (most of
    axe-core's time), which run on each element whose style context no page checked earlier
    had (webcheck.NEW_STYLE_CONTEXTS), and on the whole of the chrome and menu pages."""

    @functools.cache
    def audit(edition: str):
        return audit_pages(browser, servers[edition], audit_plan[edition], skip_link=True,
                           whole=whole_pages(editions[edition]), colour_seen=set())

    return audit


@pytest.fixture(scope="session")
def phone_chrome_audit(editions, servers, browser):
    """The chrome pages over HTTP, 320 CSS pixels wide in dark mode, with every axe-core rule:
    the phone's header and menu button show only on narrow screens. (From a folder, axe-core's
    stylesheet rule would try to read the stylesheets, which browsers refuse there.)"""

    @functools.cache
    def audit(edition: str):
        return audit_pages(browser, servers[edition], chrome_pages(editions[edition]),
                           width=320, color_scheme="dark")

    return audit


@pytest.fixture(scope="session")
def folder_audit(editions, browser, audit_plan):
    """Every distinct page of an edition, opened from its folder (file:// addresses) on a
    screen 320 CSS pixels wide (a phone, or a 1280-pixel window zoomed to 400%) in dark mode:
    reflow, nothing broken, and axe-core's colour and size rules (the light pass ran the
    others on the same markup; phone_chrome_audit runs them all on the phone's header). The
    size rule runs on every page; the colour rules, as in the light pass, on each element in
    a style context no page had before, and on the whole of the chrome and menu pages."""

    @functools.cache
    def audit(edition: str):
        folder = editions[edition]
        return audit_pages(browser, folder.as_uri() + "/", audit_plan[edition],
                           allowed="file://", width=320, color_scheme="dark",
                           axe=COLOUR_AND_SIZE_RULES, whole=whole_pages(folder),
                           colour_seen=set())

    return audit


@pytest.fixture
def tab(browser):
    context = browser.new_context(service_workers="block")
    # Keyboard tests load only local pages; block anything else all the same.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:|file://|data:).*"),
                  lambda route: route.abort("blockedbyclient"))
    yield context.new_page()
    context.close()


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_no_wcag_a_or_aa_violations(http_audit, edition):
    violations = collect(http_audit(edition), "violations")
    assert violations == [], report(violations)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_no_wcag_a_or_aa_violations_in_dark_mode_on_a_phone(
        folder_audit, phone_chrome_audit, edition):
    violations = collect(folder_audit(edition) + phone_chrome_audit(edition), "violations")
    assert violations == [], report(violations)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_renders_with_other_hosts_blocked_and_asks_none(http_audit, edition):
    reports = http_audit(edition)
    external = collect(reports, "external")
    assert external == [], MATHJAX_HINT + "\n" + report(external)
    broken = collect(reports, "failed") + collect(reports, "render")
    assert broken == [], report(broken)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_logs_a_console_error(http_audit, edition):
    errors = collect(http_audit(edition), "console")
    assert errors == [], report(errors)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_site_works_opened_from_a_folder(editions, folder_audit, tab, edition):
    folder = editions[edition]
    reports = folder_audit(edition)
    problems = [line for kind in ("external", "failed", "render", "console")
                for line in collect(reports, kind)]
    assert problems == [], report(problems)
    # Navigation: follow the contents and the "Next" link, as a reader would.
    tab.goto((folder / "index.html").as_uri())
    with tab.expect_navigation():
        tab.locator(".sidebar-tree a.reference").first.click()
    assert tab.url.startswith("file://") and tab.url.endswith(".html")
    with tab.expect_navigation():
        tab.locator(".related-pages a[rel=next]").click()
    assert tab.evaluate("() => getComputedStyle(document.documentElement)"
                        ".getPropertyValue('--heard-theme').trim()") == "heard", \
        f"no theme CSS at {tab.url}"
    # Search reads its index with a script tag, so it works from a folder too.
    tab.goto((folder / "index.html").as_uri())
    assert search_problems(tab, "index.html (from a folder)", "story") == []


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_reflows_on_a_narrow_screen(folder_audit, edition):
    """WCAG 1.4.10 Reflow: nothing but data tables (which it exempts) is wider than 320px."""
    problems = collect(folder_audit(edition), "reflow")
    assert problems == [], report(problems)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_a_working_skip_link(http_audit, edition):
    problems = collect(http_audit(edition), "keyboard")
    assert problems == [], report(problems)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_tab_stop_shows_focus(editions, servers, tab, edition):
    problems = []
    for name in chrome_pages(editions[edition]):
        tab.goto(servers[edition] + name)
        problems += focus_problems(tab, name)
    assert problems == [], report(problems)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_search_form_works_by_keyboard_and_results_are_accessible(servers, tab, edition):
    tab.goto(servers[edition] + "index.html")
    assert search_problems(tab, "index.html", "story") == []
    assert "search.html?q=story" in tab.url
    violations = run_axe(tab, "search.html?q=story")
    assert violations == [], report(violations)


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_curriculum_tabs_and_dropdowns_work_by_keyboard(editions, servers, tab, edition):
    """Any page of the curriculum with sphinx-design tabs or dropdowns (none yet: the
    components fixture below covers them until then)."""
    problems = []
    for name in html_pages(editions[edition]):
        html = (editions[edition] / name).read_text(encoding="utf-8")
        for marker, check in (('class="sd-tab-set', tab_set_problems),
                              ('sd-dropdown', dropdown_problems)):
            if marker in html:
                tab.goto(servers[edition] + name)
                problems += check(tab, name)
    assert problems == [], report(problems)


# -- navigation: the menu on a phone, on-page contents, previous and next ----------------------


def a_module(folder: Path) -> str:
    return chrome_pages(folder)[1]


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_menu_button_opens_the_menu_on_a_phone(editions, servers, tab, edition):
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.goto(servers[edition] + a_module(editions[edition]))
    button = tab.locator("button.nav-toggle")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    drawer = tab.locator("#site-navigation")
    assert not drawer.is_visible(), "the menu is open before the button is pressed"
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(300)  # the drawer slides in
    assert button.get_attribute("aria-expanded") == "true"
    box = drawer.bounding_box()
    assert drawer.is_visible() and box and box["x"] >= 0, box
    link = tab.locator("#site-navigation .sidebar-tree a.reference").first
    link.focus()
    assert link.evaluate("el => el === document.activeElement"), "menu links take no focus"
    tab.keyboard.press("Escape")
    tab.wait_for_timeout(300)
    assert button.get_attribute("aria-expanded") == "false" and not drawer.is_visible()


@pytest.mark.site
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_module_page_has_on_page_contents_and_previous_and_next(editions, servers, tab,
                                                                 edition):
    tab.goto(servers[edition] + a_module(editions[edition]))
    contents = tab.locator("nav#page-contents .toc-tree a[href^='#']")
    assert contents.count() >= 3, "the on-page contents list fewer than three sections"
    assert tab.locator(".related-pages a[rel=next]").count() == 1
    assert tab.locator(".related-pages a[rel=prev]").count() == 1
    assert tab.locator(".sidebar-tree a[aria-current=page]").count() == 1
    assert tab.locator(".breadcrumbs a").count() >= 2  # Home and Modules
    # Narrower than 82em, the contents are a drawer its button opens.
    tab.set_viewport_size({"width": 1000, "height": 800})
    button = tab.locator("button.toc-toggle")
    assert button.is_visible() and not tab.locator("#page-contents").is_visible()
    button.click()
    tab.wait_for_timeout(300)
    assert tab.locator("#page-contents").is_visible()
    assert button.get_attribute("aria-expanded") == "true"


@pytest.mark.site
def test_learner_navigation_carries_course_pages_only(editions):
    learner = (editions["learner"] / "index.html").read_text(encoding="utf-8")
    trainer = (editions["trainer"] / "index.html").read_text(encoding="utf-8")
    assert not (editions["learner"] / "docs/reference/cli.html").exists()
    assert 'href="docs/index.html"' not in learner and 'href="docs/index.html"' in trainer
    assert "Toolkit documentation" in trainer and "Toolkit documentation" not in learner


# -- the components fixture: tabs, dropdowns, code and a notebook --------------------------------


def build(srcdir: Path, outdir: Path, *options: str) -> Path:
    args = ["-W", "-n", "-q", "-b", "html", *options, str(srcdir), str(outdir)]
    assert build_main(args) == 0, f"{srcdir.name} has warnings"
    return outdir


@pytest.fixture(scope="session")
def components(tmp_path_factory) -> Path:
    return build(ROOTS / "test-components", tmp_path_factory.mktemp("components") / "html")


@pytest.fixture(scope="session")
def components_server(components):
    with serve(components) as base:
        yield base


def test_components_pass_every_browser_gate(components, components_server, browser):
    pages = html_pages(components)
    assert {"docs/components.html", "notebooks/outputs.html"} <= set(pages)
    reports = audit_pages(browser, components_server, pages, skip_link=True)
    reports += audit_pages(browser, components_server, pages, axe=False, width=320)
    problems = [line for kind in ("violations", "external", "failed", "render", "console",
                                  "keyboard", "reflow")
                for line in collect(reports, kind)]
    assert problems == [], report(problems)


def test_tabs_work_by_keyboard(components_server, tab):
    tab.goto(components_server + "docs/components.html")
    assert tab_set_problems(tab, "docs/components.html") == []


def test_dropdowns_work_by_keyboard(components_server, tab):
    tab.goto(components_server + "docs/components.html")
    assert dropdown_problems(tab, "docs/components.html") == []
    # the second dropdown starts open: Enter closes it
    tab.goto(components_server + "docs/components.html")
    tab.locator("details.sd-dropdown[open] > summary").focus()
    tab.keyboard.press("Enter")
    assert tab.locator("details.sd-dropdown[open]").count() == 0


@pytest.mark.parametrize("name", ["docs/components.html", "notebooks/outputs.html"])
def test_components_show_focus_and_skip_to_main(components_server, tab, name):
    tab.goto(components_server + name)
    problems = focus_problems(tab, name)
    tab.goto(components_server + name)
    problems += skip_link_problems(tab, name)
    assert problems == [], report(problems)


def contrast(one: str, two: str) -> float:
    def luminance(colour: str) -> float:
        colour = colour.lstrip("#")
        if len(colour) == 3:
            colour = "".join(c * 2 for c in colour)
        channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_code_colour_meets_contrast_on_the_code_background():
    """axe-core sees only the tokens a page happens to use; this checks every token colour of
    the theme's Pygments style against the background the theme shows code on."""
    import tomllib

    from pygments.styles import get_style_by_name
    from pygments.token import Whitespace

    theme = tomllib.loads((REPO / "src/heard/sphinxext/theme/heard/theme.toml").read_text())
    dark = re.search(r'^pygments_dark_style = "([^"]+)"', (REPO / "conf.py").read_text(), re.M)
    assert dark, "conf.py should choose pygments_dark_style, the code colours in dark mode"
    low = []
    for name in (theme["theme"]["pygments_style"]["default"], dark.group(1)):
        style = get_style_by_name(name)
        low += [(name, str(token), value["color"],
                 round(contrast("#" + value["color"], style.background_color), 2))
                for token, value in style if value["color"]
                and token not in Whitespace  # spaces and tabs: nothing to read
                and contrast("#" + value["color"], style.background_color) < 4.5]
    assert low == []


# -- the gates fail when their rule is broken ---------------------------------------------------

BROKEN_PAGE = """\
# A broken page

This page breaks every rule the gates check. Brokenprobe.

<img src="../_static/heard-icon.svg">

<p style="color: #bbbbbb">Pale grey text that is hard to read.</p>

<script src="https://example.invalid/tracker.js"></script>

<script>console.error("Brokenprobe: an error in a script");</script>

<link rel="stylesheet" href="/_static/heard.css">

<style>.broken-focus:focus-visible { outline: none !important; box-shadow: none !important; }
.broken-tabs > input { display: none; }</style>

<a class="broken-focus" href="components.html">A link that hides its focus</a>

<div class="broken-width" style="width: 40rem">A box too wide for a phone.</div>

::::{tab-set}
:class: broken-tabs

:::{tab-item} One
Tab one.
:::

:::{tab-item} Two
Tab two.
:::

::::
"""


@pytest.fixture(scope="session")
def broken(tmp_path_factory) -> Path:
    """The components fixture plus docs/broken.md, which breaks every rule."""
    src = tmp_path_factory.mktemp("broken") / "src"
    shutil.copytree(ROOTS / "test-components", src)
    (src / "docs/broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text().replace("docs/components\n", "docs/components\ndocs/broken\n"))
    return build(src, src.parent / "html")


def test_the_browser_gates_report_a_broken_page(broken, browser, tab):
    name = "docs/broken.html"
    with serve(broken) as base:
        (page,) = audit_pages(browser, base, [name])
        rules = {line.split(": ", 2)[1].split(" ")[0] for line in page.violations}
        assert {"image-alt", "color-contrast"} <= rules, page.violations
        # each line names the page, the rule and the element
        assert any(v.startswith(f"{name}: image-alt (critical) at `img") for v in page.violations)
        assert any(v.startswith(f"{name}: color-contrast (serious) at `") and "#bbbbbb" in v
                   for v in page.violations), page.violations
        assert page.external == [f"{name}: https://example.invalid/tracker.js"]
        assert any("Brokenprobe: an error in a script" in line for line in page.console)

        tab.goto(base + name)
        focus = focus_problems(tab, name)
        assert any("broken-focus" in line for line in focus), focus
        tab.goto(base + name)
        assert tab_set_problems(tab, name) == [f"{name}: tabs: Tab never reaches a tab of a tab set"]
        (narrow,) = audit_pages(browser, base, [name], axe=False, width=320)
        assert narrow.reflow == [f"{name}: reflow at 320px: div.broken-width is 656px wide"]

    # Served over HTTP the root-relative stylesheet loads; opened from a folder it does not.
    (from_folder,) = audit_pages(browser, broken.as_uri() + "/", [name], allowed="file://",
                                 axe=False)
    assert any("_static/heard.css" in line for line in from_folder.failed + from_folder.render), \
        from_folder


def test_the_keyboard_gates_report_a_theme_without_skip_link_or_search(tmp_path, browser, tab):
    """Sphinx's basic theme has no skip link, no landmarks and no header search form."""
    site = build(ROOTS / "test-components", tmp_path / "basic", "-D", "html_theme=basic")
    with serve(site) as base:
        tab.goto(base + "index.html")
        skip = skip_link_problems(tab, "index.html")
        assert skip and "skip link" in skip[0], skip
        tab.goto(base + "index.html")
        assert search_problems(tab, "index.html", "tabs") == [
            "index.html: search: Tab never reaches the search field"]
        (page,) = audit_pages(browser, base, ["index.html"])
        # Sphinx's toctree captions lack aria-level, which Heard's theme adds
        assert any(v.startswith("index.html: aria-required-attr (critical) at `.caption")
                   for v in page.violations), page.violations
        assert page.render == ["index.html: the theme's CSS is not applied",
                               "index.html: no main content"]


def test_axe_also_reports_content_outside_landmarks(tab):
    tab.set_content("<html lang='en'><head><title>Landmarks</title></head><body>"
                    "<p>Outside every landmark.</p><main><h1>Inside</h1></main></body></html>")
    assert run_axe(tab, "landmarks") == [
        "landmarks: region (moderate) at `p`: All page content should be contained by "
        "landmarks. Fix any of the following: Some page content is not contained by landmarks"]


def test_the_colour_rules_run_on_each_element_in_a_new_style_context(tmp_path, browser):
    """An element whose style context a page already checked is left to that page; a new
    class, a new style, a new nesting or other stylesheets are checked where they first
    appear, and a pale text in a new context is reported there."""
    pages = {
        "a.html": '<p>Text <a class="reference" href="b.html">link</a></p>',
        "b.html": '<div><p>Other <a class="reference" href="a.html">words</a></p></div>',
        "c.html": '<p class="note">A note</p>',
        "d.html": '<p style="color: #bbbbbb">Pale grey text that is hard to read.</p>',
        "e.html": '<table><tr><td><a class="reference" href="a.html">x</a></td></tr></table>',
        "f.html": '<p>Home</p>',
        "g.html": '<p>Text <a class="reference" href="b.html">link</a></p>',  # a's markup
    }
    (tmp_path / "grey.css").write_text("p { color: #555 }", encoding="utf-8")
    for name, body in pages.items():
        sheet = '<link rel="stylesheet" href="grey.css">' if name == "g.html" else ""
        (tmp_path / name).write_text(f"<html lang='en'><head><title>{name}</title>{sheet}"
                                     f"</head><body><main>{body}</main></body></html>",
                                     encoding="utf-8")
    seen: set[str] = set()
    with serve(tmp_path) as base:
        reports = audit_pages(browser, base, sorted(pages), axe=COLOUR_RULES, whole=set(),
                              colour_seen=seen)
    checked = {report.page for report in reports if report.colour_checked}
    assert checked == {"a.html", "c.html", "d.html", "e.html", "g.html"}
    assert [line.split(" (")[0] for line in collect(reports, "violations")] == \
        ["d.html: color-contrast"]
    assert seen and all("main" in chain for chain in seen)


# -- gate 6: the accessibility statement --------------------------------------------------------


def test_the_accessibility_statement_is_linked_and_names_the_tools_tested_with():
    index = (REPO / "index.md").read_text(encoding="utf-8")
    reference = re.search(r":caption: Reference\n(.*?)```", index, re.S)
    assert reference and "docs/accessibility" in reference.group(1).split()
    statement = (REPO / "docs/accessibility.md").read_text(encoding="utf-8")
    version = ".".join(axe_version().split(".")[:2])
    assert f"axe-core {version}" in statement, f"the statement should name axe-core {version}"
    assert all(tag in statement for tag in WCAG_TAGS)
    for heading in ("How accessible this website is", "Feedback and contact information",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "How we tested this website", "Preparation of this accessibility statement"):
        assert f"## {heading}" in statement or f"### {heading}" in statement, heading


@pytest.mark.site
def test_the_accessibility_statement_is_in_both_editions(editions):
    for edition in EDITIONS:
        page = editions[edition] / "docs/accessibility.html"
        assert page.is_file(), edition
        assert 'href="docs/accessibility.html"' in (editions[edition] / "index.html").read_text()
