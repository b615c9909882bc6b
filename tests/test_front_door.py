"""The home page's compact listings ({module-cards}, {story-cards}) and the module overview's
chips, built from the small curriculum."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def test_cards_show_each_module_with_length_and_audience_and_each_story(make_app, curriculum):
    index = curriculum / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + "\n## Modules\n\n```{module-cards}\n```\n\n## Stories\n\n"
                       "```{story-cards}\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=curriculum, freshenv=True,
                   confoverrides={"html_theme": "heard"})
    app.build()
    assert app.statuscode == 0 and not app.warning.getvalue(), app.warning.getvalue()
    home = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    (module,) = home.select("ul.heard-module-cards > li")
    assert module.select_one(".heard-card-title a")["href"] == "modules/heard.html"
    assert module.select_one(".heard-facts-line").get_text() == \
        "1 hour · For: social work students"
    assert "What it takes to be heard." in module.get_text()
    (story,) = home.select("ul.heard-story-cards > li")
    assert story.select_one(".heard-card-title a").get_text() == "The alpha story"
    assert story.select_one(".heard-facts-line").get_text().startswith("Voices: parent")

    overview = BeautifulSoup((Path(app.outdir) / "modules/heard.html").read_text(
        encoding="utf-8"), "html.parser").select_one(".heard-overview")
    labels = [p.get_text() for p in overview.select("p.heard-chips-label")]
    assert labels == ["Stories", "Qualities taught", "PCF domains",
                      "Social Work England standards"]
    qualities = overview.select("ul.heard-chips")[1].select("li a")
    assert len(qualities) == 2  # qualities:honest and qualities:on-time, one chip each


def test_no_page_has_an_id_twice(make_app, curriculum):
    """Furo copies a table's id to the box it wraps the table in; Heard takes it off again."""
    app = make_app("html", srcdir=curriculum, freshenv=True,
                   confoverrides={"html_theme": "heard"})
    app.build()
    twice = {}
    for path in Path(app.outdir).rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        if len(ids) != len(set(ids)):
            twice[path.name] = sorted({i for i in ids if ids.count(i) > 1})
    assert twice == {}
    assert "table-wrapper" in (Path(app.outdir) / "modules/heard.html").read_text()
