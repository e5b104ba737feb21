"""The library's schema, as an ordered set of migrations.

Applied migrations are recorded in ``_sqlite_migrations`` and their count in
``PRAGMA user_version``; a file that names a migration this version does not know was
written by a newer Cuttings and is refused. Never edit a migration that has shipped: add one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

#: sqlite-utils' record of applied migrations, and the name of Cuttings' set in it
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "cuttings"
Step = Callable[["sqlite_utils.Database"], None]
# The steps in order, kept apart from sqlite-utils so that opening a library that needs none
# of them (every open but the first after an update) does not import it.
_STEPS: list[tuple[str, Step]] = []


def _migration(name: str) -> Callable[[Step], Step]:
    def register(step: Step) -> Step:
        _STEPS.append((name, step))
        return step

    return register


def migration_names() -> list[str]:
    """Every migration this version knows, in the order they run."""
    return [name for name, _ in _STEPS]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations a file records as applied, in the order they were (as sqlite-utils
    reads them); none when it has no record at all."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if found is None:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [r[0] for r in rows]


@cache
def migrations() -> sqlite_utils.Migrations:
    """The steps as sqlite-utils' migration set, which applies them."""
    from core import database

    database.load()
    import sqlite_utils

    found = sqlite_utils.Migrations(MIGRATION_SET)
    for name, step in _STEPS:
        found(name=name)(step)
    return found


#: FTS5 columns, in order; BM25 weights below follow the same order.
FTS_COLUMNS = (
    "title",
    "text",
    "notes",
    "outlet",
    "byline",
    "speaker_names",
    "topic_names",
    "cjk_text",
)
# A hit in the headline or a speaker's name outranks one deep in the text.
FTS_WEIGHTS = (10.0, 1.0, 2.0, 3.0, 3.0, 8.0, 5.0, 1.0)

TOPIC_NAMES_SQL = """coalesce((SELECT group_concat(n, ', ') FROM (
    SELECT t.name AS n FROM clipping_topics ct JOIN topics t ON t.id = ct.topic_id
    WHERE ct.clipping_id = {cid} ORDER BY n)), '')"""

SPEAKER_NAMES_SQL = """coalesce((SELECT group_concat(n, ', ') FROM (
    SELECT s.name AS n FROM clipping_speakers cs JOIN speakers s ON s.id = cs.speaker_id
        WHERE cs.clipping_id = {cid}
    UNION
    SELECT a.alias AS n FROM clipping_speakers cs JOIN speaker_aliases a
        ON a.speaker_id = cs.speaker_id WHERE cs.clipping_id = {cid}
    ORDER BY n)), '')"""


