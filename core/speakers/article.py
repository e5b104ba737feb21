"""One article as the speaker finder reads it: the people it names (full names, surnames,
titles, given names, gender from its own words), who was named last for a pronoun, the
speakers found so far with their quotes, and the sources it cites."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from core.speakers.given_names import pronoun_for
from core.speakers.names import (
    FULL_NAME,
    SURNAME_PARTS,
    UPPER,
    WORD_NAMES,
    clean_name,
    is_person,
    office_before,
    plausible_role,
    split_role,
)
from core.speakers.segments import opens_sentence

Kind = Literal["direct", "reported"]
MAX_TEXT = 200_000  # characters looked at (a long report); a 2 MB text is cut, not choked on
MAX_SENTENCE = 3_000
# Whether an article is English enough to look at: the share of Latin letters in its opening
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
_WORD = re.compile(r"[a-z]+")
_SENTENCE_STOP = re.compile(r"[.?!\n]")
_WORDS = re.compile(r"\w+")
_COMMA_VERB = re.compile(r",\s+[a-z]")
_QUOTE_MARKS = '"“”«»„'
_QUOTE_MARK = re.compile(f"[{_QUOTE_MARKS}]")
_TIME_THEN_THAT = re.compile(r"\s+(?:[\w-]+\s+){1,3}?that\s+(?=\S)")
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTE_OR_COMMA = re.compile(r"[,;:“”\"]")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{3,}(?![\w’'-])")
_TITLE_WORD = re.compile(r"(?<![\w’'-])[A-Za-z][\w’'-]*")
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z]\.\s+)?([A-Z][\w’'-]+)")
_PRONOUN = re.compile(r"\b(?:([Hh]e|[Hh]im|[Hh]is)|([Ss]he|[Hh]er))\b")
# "Doe said Tuesday that she ...", "..., said Doe, adding that he ...": who the name is
_THEN_PRONOUN = re.compile(r"(?:[\s,]+[\w’'-]+){0,3}?[\s,]+(?:that\s+)?([Hh]e|[Ss]he)\b")
_MALE_WORDS = frozenset(
    "spokesman congressman businessman chairman councilman assemblyman alderman actor father "
    "husband son brother grandfather uncle nephew widower boyfriend king prince sir lord".split()
)
_FEMALE_WORDS = frozenset(
    "spokeswoman congresswoman businesswoman chairwoman councilwoman assemblywoman alderwoman "
    "actress mother wife daughter sister grandmother aunt niece widow girlfriend queen princess "
    "dame lady baroness".split()
)


def _headline(line: str) -> bool:
    # "Game over? Will Doe stay?" is still one headline
    return len(line.split()) <= 16 and not re.search(r"[.!]\s+[A-Z]", line)


def _title_case(line: str) -> bool:
    """A headline Set In Capitals: most of its words start with one."""
    # (a paragraph is read no further than its 31st word: it is no headline)
    words = [m.group(0) for m in islice(_TITLE_WORD.finditer(line), 31)]
    if len(words) < 4 or len(words) > 30:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by"}
    big = [w for w in words if w.casefold() not in small]
    return bool(sum(w[0].isupper() for w in big) >= 0.8 * len(big))


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: Kind


@dataclass
class Speaker:
    name: str
    role: str | None = None
    organisation: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    attributed: bool = False  # named as the subject of a speech verb at least once

    @property
    def surname(self) -> str:
        return self.name.split()[-1].casefold()


@dataclass
class Finding:
    speakers: list[Speaker]
    sources: list[str]  # outlets and organisations cited, not people
    work: int = 0  # characters the cue patterns were run over, to show the work is bounded


class _Article:
    def __init__(self, text: str) -> None:
        self.text = text[:MAX_TEXT]
        self.speakers: dict[str, Speaker] = {}
        self.sources: list[str] = []
        self.last: Speaker | None = None
        self.recent: list[Speaker] = []  # the people last named, the latest last
        self._votes: dict[int, list[int]] = {}  # id(speaker) -> [he, she] seen for them
        self._titled: dict[str, str] | None = None
        self.work = 0  # characters the cue patterns were run over: linear in the text
        # Other subjects of a verb of saying in the sentence just attributed, each with where its
        # name starts and its verb ends in the text: "Doe accuses Roe of “...” and Poe says ..."
        self.later: list[tuple[int, int, Speaker]] = []
        self._full_names: dict[str, str] | None = None
        self._given_names: dict[str, str] | None = None
        self._tails: dict[str, bool] = {}
        self._leads: dict[str, str] = {}
        self._lower_words: set[str] | None = None
        self._body: str | None = None
        self._first_line = ""
        self._headlines: list[tuple[int, int]] = []
        self._word_counts: Counter[str] | None = None

    # -- people ---------------------------------------------------------------------------

    def person(self, raw: str, role: str | None = None) -> Speaker | None:
        name = clean_name(raw)
        if not is_person(name):
            return None
        name = self._without_lead(name)
        if len(name.split()) == 1:
            # A bare "Clinton" is a Clinton already speaking, else the one the article named
            # in full first, so that a later "Bill Clinton" is told apart from "Hillary".
            fuller = self.earlier_full_name(name) or self.given_name_of(name)
            same = [s for s in self.speakers.values() if s.surname == name.casefold()]
            if same:
                name = next((s.name for s in same if s.name == fuller), same[0].name)
            elif fuller:
                name = fuller
        else:
            # "Mr. Vander Plaats" is the "Bob Vander Plaats" named before: the end of a full name
            fuller = self.earlier_full_name(name.split()[-1])
            if (
                fuller
                and fuller.endswith(" " + name)
                and not any(w.isupper() for w in fuller.removesuffix(name).split())
            ):
                name = fuller  # (not "DJ Ann Doe", where the capitals are a description)
        surname = name.split()[-1].casefold()
        first = name.split()[0].casefold() if len(name.split()) > 1 else None
        if first in SURNAME_PARTS:
            first = None  # "Abu Hatab" is Walid Abu Hatab's surname, not another first name
        for known in self.speakers.values():
            known_first = known.name.split()[0].casefold() if len(known.name.split()) > 1 else None
            if known.surname == surname and (
                first is None or known_first in (None, first) or _one_is_end_of(name, known.name)
            ):
                if len(name) > len(known.name):
                    known.name = name  # the fullest form the article uses
                speaker = known
                break
        else:
            speaker = Speaker(name)
            self.speakers[name] = speaker
        if role and not speaker.role and plausible_role(role):
            speaker.role, speaker.organisation = split_role(role)
        elif not speaker.role and (office := office_before(raw, clean_name(raw))):
            # ("Indiana House Speaker Ann Doe said", "Sen. Ann Doe": the office before the name)
            speaker.role, speaker.organisation = split_role(office)
        self._note_gender(speaker, raw, role)
        self.recent = [s for s in self.recent[-5:] if s is not speaker] + [speaker]
        self.last = speaker
        return speaker

    # -- who "he" and "she" are ------------------------------------------------------------

    def _note_gender(self, speaker: Speaker, raw: str, role: str | None) -> None:
        """What the article itself says of a person: 'Mr.', 'Ms.' or 'Mrs.' before the name,
        'spokeswoman', 'congressman', 'his wife' beside it."""
        words = _WORD.findall(f"{raw} {role or ''}".casefold())
        lead = raw.strip().split()[0].rstrip(".").casefold() if raw.strip() else ""
        if lead == "mr" or not _MALE_WORDS.isdisjoint(words):
            self.vote(speaker, "he")
        if lead in ("mrs", "ms", "miss") or not _FEMALE_WORDS.isdisjoint(words):
            self.vote(speaker, "she")

    def vote(self, speaker: Speaker, pronoun: str) -> None:
        votes = self._votes.setdefault(id(speaker), [0, 0])
        votes[pronoun.casefold() == "she"] += 1

    def gender(self, speaker: Speaker) -> str | None:
        """'he', 'she' or None (not known). A title anywhere in the article ('Ms. Doe') settles
        it, then a given name borne by one sex ('Ann'); otherwise what was seen beside the
        person's own mentions."""
        if self._titled is None:
            seen: dict[str, set[str]] = {}
            for title, name in _TITLED.findall(self.text):
                seen.setdefault(name.casefold(), set()).add("he" if title == "Mr" else "she")
            self._titled = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        if speaker.surname in self._titled:
            return self._titled[speaker.surname]
        if (given := pronoun_for(speaker.name)) is not None:
            return given  # "Ann Doe" is "she" whatever pronoun stood near her name
        he, she = self._votes.get(id(speaker), (0, 0))
        return "he" if he > she else "she" if she > he else None

    def referent(self, pronoun: str | None) -> Speaker | None:
        """Who 'he' or 'she' means: the person named last, unless the article shows that
        person is of the other gender; then the latest one before who is not."""
        last = self.last
        if pronoun is None or last is None or self.gender(last) in (None, pronoun):
            return last
        for speaker in reversed(self.recent[-4:]):
            if self.gender(speaker) in (None, pronoun):
                return speaker
        return None

    def _without_lead(self, name: str) -> str:
        """'Ukraine Kurt Volker' -> 'Kurt Volker' and 'Questioning Vindman' -> 'Alexander
        Vindman', when the article names the person so elsewhere: a place, a common word or a
        participle before a name is not part of it. 'Debbie Wasserman Schultz' keeps its first
        name, which the article never uses alone, and 'Donald J. Trump' its initial."""
        if name not in self._leads:
            self._leads[name] = self._strip_lead(name)
        return self._leads[name]

    def _strip_lead(self, name: str) -> str:
        name = self._from_body(name)
        words = name.split()
        while len(words) >= 2 and self.common_word(words[0]):
            words = words[1:]  # "Understated Perez": a word the article also writes in lower case
        name = " ".join(words)
        if (
            len(words) >= 3
            and words[1].casefold() not in SURNAME_PARTS
            and not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)?", words[1])
        ):
            tail = " ".join(words[1:])
            if tail not in self._tails:
                lead = re.escape(words[0])
                # "Ukraine" standing alone elsewhere is a place, not a first name
                self._tails[tail] = len(re.findall(rf"\b{lead}\b(?! [{UPPER}])", self.text)) >= 1
            if self._tails[tail]:
                return tail
        elif len(words) == 2 and words[0].endswith("ing"):
            fuller = self.earlier_full_name(words[1])
            if fuller and fuller != name:
                return fuller
        return name

    def common_word(self, word: str) -> bool:
        """Whether the article also writes this capitalised word in lower case."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall(self.text))
        lower = word.casefold()
        return lower in self._lower_words and lower not in WORD_NAMES and word[1:].islower()

    def _from_body(self, name: str) -> str:
        """A name read in a headline ('Offensive Things Ann Doe Said', 'Understated Doe gains')
        is the longest end of it that the article's prose uses, where there is one. In a
        headline Set In Capitals any word may be capitalised; in one that is not, only its first
        word."""
        if self._body is None:
            body, position = [], 0
            for number, line in enumerate(self.text.split("\n")):
                end = position + len(line)
                if number == 0 and _headline(line):
                    self._first_line = line if not _title_case(line) else ""
                    self._headlines.append((position, end))
                elif _title_case(line):
                    self._headlines.append((position, end))
                else:
                    body.append(line)
                position = end + 1
            self._body = "\n".join(body)
        if " " not in name or name in self._body:
            return name
        words = name.split()
        if name in self._first_line:
            if not self._first_line.startswith(name):
                return name
            return words[-1] if len(words) == 2 and words[-1] in self._body else name
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if re.search(rf"\b{re.escape(tail)}\b", self._body):
                return tail
        return name

    def plausible_subject(self, raw: str) -> bool:
        """A capitalised word opening a sentence is a person only when the article shows it
        is one: a full name, or a surname it has already named in full."""
        name = clean_name(raw)
        if not is_person(name) or re.search(r"['’][a-z]*$", raw.strip()):
            return False
        if len(name.split()) > 1 or raw.strip() != name:  # "Sen. Cruz" carries a title
            return True
        return any(s.surname == name.casefold() for s in self.speakers.values()) or bool(
            self.earlier_full_name(name)
        )

    def word_count(self, word: str) -> int:
        if self._word_counts is None:
            self._word_counts = Counter(_WORDS.findall(self.text))
        return self._word_counts[word]

    def earlier_full_name(self, surname: str) -> str | None:
        """The first full name in the article that ends with this surname, read in its prose
        before its headlines."""
        if self._full_names is None:
            self._full_names, self._given_names = {}, {}
            self._from_body("")  # finds the headlines
            later: list[str] = []
            for match in FULL_NAME.finditer(self.text):
                words = clean_name(match.group(1)).split()
                if words and words[0].endswith("ing") and opens_sentence(self.text, match):
                    continue  # "Hosting Cook, Benioff said": a participle, not a first name
                if words and words[0].casefold() in WORD_NAMES and self._asks(match):
                    words = words[1:]  # "Will Sanders come down?": a question's verb
                while len(words) > 1 and self.common_word(words[0]):
                    words = words[1:]
                candidate = " ".join(words)
                if 1 < len(words) <= 4 and is_person(candidate):
                    if any(s <= match.start() < e for s, e in self._headlines):
                        # "Will Doe come down?": in a headline a first name that is also a
                        # word may be the question's verb
                        if words[0].casefold() not in WORD_NAMES:
                            later.append(candidate)
                    else:
                        self._add_full_name(candidate)
            for candidate in later:
                self._add_full_name(candidate)
        found = self._full_names.get(surname.casefold())
        return self._without_lead(found) if found and found.count(" ") >= 2 else found

    def _asks(self, match: re.Match[str]) -> bool:
        """Whether a name opens a question ('Will Doe stay?')."""
        if not opens_sentence(self.text, match):
            return False
        end = _SENTENCE_STOP.search(self.text, match.end())
        return end is not None and end.group(0) == "?"

    def _add_full_name(self, name: str) -> None:
        words = name.split()
        self._full_names.setdefault(words[-1].casefold(), name)  # type: ignore[union-attr]
        self._given_names.setdefault(words[0].casefold(), name)  # type: ignore[union-attr]

    def given_name_of(self, word: str) -> str | None:
        """The full name whose first word this is ('Halvard' of 'Halvard J. Moen'), when no
        full name ends with it."""
        if self.earlier_full_name(word):
            return None
        found = self._given_names.get(word.casefold()) if self._given_names else None
        if found and self.text.count(found) == self.text.count(f"the {found}") + self.text.count(
            f"The {found}"
        ):
            return None  # "the Doe Train": a thing named after Doe, not Doe's full name
        return found


def _one_is_end_of(a: str, b: str) -> bool:
    """'Wasserman Schultz' of 'Debbie Wasserman Schultz', 'J. Doe' of 'Ann J. Doe': one name
    is the other's last words."""
    wa, wb = a.casefold().split(), b.casefold().split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long[len(long) - len(short) :] == short
