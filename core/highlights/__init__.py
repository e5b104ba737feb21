"""Highlights: passages of a clipping's text the reader marked, with a colour and a comment,
and the clipping's one line on why it matters. No Qt here: the window and the command line
both call these modules.

- ``anchoring``: where a highlight stands in a text that has changed (W3C selectors);
- ``colours``: the four colours and the names the user gives them;
- ``store``: the highlights table, edits with undo records, "why it matters", re-anchoring;
- ``searching``: the index behind ``in:highlights``, ``in:comments`` and ``has:highlights``;
- ``w3c``: W3C Web Annotation JSON, out and in;
- ``marking``: highlights laid into the reader's HTML and into packs' paragraphs.
"""
