"""Clipping files: the seed format, plain text, Markdown, saved pages, and broken input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core.capture.sources import add_sources, content_hash
from core.capture.textfile import first_sentence, parse_text
from core.library import Library
from core.speakers import registry
from tests.conftest import SEED, corpus


def test_seed_format_gives_date_headline_and_body() -> None:
    parsed = parse_text(SEED.read_text("utf-8"))
    assert parsed["published"] == "2020-12-20"
    assert parsed["title"].startswith("Chinese and Russian digital media must strengthen")
    assert parsed["title"].endswith("Online Media Webinar.")
    assert parsed["text"].startswith("Niu Yibing, deputy head of the Office")
    assert parsed["text"].endswith("for the third consecutive year.")
    assert "\n\n" in parsed["text"]  # paragraphs kept


def test_plain_text_without_date_imports_with_no_date() -> None:
    parsed = parse_text("Budget vote delayed\n\nThe vote was put off until May. Members said so.")
    assert parsed == {
        "title": "Budget vote delayed",
        "text": "The vote was put off until May. Members said so.",
        "published": None,
        "language": "en",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SEED.read_text("utf-8"), "en"),
        ("Черкесова\n\nБелла Черкесова заявила, что СМИ важны.", "ru"),
        ("中俄媒体\n\n中俄两国媒体应加强合作，为战略伙伴关系注入更多活力。", "zh"),
        ("Le sommet\n\nLe président de la République a dit que les accords sont signés.", "fr"),
        ("12345\n\n67890 1234", None),
    ],
)
def test_language_of_a_text(text: str, language) -> None:
    assert parse_text(text)["language"] == language


def test_markdown_heading_is_the_headline() -> None:
    parsed = parse_text("# Port strike ends\n\nDockers returned on *Monday*.\n", markdown=True)
    assert (parsed["title"], parsed["text"]) == (
        "Port strike ends",
        "Dockers returned on *Monday*.",
    )


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Mr. Zhou spoke in the U.S. capital on Monday. Then he left.", None),
        ("The deal is worth $ 97.39 billion. Trade grew.", "The deal is worth $ 97.39 billion."),
        ('"We agree," she said. Talks went on.', '"We agree," she said.'),
        ("中国和俄罗斯。两国媒体", "中国和俄罗斯。"),
    ],
)
def test_first_sentence_respects_abbreviations_and_numbers(text: str, sentence) -> None:
    expected = sentence or "Mr. Zhou spoke in the U.S. capital on Monday."
    assert first_sentence(text)[0] == expected


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_folder_import_reports_each_failure_and_goes_on(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "sub").mkdir()
    good = "Harbour reopens\n\nThe harbour reopened on Tuesday after repairs."
    write(folder, "a_good.txt", good.encode())
    write(folder, "b_empty.txt", b"")
    write(folder, "c_binary.txt", bytes(range(256)) * 8)
    write(
        folder / "sub",
        "d_cp1251.txt",
        "Черкесова сказала, что СМИ важны для всех.".encode("cp1251"),
    )
    write(
        folder / "sub",
        "e_gb2312.txt",
        "中俄两国媒体应加强合作，为战略伙伴关系注入更多活力。".encode("gb2312"),
    )
    write(folder, "f_dup.txt", good.encode())
    write(
        folder,
        "g_malformed.html",
        b"<html><head><title>Dock strike</title><body><div><p>Dockers in the port walked out "
        b"over pay on Monday, halting <b>all container traffic <p>The union said talks would "
        b"resume on Thursday at the ministry.<script>x(",
    )
    write(folder, "h_no_article.html", b"<html><body><nav><a href=/>Home</a></nav><script>1")
    write(folder, "ignored.jpg", b"\xff\xd8\xff")
    outcomes = add_sources(library, [str(folder)]).outcomes
    got = {Path(o.source).name: (o.status, o.reason) for o in outcomes}
    assert got["a_good.txt"] == ("added", None)
    assert got["b_empty.txt"] == ("failed", "it is empty")
    assert got["c_binary.txt"] == ("failed", "it is binary data, not text")
    assert got["d_cp1251.txt"][0] == "added"
    assert got["e_gb2312.txt"][0] == "added"
    assert got["f_dup.txt"][0] == "duplicate" and "already in the library as" in got["f_dup.txt"][1]
    assert got["g_malformed.html"][0] == "added"
    assert got["h_no_article.html"] == ("failed", "the page has no article text")
    assert "ignored.jpg" not in got
    texts = [r["t"] for r in library.execute("SELECT title || ' ' || text AS t FROM clippings")]
    assert any("Черкесова сказала" in t for t in texts)
    assert any("战略伙伴关系" in t for t in texts)
    assert any("halting all container traffic" in t for t in texts)


@pytest.mark.parametrize("jobs", [1, 2])
def test_copies_and_new_articles_in_and_out_of_process(
    library: Library, tmp_path: Path, jobs: int
) -> None:
    # In-process (one worker) the speakers are found after the look for a copy, in workers
    # before it: either way a copy of the text or of the address is a duplicate, and a new
    # article has its speakers.
    story = (
        "Port talks resume\n\nTalks between the port and the dockers resumed on Monday. "
        '"We are close to a deal," said Anna Berg, the union\'s negotiator.'
    )
    page = (
        "<html><head><title>{0}</title><link rel='canonical' href='https://news.example/a'>"
        "</head><body><article><h1>{0}</h1><p>{1}</p></article></body></html>"
    )
    write(tmp_path, "a.txt", story.encode())
    write(tmp_path, "b.txt", story.upper().replace("\n\n", "\n\n  ").encode())
    for name, body in (("c.html", "Ferry fares rise by a tenth "), ("d.html", "Fares go up ")):
        write(tmp_path, name, page.format("Ferry fares", body * 9).encode())
    names = "a.txt b.txt c.html d.html".split()
    batch = add_sources(library, [str(tmp_path / n) for n in names], jobs=jobs)
    first, copy, page_one, page_two = batch.outcomes
    assert (first.status, page_one.status) == ("added", "added")
    assert (copy.status, copy.clipping_id) == ("duplicate", first.clipping_id)
    assert copy.reason == f"already in the library as {first.clipping_id}"
    assert (page_two.status, page_two.clipping_id) == ("duplicate", page_one.clipping_id)
    assert [s["name"] for s in registry.suggestions(library, first.clipping_id)] == ["Anna Berg"]
    assert library.count() == 2


def test_huge_and_vanished_files_fail_with_a_reason(library: Library, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    outcomes = add_sources(library, [str(huge), str(tmp_path / "gone.txt")]).outcomes
    assert [o.reason for o in outcomes] == [
        "it is too large (100 MB; a clipping can be at most 20 MB)",
        "the file does not exist (or vanished while importing)",
    ]
    assert library.count() == 0


def test_utf16_and_bom_files(library: Library, tmp_path: Path) -> None:
    text = "Summit opens\n\nLeaders met in Vienna."
    a = write(tmp_path, "utf16.txt", text.encode("utf-16"))
    b = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"Other news\n\nSomething else.")
    outcomes = add_sources(library, [a, b]).outcomes
    assert [o.status for o in outcomes] == ["added", "added"]
    assert [library.get(o.clipping_id)["title"] for o in outcomes] == ["Summit opens", "Other news"]


def test_stdin_text_and_html(library: Library) -> None:
    import io

    [text] = add_sources(
        library, ["-"], stdin=io.BytesIO(b"Pasted note\n\nSome pasted text.")
    ).outcomes
    assert library.get(text.clipping_id)["source"] == "stdin"
    [empty] = add_sources(library, ["-"], stdin=io.BytesIO(b"")).outcomes
    assert (empty.status, empty.reason) == ("failed", "it is empty")


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_saved_news_pages_from_the_corpus(library: Library) -> None:
    folder = corpus("trafilatura-eval-sample") / "html"
    pages = sorted(folder.glob("*.htm*"))[:5]
    outcomes = add_sources(library, [str(p) for p in pages]).outcomes
    assert [o.status for o in outcomes] == ["added"] * len(pages)
    for outcome in outcomes:
        row = library.get(outcome.clipping_id)
        assert row["title"] and len(row["text"].split()) > 50
        assert library.original(outcome.clipping_id) == Path(outcome.source).read_bytes()


def test_a_text_of_abbreviations_imports_quickly(library: Library, tmp_path: Path) -> None:
    import time

    # Every "Mr." is a candidate sentence end that is then ruled out; this took minutes when
    # each candidate re-split all the text before it.
    path = tmp_path / "titles.txt"
    path.write_text("date 2024-05-01 " + "Mr. " * 50_000 + "Smith spoke.", "utf-8")
    # CPU time, not the clock: other programs on a busy machine do not count against it.
    started = time.process_time()
    [outcome] = add_sources(library, [str(path)]).outcomes
    assert time.process_time() - started < 2.0  # 40 times what it takes; quadratic took minutes
    assert outcome.status == "added"
    clipping = library.get(outcome.clipping_id)
    assert clipping["published"] == "2024-05-01" and len(clipping["title"]) <= 300