def _run_script(db: sqlite_utils.Database | sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the migration's transaction."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL in migration: {statement[:80]!r}")


def _refresh(column: str, expr: str, cid: str) -> str:
    value = expr.format(cid=cid)
    # The guard keeps the FTS row untouched when nothing changed (bulk inserts precompute it).
    return f"UPDATE clippings SET {column} = {value} WHERE id = {cid} AND {column} IS NOT {value};"


@_migration("0001_initial")
def initial(db: sqlite_utils.Database) -> None:
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    topic_of = "(SELECT clipping_id FROM clipping_topics WHERE topic_id = {id})"
    speaker_of = "(SELECT clipping_id FROM clipping_speakers WHERE speaker_id = {id})"
    _run_script(
        db,
        f"""
        CREATE TABLE clippings (
            id INTEGER PRIMARY KEY,
            url TEXT,
            canonical_url TEXT,
            title TEXT NOT NULL DEFAULT '',
            byline TEXT,
            wire TEXT,
            outlet TEXT,
            published TEXT CHECK (published IS NULL OR published GLOB
                '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
            captured TEXT NOT NULL,
            language TEXT,
            text TEXT NOT NULL DEFAULT '',
            lead TEXT,
            notes TEXT NOT NULL DEFAULT '',
            content_hash TEXT,
            word_count INTEGER NOT NULL DEFAULT 0,
            source TEXT,
            deleted_at TEXT,
            speaker_names TEXT NOT NULL DEFAULT '',
            topic_names TEXT NOT NULL DEFAULT '',
            cjk_text TEXT
        );
        CREATE INDEX clippings_published ON clippings (published);
        CREATE INDEX clippings_outlet ON clippings (outlet);
        CREATE INDEX clippings_hash ON clippings (content_hash);
        CREATE INDEX clippings_canonical ON clippings (canonical_url);
        CREATE INDEX clippings_deleted ON clippings (deleted_at) WHERE deleted_at IS NOT NULL;

        -- The page as fetched, compressed, so an article can be extracted again later.
        CREATE TABLE originals (
            clipping_id INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,
            content BLOB NOT NULL,
            content_type TEXT
        );

        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE
        );
        CREATE TABLE clipping_topics (
            clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
            topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
            PRIMARY KEY (clipping_id, topic_id)
        ) WITHOUT ROWID;
        CREATE INDEX clipping_topics_topic ON clipping_topics (topic_id, clipping_id);

        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            role TEXT,
            organisation TEXT
        );
        CREATE TABLE speaker_aliases (
            id INTEGER PRIMARY KEY,
            speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE
        );
        CREATE INDEX speaker_aliases_speaker ON speaker_aliases (speaker_id);
        CREATE TABLE clipping_speakers (
            clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
            speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
            PRIMARY KEY (clipping_id, speaker_id)
        ) WITHOUT ROWID;
        CREATE INDEX clipping_speakers_speaker ON clipping_speakers (speaker_id, clipping_id);

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,
            speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'reported'))
        );
        CREATE INDEX quotes_clipping ON quotes (clipping_id);
        CREATE INDEX quotes_speaker ON quotes (speaker_id);

        CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            query TEXT NOT NULL,
            sort TEXT NOT NULL DEFAULT 'relevance' CHECK (sort IN ('relevance', 'date')),
            created TEXT NOT NULL
        );

        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {cols},
            content="clippings", content_rowid="id",
            tokenize="porter unicode61 remove_diacritics 2"
        );
        INSERT INTO clippings_fts (clippings_fts, rank) VALUES ('rank', 'bm25({weights})');

        -- The index holds live clippings only; the Trash is outside it. New rows are indexed
        -- by Library.add_clippings itself: FTS5 flushes its buffer at every statement that a
        -- trigger writes through, which made bulk imports 2.6 times slower. A tool that inserts
        -- rows by hand runs `python main.py reindex` afterwards.
        CREATE TRIGGER clippings_fts_delete AFTER DELETE ON clippings
        WHEN old.deleted_at IS NULL BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                VALUES ('delete', old.id, {old});
        END;
        CREATE TRIGGER clippings_fts_update AFTER UPDATE OF {cols}, deleted_at ON clippings
        BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                SELECT 'delete', old.id, {old} WHERE old.deleted_at IS NULL;
            INSERT INTO clippings_fts (rowid, {cols})
                SELECT new.id, {new} WHERE new.deleted_at IS NULL;
        END;

        -- Topic and speaker names are copied onto each clipping so the index can rank them.
        CREATE TRIGGER clipping_topics_insert AFTER INSERT ON clipping_topics BEGIN
            {_refresh("topic_names", TOPIC_NAMES_SQL, "new.clipping_id")}
        END;
        CREATE TRIGGER clipping_topics_delete AFTER DELETE ON clipping_topics BEGIN
            {_refresh("topic_names", TOPIC_NAMES_SQL, "old.clipping_id")}
        END;
        CREATE TRIGGER topics_rename AFTER UPDATE OF name ON topics BEGIN
            UPDATE clippings SET topic_names = {TOPIC_NAMES_SQL.format(cid="clippings.id")}
            WHERE id IN {topic_of.format(id="new.id")};
        END;
        CREATE TRIGGER clipping_speakers_insert AFTER INSERT ON clipping_speakers BEGIN
            {_refresh("speaker_names", SPEAKER_NAMES_SQL, "new.clipping_id")}
        END;
        CREATE TRIGGER clipping_speakers_delete AFTER DELETE ON clipping_speakers BEGIN
            {_refresh("speaker_names", SPEAKER_NAMES_SQL, "old.clipping_id")}
        END;
        CREATE TRIGGER speakers_rename AFTER UPDATE OF name ON speakers BEGIN
            UPDATE clippings SET speaker_names = {SPEAKER_NAMES_SQL.format(cid="clippings.id")}
            WHERE id IN {speaker_of.format(id="new.id")};
        END;
        CREATE TRIGGER speaker_aliases_insert AFTER INSERT ON speaker_aliases BEGIN
            UPDATE clippings SET speaker_names = {SPEAKER_NAMES_SQL.format(cid="clippings.id")}
            WHERE id IN {speaker_of.format(id="new.speaker_id")};
        END;
        CREATE TRIGGER speaker_aliases_delete AFTER DELETE ON speaker_aliases BEGIN
            UPDATE clippings SET speaker_names = {SPEAKER_NAMES_SQL.format(cid="clippings.id")}
            WHERE id IN {speaker_of.format(id="old.speaker_id")};
        END;
        """,
    )


@_migration("0002_stories_and_sources")
def stories_and_sources(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- One story run by several outlets (wire copies): each copy points at its story, and
        -- the story names the earliest copy as its original.
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            original_id INTEGER REFERENCES clippings (id) ON DELETE SET NULL,
            created TEXT NOT NULL
        );
        ALTER TABLE clippings ADD COLUMN story_id INTEGER REFERENCES stories (id)
            ON DELETE SET NULL;
        CREATE INDEX clippings_story ON clippings (story_id) WHERE story_id IS NOT NULL;
        -- Re-running a folder import skips the files it has already taken.
        CREATE INDEX clippings_source ON clippings (source);
        """,
    )


#: Live clippings without reading their rows: the Trash is small and has its own index.
LIVE = "NOT IN (SELECT id FROM clippings WHERE deleted_at IS NOT NULL)"


@_migration("0003_list_sorting")
def list_sorting(db: sqlite_utils.Database) -> None:
    # Sorting 100,000 headlines must not read 100,000 articles.
    db.conn.execute("CREATE INDEX clippings_title ON clippings (title COLLATE NOCASE)")


@_migration("0004_speaker_suggestions")
def speaker_suggestions(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- What the finder suggests for a clipping, waiting for the user's word: a speaker with
        -- the quotes it found (JSON), or an outlet the article cites as a source.
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('speaker', 'source')),
            name TEXT NOT NULL,
            role TEXT,
            organisation TEXT,
            quotes TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected'))
        );
        CREATE INDEX suggestions_clipping ON suggestions (clipping_id);
        -- Preferences that belong to the library (auto-accepting suggestions, say).
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    )


@_migration("0005_index_every_clipping")
def index_every_clipping(db: sqlite_utils.Database) -> None:
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    _run_script(
        db,
        f"""
        -- The index now holds every clipping, the Trash too, exactly as an external-content
        -- FTS5 table expects: the standard rebuild (sqlite-utils rebuild-fts, or 'rebuild')
        -- then gives the same index, and searches keep the Trash out of their results. With
        -- the Trash outside the index, such a rebuild brought trashed clippings back into
        -- search and left entries that a later restore duplicated.
        DROP TRIGGER clippings_fts_delete;
        DROP TRIGGER clippings_fts_update;
        CREATE TRIGGER clippings_fts_delete AFTER DELETE ON clippings BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                VALUES ('delete', old.id, {old});
        END;
        CREATE TRIGGER clippings_fts_update AFTER UPDATE OF {cols} ON clippings BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                VALUES ('delete', old.id, {old});
            INSERT INTO clippings_fts (rowid, {cols}) VALUES (new.id, {new});
        END;
        INSERT INTO clippings_fts (rowid, {cols})
            SELECT id, {cols} FROM clippings WHERE deleted_at IS NOT NULL;
        -- A clipping is saved whole (its suggestions and its story in the same transaction)
        -- and marked so; one left unmarked by an older version that was killed half-way is
        -- completed when its import runs again.
        ALTER TABLE clippings ADD COLUMN complete INTEGER;
        """,
    )


@_migration("0006_quote_review")
def quote_review(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- Each quote is reviewed on its own. 'suggested': the finder's, for a speaker still
        -- waiting for review (speaker_id is then NULL); 'accepted': shown in packs and in
        -- `quotes` once its speaker is accepted (accepting a speaker accepts its suggested
        -- quotes); 'rejected': never shown. `reviewed` is 1 where the user decided on this
        -- quote by itself rather than with its speaker. Quotes kept before this version were
        -- shown in packs, so they stay accepted.
        ALTER TABLE quotes ADD COLUMN status TEXT NOT NULL DEFAULT 'accepted'
            CHECK (status IN ('suggested', 'accepted', 'rejected'));
        ALTER TABLE quotes ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
        -- The suggestion a quote came with, while it belongs to it.
        ALTER TABLE quotes ADD COLUMN suggestion_id INTEGER
            REFERENCES suggestions (id) ON DELETE SET NULL;
        CREATE INDEX quotes_suggestion ON quotes (suggestion_id) WHERE suggestion_id IS NOT NULL;
        -- Two suggestions that were one person: the one folded into the other.
        ALTER TABLE suggestions ADD COLUMN merged_into INTEGER
            REFERENCES suggestions (id) ON DELETE SET NULL;
        -- The quotes of suggestions still waiting for review, from their JSON.
        INSERT INTO quotes (clipping_id, text, start, "end", kind, status, suggestion_id)
            SELECT s.clipping_id, json_extract(j.value, '$.text'),
                json_extract(j.value, '$.start'), json_extract(j.value, '$.end'),
                json_extract(j.value, '$.kind'), 'suggested', s.id
            FROM suggestions s, json_each(s.quotes) j
            WHERE s.kind = 'speaker' AND s.status = 'pending'
            ORDER BY s.id, j.key;
        UPDATE quotes SET suggestion_id = (
            SELECT s.id FROM suggestions s, json_each(s.quotes) j
            WHERE s.clipping_id = quotes.clipping_id AND s.kind = 'speaker'
                AND s.status = 'accepted' AND json_extract(j.value, '$.start') = quotes.start
                AND json_extract(j.value, '$.end') = quotes."end"
            ORDER BY s.id LIMIT 1
        ) WHERE suggestion_id IS NULL;
        """,
    )


