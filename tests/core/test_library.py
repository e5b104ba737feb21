"""The library file: creation, migrations, refusals that leave files untouched, the Trash."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest

from core import schema
from core.errors import BadInput, LibraryCorrupt, LibraryTooNew, NotALibrary, NotFound
from core.library import Library
from tests.conftest import clipping


def test_new_library_is_wal_with_foreign_keys_and_a_version(library: Library) -> None:
    conn = library.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(
        schema.migrations().applied(library.db)
    )
    assert {"clippings", "topics", "speakers", "quotes", "saved_searches"} <= set(
        library.db.table_names()
    )


def test_reopening_applies_nothing_and_keeps_clippings(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.add_clipping(clipping("Kept", "Still here after reopening."))
    with Library.open(library_path) as lib:
        assert [r["title"] for r in lib.execute("SELECT title FROM clippings")] == ["Kept"]
        assert schema.migrations().pending(lib.db) == []


def test_library_from_a_newer_cuttings_is_refused_untouched(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('cuttings', '9999_from_the_future', 'x')"
        )
        lib.conn.execute("PRAGMA user_version = 99")
        lib.conn.commit()
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = library_path.read_bytes()
    with pytest.raises(LibraryTooNew, match="newer version of Cuttings"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


def test_a_library_with_changes_this_version_never_made_is_refused_in_words(
    library_path: Path,
) -> None:
    with Library.open(library_path) as lib:
        lib.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('cuttings', '0004_a_branch_of_its_own', 'x')"
        )
        lib.conn.commit()
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = library_path.read_bytes()
    with pytest.raises(LibraryTooNew, match=r"does not know \(0004_a_branch_of_its_own\)"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a database\n" * 10, bytes(range(256)) * 40],
    ids=["text", "binary"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(NotALibrary, match="not a Cuttings library"):
        Library.open(path)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotALibrary, match="not a Cuttings library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_a_corrupt_library_gives_a_clear_message_and_stays_as_it_was(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.add_clippings([clipping(f"t{i}", "word " * 200) for i in range(50)])
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(library_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, past the header
    library_path.write_bytes(bytes(data))
    with pytest.raises(LibraryCorrupt, match="damaged"):
        Library.open(library_path)
    assert library_path.read_bytes() == bytes(data)


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(NotALibrary, match="is a folder"):
        Library.open(tmp_path)


def test_add_get_update_and_whole_rows(library: Library) -> None:
    cid = library.add_clipping(
        clipping(
            "Trade talks",
            "Negotiators met.",
            outlet="China Daily",
            published="2020-12-20",
            url="https://example.org/a",
            topics=["Trade", "trade ", "Diplomacy"],
            speakers=["Zhou Shuchun"],
        )
    )
    row = library.get(cid)
    assert {k: row[k] for k in ("title", "text", "outlet", "published", "topics", "speakers")} == {
        "title": "Trade talks",
        "text": "Negotiators met.",
        "outlet": "China Daily",
        "published": "2020-12-20",
        "topics": ["Diplomacy", "Trade"],
        "speakers": ["Zhou Shuchun"],
    }
    library.update(cid, title="Trade talks resume", notes="ask the ministry")
    row = library.get(cid)
    assert (row["title"], row["notes"]) == ("Trade talks resume", "ask the ministry")
    with pytest.raises(NotFound):
        library.get(cid + 1)


def test_original_page_is_kept_compressed(library: Library) -> None:
    page = b"<html><body>" + b"<p>paragraph</p>" * 500 + b"</body></html>"
    cid = library.add_clipping(clipping("Page", "paragraph", original=page))
    assert library.original(cid) == page
    stored = library.execute("SELECT length(content) AS n FROM originals")[0]["n"]
    assert stored < len(page) / 10


def test_pages_kept_at_the_older_level_read_back(library: Library) -> None:
    page = b"<html><body>" + b"<p>an older capture</p>" * 300 + b"</body></html>"
    cid = library.add_clipping(clipping("Old", "an older capture"))
    with library.write() as db:  # as versions before ORIGINAL_LEVEL 3 stored it
        db.conn.execute(
            "INSERT INTO originals (clipping_id, content, content_type) VALUES (?, ?, ?)",
            (cid, zlib.compress(page, 6), "text/html"),
        )
    assert library.original(cid) == page


def test_nested_writes_land_or_go_back_on_their_own(library: Library) -> None:
    def titles() -> list[str]:
        return [r["title"] for r in library.execute("SELECT title FROM clippings ORDER BY id")]

    with library.write():
        library.add_clipping(clipping("outer", "kept"))
        with pytest.raises(ValueError):
            with library.write():
                library.add_clipping(clipping("inner", "undone"))
                with library.write():  # two deep, then the one around it fails
                    library.add_clipping(clipping("deeper", "undone too"))
                raise ValueError
        for n in range(3):  # the same depth again and again, each its own savepoint
            with library.write():
                library.add_clipping(clipping(f"again {n}", "kept"))
    assert titles() == ["outer", "again 0", "again 1", "again 2"]
    with pytest.raises(ValueError):
        with library.write():
            with library.write():
                library.add_clipping(clipping("lost", "with the whole transaction"))
            raise ValueError
    assert titles() == ["outer", "again 0", "again 1", "again 2"]


def test_trash_and_restore(library: Library) -> None:
    ids = library.add_clippings([clipping(f"t{i}", f"body {i}") for i in range(3)])
    assert library.trash(ids[:2]) == ids[:2]
    assert library.count() == 1 and library.count(trashed=True) == 2
    assert library.trash(ids[:1]) == []  # already there
    assert library.restore([ids[0]]) == [ids[0]]
    assert library.count() == 2
    with pytest.raises(NotFound, match="999"):
        library.trash([999])


def test_several_rows_land_together_or_not_at_all(library: Library) -> None:
    good = clipping("good", "fine")
    bad = clipping("bad", "broken", published="yesterday")  # fails the date check
    with pytest.raises(BadInput, match="2024-05-31"):
        library.add_clippings([good, bad])
    assert library.count() == 0
    assert library.execute("SELECT count(*) AS n FROM topics")[0]["n"] == 0


def test_reindex_takes_rows_added_by_hand_and_keeps_the_trash_out_of_search(
    library: Library,
) -> None:
    from core.search import search

    ids = library.add_clippings([clipping("alpha", "one"), clipping("beta", "two")])
    library.trash([ids[1]])
    library.conn.execute(
        "INSERT INTO clippings (title, text, captured) VALUES ('gamma', 'added by hand', 'x')"
    )
    assert library.reindex() == 2
    found = search(library, "hand OR alpha OR beta").hits
    assert sorted(h.id for h in found) == [ids[0], ids[1] + 1]
    library.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
    # Back from the Trash it is found once, and the index still checks out.
    library.restore([ids[1]])
    assert [h.id for h in search(library, "beta").hits] == [ids[1]]
    library.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")


def test_emptying_the_trash_gives_the_space_back(library_path: Path) -> None:
    import random

    rng = random.Random(5)
    words = [f"w{rng.randrange(100_000)}" for _ in range(40_000)]
    with Library.open(library_path) as library:
        ids = library.add_clippings(
            [clipping(f"t{i}", " ".join(rng.sample(words, 600))) for i in range(300)]
        )
        library.add_clippings([clipping("kept", "this one stays")])
        library.trash(ids)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        full = library_path.stat().st_size
        assert library.empty_trash() == 300
        assert library.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    # The last connection to close folds the log back into the file. The articles' pages come
    # back; the index (with its prefix index) keeps its segments until it next merges them.
    text_bytes = 300 * len(" ".join(rng.sample(words, 600)))
    assert full - library_path.stat().st_size > text_bytes
    with Library.open(library_path) as library:
        assert [r["title"] for r in library.execute("SELECT title FROM clippings")] == ["kept"]
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_library_made_without_incremental_vacuum_still_closes(tmp_path: Path) -> None:
    path = tmp_path / "old.cuttings"
    with Library.open(path) as library:
        library.add_clippings([clipping("a", "b")])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA auto_vacuum = NONE")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    conn.close()
    with Library.open(path) as library:
        ids = library.add_clippings([clipping(f"x{i}", "y " * 500) for i in range(50)])
        library.trash(ids)
        assert library.empty_trash() == 50
    with Library.open(path) as library:
        assert library.count() == 1


def test_opening_and_listing_need_no_sqlite_utils_until_a_write(library_path: Path) -> None:
    # sqlite-utils costs the window's first paint 50 ms of imports; only writes need it.
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    with Library.open(library_path) as lib:
        lib.add_clipping(clipping("Kept", "Still here after reopening."))
    code = f"""
import json, sys
from core import listing
from core.library import Library
library = Library.open({str(library_path)!r})
shown = listing.list_ids(library, listing.View(), lazy=True).ids
before = "sqlite_utils" in sys.modules
library.add_clipping({{"title": "New", "text": "Written through sqlite-utils."}})
print(json.dumps([len(shown), before, "sqlite_utils" in sys.modules, "numpy" in sys.modules]))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [1, False, True, False]
