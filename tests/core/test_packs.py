"""Briefing packs read back with real readers: pypdf, python-docx, an HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest

from core.capture import stories
from core.errors import BadInput, CuttingsError
from core.library import Library
from core.packs import export as export_module
from core.packs.build import PackOptions, build
from core.packs.export import export
from tests.core.pack_readers import markdown_to_html, read_html

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def body(n: int) -> str:
    return "\n".join(
        f"Paragraph {p} of article {n} about the budget and the port." for p in range(6)
    )


@pytest.fixture
def clips(library: Library) -> list[int]:
    rows = [
        {
            "title": f"Budget story {i}",
            "text": body(i),
            "outlet": ["Herald", "Courier"][i % 2],
            "published": f"2024-05-{10 + i:02d}",
            "url": f"https://news.example/{i}",
            "topics": ["Economy"] if i % 2 else ["Politics"],
            "notes": "Call the ministry" if i == 1 else "",
        }
        for i in range(6)
    ]
    rows.append(
        {
            "title": "Черкесова о сотрудничестве СМИ",
            "text": "Белла Черкесова заявила, что СМИ важны.",
            "outlet": "ТАСС",
            "published": "2024-05-20",
            "topics": ["Media"],
        }
    )
    rows.append(
        {
            "title": "中俄媒体合作",
            "text": "中俄两国媒体应加强合作，为战略伙伴关系注入更多活力。",
            "outlet": "人民日报",
            "published": "2024-05-21",
            "topics": ["Media"],
        }
    )
    rows.append({"title": "Empty one", "text": "", "published": "2024-05-22"})
    return library.add_clippings(rows)


def test_pdf_has_contents_that_point_at_the_right_pages(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.pdf"
    result = export(
        library,
        clips,
        PackOptions(title="Morning review", group_by="topic", notes=True),
        "pdf",
        out,
    )
    reader = pypdf.PdfReader(str(out))
    assert result.pages == len(reader.pages) > len(clips)
    pages = [page.extract_text() for page in reader.pages]
    assert f"page 1 of {len(pages)}" not in pages[0]  # the cover carries no page furniture
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
    contents = next(p for p in pages if p.strip().startswith("Contents") or "\nContents" in p[:40])
    pack = build(library, clips, PackOptions(group_by="topic"))
    lines = contents.splitlines()
    for item in pack.items:
        at = next(i for i, x in enumerate(lines) if x.startswith(item.title[:15]))
        # pypdf reads each entry's dot leader and page number just before its text
        leader = next(x for x in reversed(lines[:at]) if re.search(r"\.\s*\d+\s*$", x))
        number = int(re.search(r"(\d+)\s*$", leader).group(1))
        assert item.title in pages[number - 1], (item.title, number)
    text = "\n".join(pages)
    assert "Черкесова" in text and "媒体" in text  # text, not empty boxes
    assert "Call the ministry" in text


def test_each_clipping_starts_a_new_page(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.pdf"
    export(library, clips, PackOptions(), "pdf", out)
    pages = [p.extract_text() for p in pypdf.PdfReader(str(out)).pages]
    starts = [
        i
        for i, p in enumerate(pages)
        for title in ["Budget story 0", "Budget story 1"]
        if title in p and "Overview" not in p and "Contents" not in p
    ]
    assert len(set(starts)) == 2


def test_word_file_has_heading_styles_and_every_clipping(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.docx"
    export(library, clips, PackOptions(group_by="topic", logo=_logo(tmp_path)), "docx", out)
    document = docx.Document(str(out))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Economy") in headings and ("Heading 1", "Overview") in headings
    titles = {t for s, t in headings if s == "Heading 2"}
    assert titles == {r["title"] for r in library.get_many(clips)}
    assert "TOC" in document.element.xml  # a real contents field, built from the headings
    assert document.inline_shapes  # the logo


def test_html_is_self_contained_and_inline_styled(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.html"
    export(library, clips, PackOptions(logo=_logo(tmp_path)), "html", out)

    class Check(HTMLParser):
        tags: list[str] = []
        sources: list[str] = []
        text: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.sources += [
                v
                for k, v in attrs
                if k in ("src", "href") and v and tag in ("img", "link", "script")
            ]

        def handle_data(self, data):
            self.text.append(data)

    check = Check()
    check.feed(out.read_text("utf-8"))
    assert not {"script", "style", "link"} & set(check.tags)
    assert all(s.startswith("data:image/png;base64,") for s in check.sources)
    text = "".join(check.text)
    assert all(r["title"] in text for r in library.get_many(clips))


def test_markdown(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.md"
    export(library, clips, PackOptions(title="Review"), "md", out)
    page = read_html(markdown_to_html(out.read_text("utf-8")))
    assert page.headings[0] == ("h1", "Review") and ("h2", "Overview") in page.headings
    assert {r["title"] for r in library.get_many(clips)} <= {t for h, t in page.headings}


def test_excerpt_keeps_first_paragraphs_and_the_link(library, clips, tmp_path) -> None:
    out = tmp_path / "pack.md"
    export(library, clips[:1], PackOptions(excerpt=True, excerpt_paragraphs=2), "md", out)
    page = read_html(markdown_to_html(out.read_text("utf-8")))
    assert "Paragraph 1 of article 0" in page.text and "Paragraph 2 of article 0" not in page.text
    assert "https://news.example/0" in page.hrefs and "Read the full article" in page.text


def test_wire_copies_appear_once_with_also_ran_in(library, clips, tmp_path) -> None:
    stories.join(library, clips[1], clips[0])
    pack = build(library, clips, PackOptions())
    titles = [i.title for i in pack.items]
    assert ("Budget story 0" in titles) != ("Budget story 1" in titles)
    kept = next(i for i in pack.items if i.title in ("Budget story 0", "Budget story 1"))
    assert kept.also_ran_in in (["Herald"], ["Courier"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(ids=[]), "nothing to put in the pack"),
        (dict(out="missing/pack.pdf"), "does not exist"),
        (dict(out='bad"name.pdf'), "characters some file systems refuse"),
        (dict(logo="not-an-image.png"), "is not a PNG, JPEG or GIF image"),
        (dict(fmt="odt"), "Packs come as pdf, docx, html, md"),
    ],
)
def test_bad_requests_are_refused_with_a_sentence(
    library, clips, tmp_path, change, message
) -> None:
    (tmp_path / "not-an-image.png").write_text("hello", "utf-8")
    ids = change.get("ids", clips)
    out = tmp_path / change.get("out", "pack.pdf")
    logo = tmp_path / change["logo"] if "logo" in change else None
    with pytest.raises(BadInput, match=message):
        export(library, ids, PackOptions(logo=logo), change.get("fmt", "pdf"), out)
    assert not out.exists()


def test_a_failure_leaves_no_half_written_file(library, clips, tmp_path, monkeypatch) -> None:
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"the previous pack")

    def broken(pack, fmt, path):
        path.write_bytes(b"half a pa")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "render_to", broken)
    with pytest.raises(Exception, match="No space left on device"):
        export(library, clips, PackOptions(), "pdf", out)
    assert out.read_bytes() == b"the previous pack"
    assert not list(tmp_path.glob(".pack.pdf.partial-*"))


def test_a_missing_file_of_the_programs_own_is_a_bug_not_a_full_disk(
    library, clips, tmp_path, monkeypatch
) -> None:
    # A font or template gone from an install is no fault of the folder the pack goes to:
    # saying "Could not write the pack" would send the user looking in the wrong place.
    def font_gone(pack, fmt, path):
        raise FileNotFoundError(2, "No such file or directory", str(tmp_path / "mpl" / "f.ttf"))

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(export_module, "render_to", font_gone)
    with pytest.raises(FileNotFoundError) as raised:
        export(library, clips, PackOptions(), "pdf", tmp_path / "out" / "pack.pdf")
    assert not isinstance(raised.value, CuttingsError)

    def folder_gone(pack, fmt, path):
        raise FileNotFoundError(2, "No such file or directory", str(path))

    monkeypatch.setattr(export_module, "render_to", folder_gone)
    with pytest.raises(CuttingsError, match="Could not write .*pack.pdf: No such file"):
        export(library, clips, PackOptions(), "pdf", tmp_path / "out" / "pack.pdf")


def test_five_hundred_clippings(library, tmp_path) -> None:
    ids = library.add_clippings([{"title": f"Item {i}", "text": body(i)} for i in range(500)])
    for fmt in ("html", "md"):
        result = export(library, ids, PackOptions(group_by="day"), fmt, tmp_path / f"big.{fmt}")
        assert result.clippings == 500


def _logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)
    return path


def test_read_only_folder_is_refused_and_nothing_is_written(library, clips, tmp_path) -> None:
    from tests.test_cli import read_only

    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(Exception, match="read-only|Permission|not permitted"):
            export(library, clips, PackOptions(), "md", folder / "pack.md")
    assert list(folder.iterdir()) == []


@pytest.mark.slow
def test_a_paragraph_of_half_a_megabyte_is_set_whole(library, tmp_path) -> None:
    # (78 s when set as one ReportLab paragraph, under a second in pieces: bench/packs.py times
    # packs; a test only checks that nothing is lost at the cuts)
    words = [f"word{i}" for i in range(60_000)]
    [clipping_id] = library.add_clippings(
        [{"title": "One long paragraph", "text": " ".join(words), "published": "2024-01-01"}]
    )
    export(library, [clipping_id], PackOptions(title="Report"), "pdf", tmp_path / "long.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "long.pdf")).pages)
    found = set(re.findall(r"word\d+", text))
    assert found == set(words)  # nothing lost at the cuts


def test_a_kept_quote_cut_between_pieces_is_closed_and_reopened() -> None:
    from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN
    from core.packs.pdf import _pieces

    paragraph = "Intro. " * 300 + QUOTE_OPEN + "Quoted words go on. " * 200 + QUOTE_CLOSE + " End."
    pieces = _pieces(paragraph, size=500)
    assert len(pieces) > 3 and all(len(p) <= 760 for p in pieces)
    for piece in pieces:
        assert piece.count(QUOTE_OPEN) == piece.count(QUOTE_CLOSE)
    joined = " ".join(p.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "") for p in pieces)
    plain = paragraph.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")
    assert joined.split() == plain.split()
