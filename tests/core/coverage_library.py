"""A press office's library for the coverage tests: a few months of clippings across outlets
(some without one), topics and speakers, some without a date of publication, some in the
Trash, wire stories run by several outlets, and quotes accepted, suggested and rejected."""

from __future__ import annotations

import random
from datetime import date, timedelta

from core.library import Library

OUTLETS = ["The Herald", "Daily Courier", "Morning Post", "Evening Standard", "City Gazette"]
TOPICS = ["Energy", "Trade", "Health", "Transport"]
SPEAKERS = ["Ana Lima", "Ben Okoro", "Chen Wei", "Dana Fox", "Eli Stone"]
WORDS = {
    "Energy": "the grid and power prices",
    "Trade": "tariffs on steel imports",
    "Health": "hospital waiting lists",
    "Transport": "the new rail timetable",
}


def press_office(library: Library, n: int = 120, seed: int = 5, start: str = "2024-02-01"):
    """Fill the library; returns a dict of what was made (ids by kind) for the tests."""
    rng = random.Random(seed)
    first = date.fromisoformat(start)
    clippings = []
    for i in range(n):
        topics = sorted(set(rng.sample(TOPICS, rng.choice([0, 1, 1, 2]))))
        speakers = sorted(set(rng.sample(SPEAKERS, rng.choice([0, 1, 1, 2]))))
        day = first + timedelta(days=rng.randrange(75))
        about = " and ".join(WORDS[t] for t in topics) or "the council budget"
        said = " ".join(f"{s} said the plan would work." for s in speakers)
        clippings.append(
            {
                "title": f"Report {i} on {about}",
                "text": f"Paragraph about {about}. {said} The minister said talks go on.",
                "outlet": rng.choice([*OUTLETS, *OUTLETS[:2], None]),
                # every tenth clipping has no date of publication
                "published": None if i % 10 == 3 else day.isoformat(),
                "topics": topics,
                "speakers": speakers,
            }
        )
    ids = library.add_clippings(clippings)
    made = {"ids": ids, "undated": [ids[i] for i in range(n) if i % 10 == 3]}
    with library.write() as db:
        conn = db.conn
        # three wire stories: the first copy the original, the rest copies in other outlets
        stories = []
        for story_index, size in enumerate((5, 3, 2)):
            copies = ids[20 + story_index * 10 : 20 + story_index * 10 + size]
            story = conn.execute(
                "INSERT INTO stories (original_id, created) VALUES (?, '2024-01-01')",
                [copies[0]],
            ).lastrowid
            marks = ",".join("?" * len(copies))
            conn.execute(
                f"UPDATE clippings SET story_id = ? WHERE id IN ({marks})", [story, *copies]
            )
            stories.append((story, copies))
        made["stories"] = stories
        # quotes: the speaker's sentence in each clipping, accepted, suggested or rejected
        statuses = ["accepted", "accepted", "suggested", "rejected"]
        quotes = []
        for clipping_id, clipping in zip(ids, clippings, strict=True):
            for name in clipping["speakers"]:
                text = f"{name} said the plan would work."
                start = clipping["text"].index(text)
                status = rng.choice(statuses)
                speaker = conn.execute(
                    "SELECT id FROM speakers WHERE key = ?", [name.casefold()]
                ).fetchone()[0]
                conn.execute(
                    'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind, '
                    "status) VALUES (?, ?, ?, ?, ?, 'direct', ?)",
                    [
                        clipping_id,
                        None if status == "suggested" else speaker,
                        text,
                        start,
                        start + len(text),
                        status,
                    ],
                )
                quotes.append((clipping_id, name, status))
        made["quotes"] = quotes
    trashed = [ids[7], ids[50], ids[21]]  # ids[21] is a copy of the first story
    library.trash(trashed)
    made["trashed"] = trashed
    return made
