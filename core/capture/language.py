"""A clipping's language: what the page declares, else a guess from its script and its
commonest words. Good enough to file and to choose a font; not a classifier."""

from __future__ import annotations

import re
from collections import Counter

_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana before Han: Japanese uses both
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "is", "for", "said", "with"},
    "fr": {"le", "la", "les", "et", "des", "du", "une", "est", "que", "dans"},
    "de": {"der", "die", "und", "das", "nicht", "ist", "den", "mit", "sich", "auch"},
    "es": {"el", "la", "los", "las", "y", "que", "del", "en", "por", "una"},
    "it": {"il", "di", "che", "la", "e", "per", "una", "del", "della", "non"},
    "pt": {"o", "a", "os", "que", "do", "da", "em", "um", "uma", "não"},
}


def declared(lang: str | None) -> str | None:
    """'en-GB' -> 'en'; None for what is not a language tag."""
    if not lang:
        return None
    match = re.match(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$", lang)
    return match.group(1).lower() if match else None


def guess(text: str) -> str | None:
    sample = text[:5000]
    letters = 0  # counted only for a script that is there at all (rarely: most pages are Latin)
    for code, script in _SCRIPTS:
        if found := len(script.findall(sample)):
            letters = letters or sum(ch.isalpha() for ch in sample) or 1
            if found / letters > 0.3:
                return code
    words = Counter(re.findall(r"[^\W\d_]+", sample.casefold()))
    scores = {code: sum(words[w] for w in stop) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    total = sum(words.values()) or 1
    return best if scores[best] / total > 0.08 else None
