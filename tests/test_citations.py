"""Harvard references (Cite Them Right forms), quality labels, RIS and BibTeX reading lists,
and the lived-experience review record: on the page, in the files, and in `heard check`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup

from conftest import edit
from heard import citations, exports
from heard.cli import main
from heard.model import Source

BASE = {"id": "s", "type": "web page"}


def source(**fields) -> Source:
    return Source.model_validate({**BASE, **fields})


ARTICLE = source(publisher="Oxford University Press", title="Trust in practice",
                 authors=["Ruch, G.", "Turney, D.", "Ward, A."], year=2010,
                 quality="peer-reviewed", container="Journal of Social Work Practice",
                 volume="24", issue="3", pages="241-256", doi="10.1080/02650533.2010.1")


@pytest.mark.parametrize(("fields", "expected"), [
    # A web page from an organisation: the publisher is the (corporate) author.
    ({"publisher": "Social Work England", "title": "Professional standards",
      "date": "2019-12-02", "quality": "regulator", "accessed": "2026-11-29",
      "url": "https://example.org/standards"},
     "Social Work England (2019) Professional standards. Available at: "
     "https://example.org/standards (Accessed: 29 November 2026)."),
    # No date and no year: "no date".
    ({"publisher": "Family Rights Group", "title": "What is a family group conference?",
      "quality": "charity"},
     "Family Rights Group (no date) What is a family group conference?"),
    # A book: edition, place and publisher.
    ({"publisher": "Jessica Kingsley", "title": "Relationship-based social work",
      "authors": ["Ruch, G.", "Turney, D."], "year": 2018, "quality": "book",
      "edition": "2nd", "place": "London"},
     "Ruch, G. and Turney, D. (2018) Relationship-based social work. 2nd edn. London: "
     "Jessica Kingsley."),
    # A magazine piece: title in quotation marks, the magazine, the day.
    ({"publisher": "Community Care", "title": "Final standards", "date": "2019-08-01",
      "quality": "practice-magazine", "container": "Community Care"},
     "Community Care (2019) ‘Final standards’, Community Care, 1 August."),
    # A headline that quotes someone keeps one pair of quotation marks.
    ({"publisher": "Community Care", "title": "'Things get better'", "date": "2016-10-20",
      "quality": "practice-magazine", "container": "Community Care"},
     "Community Care (2016) ‘Things get better’, Community Care, 20 October."),
    # Who published it is not known: the title leads, once.
    ({"publisher": "Not named in the captured page", "title": "What makes a good social "
      "worker", "quality": "blog"},
     "‘What makes a good social worker’ (no date)."),
    # An Act: its title holds its year.
    ({"publisher": "UK Parliament", "title": "Care Act 2014", "year": 2014,
      "quality": "legislation", "url": "https://example.org/care-act"},
     "Care Act 2014. Available at: https://example.org/care-act."),
])
def test_each_kind_of_source_has_its_harvard_form(fields, expected):
    assert citations.harvard_text(source(**fields)) == expected


def test_a_journal_article_has_volume_issue_pages_and_doi():
    assert citations.harvard_text(ARTICLE) == (
        "Ruch, G., Turney, D. and Ward, A. (2010) ‘Trust in practice’, Journal of Social Work "
        "Practice, 24(3), pp. 241–256. Available at: https://doi.org/10.1080/02650533.2010.1.")
    italic = [part.text for part in citations.harvard(ARTICLE) if part.italic]
    assert italic == ["Journal of Social Work Practice"]


def test_four_or_more_authors_are_the_first_et_al():
    four = ARTICLE.model_copy(update={"authors": ["A, A.", "B, B.", "C, C.", "D, D."]})
    assert citations.harvard_text(four).startswith("A, A. et al. (2010)")


def test_every_quality_has_a_label_and_quality_is_required():
    assert citations.label(ARTICLE) == "Peer-reviewed research"
    with pytest.raises(ValueError, match="quality"):
        Source.model_validate({**BASE, "publisher": "P", "title": "T"})


def test_the_ris_file_reads_back_with_every_field():
    law = source(id="care-act", publisher="UK Parliament", title="Care Act 2014", year=2014,
                 quality="legislation", url="https://example.org/care-act",
                 accessed=dt.date(2026, 11, 29))
    text = exports.ris([ARTICLE, law])
    # every line is a RIS tag line or blank: no numbered lines a reader could misfile
    assert all(re.match(r"^([A-Z][A-Z0-9]  - .*|)$", line) for line in text.splitlines())
    records = rispy.loads(text)
    assert [r["type_of_reference"] for r in records] == ["JOUR", "STAT"]
    article, act = records
    assert article["authors"] == ["Ruch, G.", "Turney, D.", "Ward, A."]
    assert (article["title"], article["year"], article["volume"], article["number"]) == \
        ("Trust in practice", "2010", "24", "3")
    assert (article["start_page"], article["end_page"], article["doi"]) == \
        ("241", "256", "10.1080/02650533.2010.1")
    assert article["secondary_title"] == "Journal of Social Work Practice"
    assert act["urls"] == ["https://example.org/care-act"]
    assert act["access_date"] == "2026-11-29"
    assert act["notes"] == ["Source quality: Legislation"]


def test_the_bibtex_file_reads_back_with_every_field():
    corporate = source(id="swe", publisher="Social Work England", title="Professional standards",
                       date=dt.date(2019, 12, 2), quality="regulator",
                       url="https://example.org/standards")
    data = pybtex.database.parse_string(exports.bibtex([ARTICLE, corporate]), "bibtex")
    article, standards = data.entries["s"], data.entries["swe"]
    assert article.type == "article"
    assert [str(p) for p in article.persons["author"]] == ["Ruch, G.", "Turney, D.", "Ward, A."]
    assert article.fields["journal"] == "Journal of Social Work Practice"
    assert (article.fields["volume"], article.fields["number"], article.fields["pages"]) == \
        ("24", "3", "241--256")
    assert article.fields["doi"] == "10.1080/02650533.2010.1"
    # A corporate author stays one name, braced, with no first names.
    assert [str(p) for p in standards.persons["author"]] == ["{Social Work England}"]
    assert (standards.fields["year"], standards.fields["url"]) == \
        ("2019", "https://example.org/standards")
    assert standards.fields["note"] == "Source quality: Regulator"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_names_the_modules_awaiting_review_in_one_line(capsys, curriculum):
    code, out, err = run(capsys, "check", str(curriculum), "--today", "2026-11-22")
    assert code == 0 and out == ""
    assert "heard check: 1 module awaiting lived-experience review: heard" in err.splitlines()
    # The cached answer gives the same line, and machine formats stay machine-readable.
    assert "awaiting lived-experience review: heard" in run(
        capsys, "check", str(curriculum), "--today", "2026-11-22")[2]
    code, out, err = run(capsys, "check", str(curriculum), "--today", "2026-11-22",
                         "--format", "json")
    assert code == 0 and json.loads(out) == [] and "awaiting" not in err
    edit(curriculum / "modules/heard.md", "{status: not-yet,", "{status: reviewed,")
    code, out, _ = run(capsys, "check", str(curriculum), "--today", "2026-11-22",
                       "--format", "github")
    assert code == 1 and out.startswith("::error file=modules/heard.md,line=15,title=H196::")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_build_writes_the_reading_list_files_the_page_links_to(make_app, curriculum,
                                                                   builder):
    app = make_app(builder, srcdir=curriculum, freshenv=True)
    app.build()
    out = Path(app.outdir)
    page = out / ("modules/heard.html" if builder == "html" else "modules/heard/index.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select(".heard-reading-files a")]
    assert links == ["heard-reading.ris", "heard-reading.bib"]
    ris = rispy.loads((page.parent / links[0]).read_text(encoding="utf-8"))
    assert [r["id"] for r in ris] == ["src-law", "src-study"]
    bib = pybtex.database.parse_string((page.parent / links[1]).read_text(encoding="utf-8"),
                                       "bibtex")
    assert list(bib.entries) == ["src-law", "src-study"]
    listed = [li.get_text(" ", strip=True) for li in soup.select("ul.heard-reading > li")]
    assert listed[1].startswith("Writer, A. and Author, B. (2021) ‘A study of being heard’")
    assert listed[1].endswith("Kind of source: Peer-reviewed research")
    review = soup.select_one(".heard-lived-experience-review").get_text(" ", strip=True)
    assert "Not yet reviewed by anyone with lived experience." in review
    assert "A parent who co-trains will review it." in review
    # A citation's link has the full reference as its tooltip (the fact cites src-two).
    titles = [a.get("title") for a in soup.select("a[href*='#source-src-two']")]
    assert titles and set(titles) == {"Another publisher (no date) The second source."}
    # The register entry the {source} role links to shows the same reference.
    sources = out / ("docs/sources.html" if builder == "html" else "docs/sources/index.html")
    entry = BeautifulSoup(sources.read_text(encoding="utf-8"), "html.parser").select_one(
        "#source-src-study").get_text(" ", strip=True)
    assert "Journal of Made-up Studies , 4(2), pp. 10–20" in entry or \
        "Journal of Made-up Studies, 4(2), pp. 10–20" in entry


def test_a_recorded_review_shows_who_when_and_what_changed():
    from types import SimpleNamespace

    from heard.model import LivedExperienceReview
    from heard.sphinxext.reading import review_box, review_summary

    record = LivedExperienceReview.model_validate({"status": "reviewed", "reviews": [
        {"role": "parent who co-trains", "credit": "Sam", "date": "2026-10-01",
         "contribution": "reviewed", "changed": "The case note uses plain words."}]})
    module = SimpleNamespace(lived_experience_review=record)
    box = review_box(module)[0].astext()
    assert "parent who co-trains (Sam), 2026-10-01: reviewed the module. What changed: " \
        "The case note uses plain words." in box
    assert "Not yet reviewed" not in box
    assert review_summary(module) == (
        "Reviewed", "parent who co-trains (Sam), 2026-10-01: reviewed. What changed: "
        "The case note uses plain words.")
