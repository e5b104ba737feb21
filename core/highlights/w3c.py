"""Highlights as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/), out and in.

Out: an AnnotationCollection whose page holds one Annotation per highlight: motivation
"highlighting" (or "commenting" when it has a comment), the comment as a TextualBody with
purpose "commenting", the colour's name as one with purpose "tagging" and as the target's
``styleClass`` (with a CssStylesheet giving its colour), and a target whose ``source`` is the
article's address (or ``urn:cuttings:clipping:ID``) with a TextQuoteSelector and a
TextPositionSelector. A clipping's line on why it matters is an Annotation of its own with
motivation "assessing" on the whole article.

In: the same, a bare AnnotationPage, a list of annotations or one annotation; Hypothesis's
own export (``target`` as a list, ``text`` for the comment, ``tags``) is read too. Each is placed
in its clipping's text by its selectors; one that cannot be placed is kept as an orphan. An
annotation whose id is already in the library is not added twice.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from core.clippings import now_iso
from core.errors import BadInput
from core.highlights import colours, searching, store
from core.highlights.anchoring import Quote, anchor, describe
from core.inputs import clean_line, clean_text
from core.library import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:cuttings:clipping:"
MAX_BYTES = 20_000_000
MAX_ITEMS = 100_000


def _source(row: dict[str, Any]) -> str:
    return row.get("canonical_url") or row.get("url") or f"{URN}{row['id']}"


def export(library: Library, clipping_ids: list[int]) -> dict[str, Any]:
    """The highlights (and lines on why they matter) of these clippings as one collection."""
    ids = library.require(clipping_ids)
    sources = {
        r["id"]: _source(r)
        for r in library.execute(
            f"SELECT id, url, canonical_url, why FROM clippings WHERE id IN "
            f"({','.join('?' * len(ids))})",
            ids,
        )
    }
    whys = {
        r["id"]: r["why"]
        for r in library.execute(
            f"SELECT id, why FROM clippings WHERE id IN ({','.join('?' * len(ids))})", ids
        )
    }
    marks = store.of_clippings(library, ids)
    items: list[dict[str, Any]] = []
    for clipping_id in ids:
        if whys.get(clipping_id):
            items.append(
                {
                    "id": f"{URN}{clipping_id}:why",
                    "type": "Annotation",
                    "motivation": "assessing",
                    "body": {
                        "type": "TextualBody",
                        "value": whys[clipping_id],
                        "purpose": "assessing",
                        "format": "text/plain",
                    },
                    "target": sources[clipping_id],
                }
            )
        items += [_annotation(row, sources[clipping_id]) for row in marks.get(clipping_id, [])]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Highlights from Cuttings",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotation(row: dict[str, Any], source: str) -> dict[str, Any]:
    colour = colours.BY_KEY[row["colour"]]
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": row["colour_name"], "purpose": "tagging"}
    ]
    if row["comment"]:
        bodies.insert(
            0,
            {
                "type": "TextualBody",
                "value": row["comment"],
                "purpose": "commenting",
                "format": "text/plain",
            },
        )
    return {
        "id": row["uid"],
        "type": "Annotation",
        "motivation": "commenting" if row["comment"] else "highlighting",
        "created": row["created"],
        "modified": row["modified"],
        "stylesheet": {
            "type": "CssStylesheet",
            "value": f".{colour.key} {{ background-color: {colour.light} }}",
        },
        "body": bodies,
        "target": {
            "source": source,
            "styleClass": colour.key,
            "state": row["state"],
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": row["exact"],
                    "prefix": row["prefix"],
                    "suffix": row["suffix"],
                },
                {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]},
            ],
        },
    }


def dumps(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


# -- import ------------------------------------------------------------------------------


def loads(data: bytes) -> list[dict[str, Any]]:
    """The annotations in a file's bytes; a sentence for anything that is not such a file."""
    if len(data) > MAX_BYTES:
        raise BadInput("That file is too large to be a file of annotations.")
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise BadInput("That file is not UTF-8 text, so not W3C annotation JSON.") from error
    except json.JSONDecodeError as error:
        raise BadInput(f"That file is not JSON (line {error.lineno}: {error.msg}).") from error
    if isinstance(parsed, dict) and parsed.get("type") in (
        "AnnotationCollection",
        ["AnnotationCollection"],
    ):
        first = parsed.get("first")
        items = first.get("items") if isinstance(first, dict) else parsed.get("items")
    elif isinstance(parsed, dict) and "items" in parsed:
        items = parsed["items"]
    elif isinstance(parsed, dict) and ("target" in parsed or "type" in parsed):
        items = [parsed]
    elif isinstance(parsed, dict) and isinstance(parsed.get("rows"), list):
        items = parsed["rows"]  # Hypothesis's search API answer
    else:
        items = parsed
    if not isinstance(items, list):
        raise BadInput("That JSON holds no annotations (no list, page or collection of them).")
    if len(items) > MAX_ITEMS:
        raise BadInput(f"That file holds more than {MAX_ITEMS:,} annotations.")
    return [item for item in items if isinstance(item, dict)]


def _target(item: dict[str, Any]) -> dict[str, Any]:
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str):
        return {"source": target}
    return target if isinstance(target, dict) else {}