@_migration("0007_inbox")
def inbox(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- Feeds and news sitemaps to watch (core.watch). The last answer is kept: its ETag and
        -- Last-Modified for the next conditional request, its status and why.
        CREATE TABLE watch_sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'sitemap')),
            site TEXT,
            outlet TEXT,
            interval_minutes INTEGER NOT NULL DEFAULT 30 CHECK (interval_minutes >= 1),
            etag TEXT,
            last_modified TEXT,
            last_checked TEXT,
            next_check TEXT,
            last_status TEXT CHECK (last_status IN ('ok', 'not-modified', 'failed')),
            last_reason TEXT,
            last_new INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        );
        -- A rule is a search in the query language: it proposes matching feed items to the
        -- Inbox, gives its topics (JSON) to the clippings it matches, or both.
        CREATE TABLE watch_rules (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            query TEXT NOT NULL,
            propose INTEGER NOT NULL DEFAULT 0,
            topics TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL
        );
        CREATE TABLE watch_mutes (
            rule_id INTEGER NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
            outlet_key TEXT NOT NULL,
            outlet TEXT NOT NULL,
            PRIMARY KEY (rule_id, outlet_key)
        ) WITHOUT ROWID;
        -- Every feed item seen once, so none is looked at (or proposed) twice: 'seen' matched
        -- no rule, 'proposed' waits in the Inbox, then 'accepted' (clipped), 'dismissed' or
        -- 'expired' (older than the Inbox keeps, and not kept).
        CREATE TABLE inbox_items (
            id INTEGER PRIMARY KEY,
            source_id INTEGER REFERENCES watch_sources (id) ON DELETE SET NULL,
            guid_key TEXT NOT NULL,
            url TEXT,
            canonical_url TEXT,
            title TEXT NOT NULL DEFAULT '',
            title_key TEXT,
            summary TEXT NOT NULL DEFAULT '',
            outlet TEXT,
            published TEXT,
            categories TEXT NOT NULL DEFAULT '[]',
            first_seen TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'seen'
                CHECK (state IN ('seen', 'proposed', 'accepted', 'dismissed', 'expired')),
            kept INTEGER NOT NULL DEFAULT 0,
            clipping_id INTEGER REFERENCES clippings (id) ON DELETE SET NULL,
            decided TEXT,
            reason TEXT
        );
        CREATE INDEX inbox_items_guid ON inbox_items (guid_key);
        CREATE INDEX inbox_items_canonical ON inbox_items (canonical_url);
        CREATE INDEX inbox_items_title ON inbox_items (title_key);
        CREATE INDEX inbox_items_state ON inbox_items (state, first_seen);
        -- Which rules proposed an item (the Inbox filters by rule).
        CREATE TABLE inbox_matches (
            item_id INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,
            rule_id INTEGER NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
            PRIMARY KEY (item_id, rule_id)
        ) WITHOUT ROWID;
        CREATE INDEX inbox_matches_rule ON inbox_matches (rule_id, item_id);
        """,
    )


@_migration("0008_highlights")
def highlights(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- Passages the reader marked (core/highlights). Each keeps the W3C selectors it is
        -- placed again by when the text changes: the exact words with up to 32 characters
        -- before and after, and its offsets in the clipping's text. 'orphan': its words are
        -- no longer found; it is kept and listed, at its last offsets. `uid` names it in W3C
        -- Web Annotation JSON, so an import of the same file adds nothing twice. `colour` is
        -- one of four keys whose names the user sets (settings 'highlights.name.<colour>').
        CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,
            exact TEXT NOT NULL CHECK (exact != ''),
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            colour TEXT NOT NULL DEFAULT 'yellow'
                CHECK (colour IN ('yellow', 'green', 'blue', 'pink')),
            comment TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'anchored' CHECK (state IN ('anchored', 'orphan')),
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE INDEX highlights_clipping ON highlights (clipping_id, start);
        -- One short line per clipping: why it matters, for the list and the pack's overview.
        ALTER TABLE clippings ADD COLUMN why TEXT NOT NULL DEFAULT '';
        -- What the reader wrote and marked, per clipping (rowid = clipping id), for in:highlights,
        -- in:comments and in:why; core/highlights/searching.py keeps it with every change.
        CREATE VIRTUAL TABLE marks_fts USING fts5(
            highlights, comments, why, tokenize="porter unicode61 remove_diacritics 2"
        );
        CREATE TRIGGER marks_fts_clipping_delete AFTER DELETE ON clippings BEGIN
            DELETE FROM marks_fts WHERE rowid = old.id;
        END;
        """,
    )


#: Prefixes of this many characters have their own index (FTS5's prefix option), so 'pre*'
#: reads one list instead of merging those of every word that starts with 'pre'.
FTS_PREFIXES = "3"


@_migration("0009_search_speed")
def search_speed(db: sqlite_utils.Database) -> None:
    cols = ", ".join(FTS_COLUMNS)
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    _run_script(
        db,
        f"""
        -- The prefix option is fixed when the table is made: the index is made again with
        -- it, from the clippings themselves (the triggers name the table, not its options).
        -- 'pre*' at 100,000 clippings merged 90,000 lists in 420 ms; with it, 9 ms.
        DROP TABLE clippings_fts;
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {cols},
            content="clippings", content_rowid="id",
            tokenize="porter unicode61 remove_diacritics 2",
            prefix="{FTS_PREFIXES}"
        );
        INSERT INTO clippings_fts (clippings_fts, rank) VALUES ('rank', 'bm25({weights})');
        INSERT INTO clippings_fts (clippings_fts) VALUES ('rebuild');
        -- A clipping's date and outlet by its id without reading its row (which holds its
        -- text), for filters tested match by match and for counts.
        CREATE INDEX clippings_facets ON clippings (id, published, outlet);
        """,
    )
