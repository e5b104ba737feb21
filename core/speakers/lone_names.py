"""Whether a speaker the article names by one word only ("Doe", "Sixers", "Israel") is a
person: how the article uses the word, read where the word stands through patterns compiled
once."""

from __future__ import annotations

import re

from core.speakers.article import Speaker, _Article
from core.speakers.names import BARE_TITLE, FIRM, ORG_WORDS


def lone_name_is_person(article: _Article, speaker: Speaker) -> bool:
    """Whether a speaker known by one word only is a person; a full name found earlier in the
    article becomes the speaker's name."""
    fuller = article.earlier_full_name(speaker.name)
    if fuller:
        speaker.name = fuller
        return True
    text = article.text
    mentions = article.word_count(speaker.name)
    if _word_in_lower_case(article, speaker.name):
        return False  # "Analysts said", "Aides said": a common noun opening a sentence
    seen = _Mentions(text, speaker.name)
    if seen.attributes_a_quote and not seen.as_modifier:
        # '“...,” Doe said.', '..., said Doe.', 'Doe said, “...': a capital in the attribution of
        # a quote is a name, though the article names the person once
        return True
    if mentions < 3 and not seen.titled:
        return False  # never named in full nor with a title ("President Obama"): too little
    if not seen.titled and seen.after_place_preposition:
        # "in Israel": a place that "said" is its government, not a person (but "to Obama"
        # where he is "President Obama" too is a person)
        return False
    if seen.as_modifier or seen.before_firm:
        return False  # "Israeli", "Sacramento-based McClatchy", "McClatchy Co.": not a person
    if any(after.casefold() in ORG_WORDS for after in seen.capitals_after):
        return False  # "Alden Capital", "Tesla Motors": the name of a firm
    # "the Sixers": mostly with an article, so a team or an institution
    return (text.count(f"the {speaker.name}") + text.count(f"The {speaker.name}")) * 2 < mentions


#: how far before a name its title or its quote's end is looked for
TITLE_REACH = 60


class _Mentions:
    """How an article uses one word: each place it stands is looked at through patterns
    compiled once, instead of compiling patterns for every word (which cost more than the
    rest of the finder on a long article)."""

    def __init__(self, text: str, word: str) -> None:
        self.attributes_a_quote = self.as_modifier = self.titled = False
        self.after_place_preposition = self.before_firm = False
        self.capitals_after: list[str] = []
        size, at = len(word), text.find(word)
        while at != -1:
            if at == 0 or not _wordlike(text[at - 1]):
                self._look(text, at, at + size)
            at = text.find(word, at + 1)

    def _look(self, text: str, start: int, end: int) -> None:
        before = text[max(0, start - TITLE_REACH) : start]
        whole = end == len(text) or not _wordlike(text[end])
        if _DEMONYM_END.match(text, end):
            self.as_modifier = True  # "Israeli", "Texan", "Chinese"
        if not whole:
            return
        if before.endswith("-based "):
            self.as_modifier = True
        if (
            (_QUOTE_END_BEFORE.search(before) and _SAID_AFTER.match(text, end))
            or (_SAID_BEFORE.search(before) and text[end : end + 1] in (",", "."))
            or _SAID_OPENS_QUOTE.match(text, end)
        ):
            self.attributes_a_quote = True
        if _TITLE_BEFORE.search(before):
            self.titled = True
        if _PLACE_PREPOSITION_BEFORE.search(before):
            self.after_place_preposition = True
        if _FIRM_AFTER.match(text, end):
            self.before_firm = True
        if capital := _CAPITAL_AFTER.match(text, end):
            self.capitals_after.append(capital.group(1))


def _wordlike(ch: str) -> bool:  # what the regular expressions' \w would count
    return ch.isalnum() or ch == "_"


#: The plain verbs of an attribution after a quote ('“...,” Doe said', '..., said Doe.')
PLAIN_SAID = "said|says|asked|added|wrote|writes|told|explained|tweeted|stated|replied|continued"
# The places around a word that tell whether it is a person's name (see _Mentions)
_QUOTE_END_BEFORE = re.compile(r"[,!?][”\"]\s+$")
_SAID_AFTER = re.compile(rf"\s+(?:{PLAIN_SAID})\b")
_SAID_BEFORE = re.compile(rf"[,”\"]\s*(?:{PLAIN_SAID})\s+$")
_SAID_OPENS_QUOTE = re.compile(rf"\s+(?:{PLAIN_SAID}|went on to say)\s*[,:]\s*[“\"]")
_DEMONYM_END = re.compile(r"(?:i|ian|n|ese|ic)\b")
_TITLE_BEFORE = re.compile(rf"\b{BARE_TITLE} $")
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|from|across|to) $")
_FIRM_AFTER = re.compile(rf",? (?:{FIRM})")
_CAPITAL_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


def _word_in_lower_case(article: _Article, word: str) -> bool:
    return article.word_count(word.casefold()) > 0


def is_titled(text: str, name: str) -> bool:
    """The answer of ``re.search(rf"\\b{TITLE} {re.escape(name)}\\b", text)``."""
    return _Mentions(text, name).titled


def in_attribution(text: str, name: str) -> bool:
    """Whether the name stands in the attribution of a quote, as the patterns '[,!?][”"]\\s+
    {name}\\s+(?:said|...)\\b', '[,”"]\\s*(?:said|...)\\s+{name}[,.]' and '\\b{name}\\s+
    (?:said|...|went on to say)\\s*[,:]\\s*[“"]' find it."""
    return _Mentions(text, name).attributes_a_quote