def _bodies(item: dict[str, Any]) -> list[dict[str, Any]]:
    body = item.get("body", [])
    if isinstance(body, dict | str):
        body = [body]
    if not isinstance(body, list):
        body = []
    found = [b if isinstance(b, dict) else {"value": b} for b in body if isinstance(b, dict | str)]
    if isinstance(item.get("bodyValue"), str):
        found.append({"value": item["bodyValue"], "purpose": "commenting"})
    if isinstance(item.get("text"), str) and item["text"].strip():  # Hypothesis
        found.append({"value": item["text"], "purpose": "commenting"})
    tags = item.get("tags")
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, str):
            found.append({"value": tag, "purpose": "tagging"})
    return found


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, list):
        selectors = []
    quote = position = None
    for selector in selectors:
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector" and isinstance(selector.get("exact"), str):
            quote = quote or selector
        elif selector.get("type") == "TextPositionSelector":
            position = position or selector
    return quote, position


def _clipping_for(library: Library, source: str | None, into: int | None) -> int | None:
    if into is not None:
        return into
    if not isinstance(source, str) or not source:
        return None
    if source.startswith(URN):
        tail = source[len(URN) :].split(":")[0]
        if tail.isdigit():
            found = library.existing_ids([int(tail)])
            return found[0] if found else None
    rows = library.execute(
        "SELECT id FROM clippings WHERE canonical_url = ? OR url = ? "
        "ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
        [source, source],
    )
    return rows[0]["id"] if rows else None


def import_annotations(
    library: Library, items: list[dict[str, Any]], *, into: int | None = None
) -> dict[str, Any]:
    """Add the annotations' highlights (and lines on why it matters) to their clippings.
    Returns counts and, for each annotation left out, why."""
    if into is not None:
        library.require([into])
    result: dict[str, Any] = {"added": 0, "orphans": 0, "why": 0, "already": 0, "skipped": []}
    names = colours.names(library)
    by_name = {v.casefold(): k for k, v in names.items()}
    with library.write() as db:
        conn = db.conn
        touched: set[int] = set()
        for number, item in enumerate(items, 1):
            target = _target(item)
            clipping_id = _clipping_for(library, target.get("source"), into)
            if clipping_id is None:
                result["skipped"].append(
                    f"annotation {number}: no clipping for {target.get('source')!r}"
                )
                continue
            motivation = item.get("motivation")
            bodies = _bodies(item)
            if motivation == "assessing" and not target.get("selector"):
                line = clean_line(" ".join(str(b.get("value", "")) for b in bodies)) or ""
                if line:
                    conn.execute(
                        "UPDATE clippings SET why = ? WHERE id = ?",
                        [line[: store.MAX_WHY], clipping_id],
                    )
                    touched.add(clipping_id)
                    result["why"] += 1
                continue
            uid = str(item.get("id") or f"urn:uuid:{uuid.uuid4()}")[:500]
            if conn.execute("SELECT 1 FROM highlights WHERE uid = ?", [uid]).fetchone():
                result["already"] += 1
                continue
            quote_sel, position_sel = _selectors(target)
            text = (
                conn.execute("SELECT text FROM clippings WHERE id = ?", [clipping_id]).fetchone()[0]
                or ""
            )
            placed_quote = _place(text, quote_sel, position_sel)
            if placed_quote is None:
                result["skipped"].append(f"annotation {number}: no text selector to place it by")
                continue
            quote, state = placed_quote
            comment = "\n\n".join(
                str(b.get("value"))
                for b in bodies
                if b.get("purpose") in ("commenting", None) and b.get("value")
            )
            colour = target.get("styleClass")
            if colour not in colours.BY_KEY:
                tags = [
                    str(b.get("value", "")).casefold()
                    for b in bodies
                    if b.get("purpose") == "tagging"
                ]
                colour = next((by_name[t] for t in tags if t in by_name), colours.DEFAULT)
            stamp = now_iso()
            conn.execute(
                'INSERT INTO highlights (uid, clipping_id, exact, prefix, suffix, start, "end", '
                "colour, comment, state, created, modified) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    uid,
                    clipping_id,
                    quote.exact[: store.MAX_PASSAGE],
                    quote.prefix,
                    quote.suffix,
                    quote.start,
                    quote.end,
                    colour,
                    (clean_text(comment) or "")[: store.MAX_COMMENT],
                    state,
                    str(item.get("created") or stamp)[:40],
                    str(item.get("modified") or stamp)[:40],
                ],
            )
            touched.add(clipping_id)
            result["added"] += 1
            result["orphans"] += state == "orphan"
        searching.refresh(conn, sorted(touched))
    return result


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _place(
    text: str, quote_sel: dict[str, Any] | None, position_sel: dict[str, Any] | None
) -> tuple[Quote, str] | None:
    """The highlight's selectors in this text, and whether it is anchored or an orphan."""
    start = _int((position_sel or {}).get("start"))
    end = _int((position_sel or {}).get("end"))
    if quote_sel is None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return None
        return describe(text, start, end), "anchored"
    exact = clean_text(str(quote_sel.get("exact") or "")) or ""
    if not exact.strip():
        return None
    kept = Quote(
        exact=exact,
        prefix=str(quote_sel.get("prefix") or "")[-64:],
        suffix=str(quote_sel.get("suffix") or "")[:64],
        start=start if start is not None else 0,
        end=end if end is not None else len(exact),
    )
    placed = anchor(kept, text)
    if placed is None:
        return kept, "orphan"
    return describe(text, placed.start, placed.end), "anchored"
