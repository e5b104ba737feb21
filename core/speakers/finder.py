"""Who is quoted in an article and what they said, found by rules: quotation marks, speech
verbs, appositions (``Niu Yibing, deputy head of the Office ..., said``), ``according to``, and
pronouns resolved to the person last named. Outlets that are cited (``China Daily reported``)
are sources, kept apart from speakers.

English only: an article in another script yields no suggestions rather than nonsense.
The cues live in ``cues``, what makes a name a person's in ``names``, and the spans of quotes
and sentences in ``segments``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from core.speakers import credits, cues
from core.speakers.names import (
    FIRM,
    FULL_NAME,
    ORG_WORDS,
    SURNAME_PARTS,
    TITLE,
    TITLE_WORDS,
    UPPER,
    WORD_NAMES,
    clean_name,
    is_person,
    plausible_role,
    split_role,
)
from core.speakers.segments import opens_sentence, paragraph_index, quote_spans, sentence_spans

Kind = Literal["direct", "reported"]
MAX_TEXT = 200_000  # characters looked at (a long report); a 2 MB text is cut, not choked on
MAX_SENTENCE = 3_000
# Whether an article is English enough to look at: the share of Latin letters in its opening
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
_WORD = re.compile(r"[a-z]+")
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
    words = _TITLE_WORD.findall(line)
    if len(words) < 4 or len(words) > 30:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by"}
    big = [w for w in words if w.casefold() not in small]
    return sum(w[0].isupper() for w in big) >= 0.8 * len(big)


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
        it; otherwise what was seen beside the person's own mentions."""
        if self._titled is None:
            seen: dict[str, set[str]] = {}
            for title, name in _TITLED.findall(self.text):
                seen.setdefault(name.casefold(), set()).add("he" if title == "Mr" else "she")
            self._titled = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        if speaker.surname in self._titled:
            return self._titled[speaker.surname]
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
        while len(words) >= 2 and self._common_word(words[0]):
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

    def _common_word(self, word: str) -> bool:
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
        words = name.split()
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
                while len(words) > 1 and self._common_word(words[0]):
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

    def _add_full_name(self, name: str) -> None:
        words = name.split()
        self._full_names.setdefault(words[-1].casefold(), name)  # type: ignore[union-attr]
        self._given_names.setdefault(words[0].casefold(), name)  # type: ignore[union-attr]

    def given_name_of(self, word: str) -> str | None:
        """The full name whose first word this is ('Halvard' of 'Halvard J. Moen'), when no
        full name ends with it."""
        if self.earlier_full_name(word):
            return None
        return self._given_names.get(word.casefold()) if self._given_names else None


def find(text: str) -> Finding:
    """Speakers with their quotes, and cited sources, for one article."""
    article = _Article(text or "")
    text = article.text
    head = text[:3000]
    others = len(_OTHER_LETTERS.findall(head))
    ascii_letters = len(_NOT_ASCII_LETTER.sub("", head))
    if not ascii_letters or ascii_letters / (ascii_letters + others) < 0.8:
        return Finding([], [])  # not English: no suggestions rather than nonsense
    # Some papers print ``quotes like this''; same-length stand-ins keep every offset.
    marked = text.replace("``", ' "').replace("''", '" ').replace("‘‘", " “").replace("’’", "” ")
    quotes = quote_spans(marked)
    quote_owner: dict[tuple[int, int], Speaker] = {}
    given: set[tuple[int, int]] = set()  # quotes whose own sentence names who says them
    paragraph_of = paragraph_index(text)
    last_paragraph_speaker: dict[int, Speaker] = {}

    quote_starts = [s for s, _ in quotes]
    for start, end in sentence_spans(marked):
        if end - start > MAX_SENTENCE:
            continue  # not prose (a list, a table, a run of names): no attribution to find
        sentence = marked[start:end]
        # quotes are sorted and do not nest, so those near the sentence are a slice
        near = quotes[
            max(0, bisect_left(quote_starts, start) - 1) : bisect_right(quote_starts, end + 1)
        ]
        in_quotes = [(s, e) for s, e in near if s >= start - 1 and e <= end + 1]
        touching = [(s, e) for s, e in near if s < end and e > start]
        speaker, reported = _attribute(article, sentence, start, in_quotes, touching)
        stated = speaker
        paragraph = paragraph_of(start)
        subject = cues.SUBJECT.match(sentence)
        if subject and any(qs <= start + subject.start("name") < qe for qs, qe in touching):
            subject = None  # "Doe lost me long ago,” he said": a name inside the quote
        if speaker is None and subject:
            # "Clinton touted her record: “...”" - the sentence's subject owns its quotes,
            # and the paragraph's quotes that follow, and is who a later "she said" means.
            follower = sentence[subject.end("name") :].split(None, 1)
            role_noun = (
                bool(follower) and cues.ROLE_WORD.fullmatch(follower[0].strip(":,")) is not None
            )
            owner = _POSSESSIVE.sub("", subject.group("name"))
            if owner != subject.group("name"):
                # "Doe's relatives said ...": not Doe's words, though a later "she" is Doe
                if article.plausible_subject(owner):
                    article.person(owner)
            elif not role_noun and article.plausible_subject(name := _asked(sentence, subject)):
                person = article.person(name)
                if person is not None:
                    last_paragraph_speaker[paragraph] = person
                    participle = cues.PARTICIPLE.search(sentence)
                    if participle:
                        person.attributed = True
                        reported = _reported_span(sentence, start, participle, in_quotes)
                    if in_quotes or participle:
                        speaker = person
        if speaker is None:
            continue
        last_paragraph_speaker[paragraph] = speaker
        for span in in_quotes:
            quote_owner[span] = speaker
            if speaker is stated:
                given.add(span)
        if reported:
            s, e = reported
            if not any(qs <= s < qe for qs, qe in quotes):
                speaker.quotes.append(Quote(text[s:e], s, e, "reported"))

    credited = _credit(article, quotes, quote_owner)
    given.update(span for span, owner in quote_owner.items() if owner in credited)
    # Quotes with no speaker in their own sentence: the paragraph's, else the one named last.
    owner_before: Speaker | None = None
    for span in sorted(quotes):
        if span in quote_owner:
            owner_before = quote_owner[span]
            continue
        paragraph = paragraph_of(span[0])
        quote_owner[span] = last_paragraph_speaker.get(paragraph) or owner_before
        owner_before = quote_owner[span] or owner_before
    for (s, e), speaker in quote_owner.items():
        if speaker is None:
            continue
        if (s, e) not in given and (len(text[s:e].split()) < 4 or _titled(text[s:e])):
            continue  # "vividly.", "The Revenant.": a fragment or a title nobody is said to say
        speaker.quotes.append(Quote(text[s:e], s, e, "direct"))
    # A person named with a speech verb is a speaker even when what they said is not quoted.
    speakers = [
        speaker
        for speaker in article.speakers.values()
        if (speaker.quotes or speaker.attributed)
        and not _always_with_article(text, speaker.name)
        and (" " in speaker.name or _lone_name_is_person(article, speaker) or speaker in credited)
    ]
    for speaker in speakers:
        speaker.quotes.sort(key=lambda q: q.start)
    return Finding(speakers, article.sources, article.work)


def _credit(
    article: _Article,
    quotes: list[tuple[int, int]],
    quote_owner: dict[tuple[int, int], Speaker | None],
) -> list[Speaker]:
    """Transcript turns and quotes signed with a dash, which name their speaker outright and so
    overrule what the sentences suggested. Returns the speakers credited so."""
    credited: list[Speaker] = []
    turns = credits.transcript_turns(article.text)
    asks = credits.interviewers(turns)
    full: dict[str, str] = {}
    for turn in turns:  # the fullest label of each surname
        name = credits.label_name(turn.label)
        if len(name) > len(full.get(credits.surname(turn.label), "")):
            full[credits.surname(turn.label)] = name
    starts = [s for s, _ in quotes]

    def between(start: int, end: int) -> list[tuple[int, int]]:
        return quotes[bisect_left(starts, start) : bisect_left(starts, end)]

    for turn in turns:
        inside = between(turn.start, turn.end)
        for span in inside:
            quote_owner[span] = None  # the turn holds them whole
        last = credits.surname(turn.label)
        if last in asks:
            continue  # an interviewer mostly asks: the questions are not statements to quote
        speaker = article.person(full[last])
        if speaker is None:
            continue
        speaker.attributed = True
        words = article.text[turn.start : turn.end]
        speaker.quotes.append(Quote(words, turn.start, turn.end, "direct"))
        credited.append(speaker)
    for name, start, end in credits.dash_credits(article.text):
        speaker = article.person(name)
        if speaker is None:
            continue
        speaker.attributed = True
        credited.append(speaker)
        for span in between(start, end):
            quote_owner[span] = speaker
    return credited


def _asked(sentence: str, subject: re.Match[str]) -> str:
    """The subject's name, without the 'Will' that opens a question ('Will Doe stay?')."""
    name = subject.group("name")
    if name.startswith("Will ") and sentence.rstrip().endswith("?"):
        return name[5:]
    return name


def _titled(words: str) -> bool:
    """A title of a work or a slogan set in capitals ('The Revenant.', 'Let's Get Loud'):
    every word of four letters or more starts with a capital."""
    long = [w for w in _TITLE_WORD.findall(words) if len(w) >= 4]
    return len(words.split()) >= 2 and bool(long) and all(w[0].isupper() for w in long)


def _one_is_end_of(a: str, b: str) -> bool:
    """'Wasserman Schultz' of 'Debbie Wasserman Schultz', 'J. Doe' of 'Ann J. Doe': one name
    is the other's last words."""
    wa, wb = a.casefold().split(), b.casefold().split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long[len(long) - len(short) :] == short


def _lone_name_is_person(article: _Article, speaker: Speaker) -> bool:
    """Whether a speaker known by one word only is a person; a full name found earlier in the
    article becomes the speaker's name."""
    fuller = article.earlier_full_name(speaker.name)
    if fuller:
        speaker.name = fuller
        return True
    text, word = article.text, re.escape(speaker.name)
    mentions = article.word_count(speaker.name)
    if mentions < 3 and not re.search(rf"\b{TITLE} {word}\b", text):
        return False  # never named in full nor with a title ("President Obama"): too little
    if re.search(rf"\b(?:in|from|across|to) {word}\b", text):
        return False  # "in Israel": a place that "said" is its government, not a person
    if re.search(rf"\b{word}(?:i|ian|n|ese|ic)\b|-based {word}\b|\b{word},? (?:{FIRM})", text):
        return False  # "Israeli", "Sacramento-based McClatchy", "McClatchy Co.": not a person
    if any(
        after.casefold() in ORG_WORDS for after in re.findall(rf"\b{word} ([A-Z][a-z]+)\b", text)
    ):
        return False  # "Alden Capital", "Tesla Motors": the name of a firm
    # "the Sixers": mostly with an article, so a team or an institution
    return (text.count(f"the {speaker.name}") + text.count(f"The {speaker.name}")) * 2 < mentions


def _always_with_article(text: str, name: str) -> bool:
    """'the Pentagon', 'the Afghan Taliban': a name the article never uses without 'the' is an
    institution, a team or a place."""
    mentions = text.count(name)  # a substring count: cheap, and a rare "Obamacare" is harmless
    return mentions > 0 and text.count(f"the {name}") + text.count(f"The {name}") == mentions


def _attribute(
    article: _Article,
    sentence: str,
    offset: int,
    quotes: list[tuple[int, int]],
    touching: list[tuple[int, int]],
) -> tuple[Speaker | None, tuple[int, int] | None]:
    """The sentence's speaker, and the span of what it reports (outside quotation marks).
    ``quotes`` lie inside the sentence; ``touching`` also holds quotes running past it."""
    # "According to Doe, ..." opens a sentence with a capital; "He" leaves "e" (see below)
    words = set(_WORD.findall(sentence))
    if sentence.lstrip().startswith("According"):
        words.add("according")
    has_verb = not words.isdisjoint(cues.VERB_WORDS)
    for match in cues.SOURCE.finditer(sentence) if not words.isdisjoint(cues.CITE_WORDS) else ():
        name = clean_name(match.group("name"))
        if name and not is_person(name) and name not in article.sources:
            article.sources.append(name)
    patterns = list(cues.PATTERNS[1:-1]) if has_verb else list(cues.VERBLESS)
    if has_verb and "who" in words:
        patterns.insert(0, cues.PATTERNS[0])
    if cues.STATEMENT_NOUN.search(sentence):
        patterns.append(cues.PATTERNS[-1])
    for pattern in patterns:
        position = 0
        while (match := pattern.search(sentence, position)) is not None:
            article.work += len(sentence) - position
            # A failed candidate ("secretary of State, John Foster Dulles, criticized") must not
            # swallow the name that follows it, so the search resumes one word on.
            position = sentence.find(" ", match.start("name") + 1)
            position = len(sentence) if position == -1 else position
            if any(qs - offset <= match.start("name") < qe - offset for qs, qe in touching):
                continue  # a name inside the quoted words is not the speaker
            follows = match.groupdict().get("appos") and cues.NAME_FOLLOWS.match(
                sentence, match.end()
            )
            if follows and is_person(clean_name(follows.group("name"))):
                # "Turkey, Poland, Bonaire, St Eustatius and Saba have been removed ..., said
                # Justice Secretary Humza Yousaf": the verb belongs to the name after it
                continue
            # ("the argument of Rep. X, who has suggested" is X's: only the plain subject counts)
            if pattern is cues.PATTERNS[0] and cues.NAME_THEN_PREPOSITION.search(
                sentence, 0, match.start("name")
            ):
                # "said Sen. Ann Doe of Norland, who ...": "who" is Doe, not (New) Norland
                position = match.end("name")
                continue
            if pattern is cues.PATTERNS[1] and (
                after := cues.AFTER_PREPOSITION.search(sentence, 0, match.start("name"))
            ):
                # "80 percent of California, said", "an aide to Hillary Clinton said": an
                # object, not the subject, and so is the rest of that name, unless what was
                # read as its first word is an office ("Secretary of State Hillary Clinton")
                lead = match.group("name").split()[0].casefold().rstrip(".")
                office = lead in ORG_WORDS or lead in TITLE_WORDS
                if not (office and after.group("preposition") == "of"):
                    position = match.end("name")
                continue
            if (
                pattern is cues.PATTERNS[1]
                and " " not in match.group("name")
                and not match.group("appos")
                and not sentence[: match.start("name")].strip()
                and _COMMA_VERB.match(sentence, match.end("name"))
            ):
                continue  # "Currently, said Dr. Al-Kahlot": the verb is the next name's
            joined = []
            if "and" in words and not sentence.startswith(("'", "’"), match.end("name")):
                joined = _joined_before(sentence, match.start("name"))
            if joined and cues.AFTER_PREPOSITION.search(sentence, 0, joined[-1][1]):
                # "voters in Alabama, Georgia and Virginia said": the list is an object
                position = match.end("name")
                continue
            speaker = article.person(match.group("name"), match.groupdict().get("appos"))
            if speaker is None:
                continue
            speaker.attributed = True
            if then := _THEN_PRONOUN.match(sentence, match.end()):
                article.vote(speaker, then.group(1))
            if joined:
                for name, _ in joined:
                    other = article.person(name)
                    if other is not None and other is not speaker:
                        other.attributed = True
                article.last = speaker
            return speaker, _reported_span(sentence, offset, match, quotes)
    # "he"/"she" lower-case, or "He"/"She" (which leave "e" in the word set)
    pronoun = not words.isdisjoint(("he", "she", "e", "him", "her"))
    if article.last is not None and pronoun:
        if (subject := cues.PRONOUN_SUBJECT.match(sentence)) and (
            participle := cues.PARTICIPLE.search(sentence)
        ):
            who = article.referent(_gender(subject.group(0)))
            return who, _reported_span(sentence, offset, participle, quotes) if who else None
        for pattern in (cues.PRONOUN_SAID, cues.SAID_PRONOUN, cues.ACCORDING_PRONOUN):
            match = pattern.search(sentence)
            if match:
                who = article.referent(_gender(match.group(0)))
                return who, _reported_span(sentence, offset, match, quotes) if who else None
    return None, None


def _gender(words: str) -> str | None:
    """'he' or 'she' for the first third-person pronoun in these words."""
    found = _PRONOUN.search(words)
    if found is None:
        return None
    return "he" if found.group(1) else "she"


def _joined_before(sentence: str, end: int) -> list[tuple[str, int]]:
    """The people listed with the speaker before it: 'Sens. Ann Doe (D-Ore.), Bob Roe and'
    before 'Cy Poe all suggested'; 'Eisenhower and his future secretary of State,' before 'John
    Foster Dulles'. Only a list that reaches the speaker through 'and' counts. Each name comes
    with where it starts."""
    joined = cues.COORDINATED.search(sentence, max(0, end - 200), end)
    if not joined:
        return []
    names = [(joined.group("name"), joined.start())]
    end = joined.start()
    while len(names) < 8:
        before = cues.LISTED.search(sentence, max(0, end - 200), end)
        if not before:
            break
        names.append((before.group("name"), before.start()))
        end = before.start()
    return names


def _reported_span(
    sentence: str, offset: int, match: re.Match[str], quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """What is reported, as a span of the text: the clause after 'said that' / 'according to
    X,', or the part of the sentence before ', he said'. None when those words are quoted:
    they are kept as direct quotes."""
    span = _reported_words(sentence, match, bool(quotes))
    if span is None:
        return None
    start, end = _whole_numbers(sentence, offset, offset + span[0], offset + span[1])
    # Reported words may hold a short quotation whole ('said Trump has “several ways” of'), but
    # never cut one, nor open or close on a stray mark.
    cuts = any(
        qs - 1 <= end and start <= qe + 1 and not (start < qs and qe < end) for qs, qe in quotes
    )
    words = sentence[span[0] : span[1]]
    stray = words.lstrip()[:1] in _QUOTE_MARKS or len(_QUOTE_MARK.findall(words)) % 2 == 1
    return None if cuts or stray else (start, end)


def _whole_numbers(sentence: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """Reported words never start or end inside a number: '44,947 megawatts', not '947
    megawatts'."""
    low, high = offset, offset + len(sentence)

    def inside(i: int) -> bool:  # between two characters of one number
        a, b = sentence[i - 1 - offset], sentence[i - offset]
        if a.isdigit() and b.isdigit():
            return True
        return (
            i - 2 >= low
            and i + 1 < high
            and a in ",."
            and sentence[i - 2 - offset].isdigit()
            and b.isdigit()
        ) or (b in ",." and a.isdigit() and i + 1 < high and sentence[i + 1 - offset].isdigit())

    while low < start < high and inside(start):
        start -= 1
    while low < end < high and inside(end):
        end += 1
    return start, end


def _reported_words(sentence: str, match: re.Match[str], quoted: bool) -> tuple[int, int] | None:
    after = sentence[match.end() :]
    # "said Thursday that ...", "said last month that ...": the clause starts after "that"
    that = _TIME_THEN_THAT.match(after)
    clause_start = match.end() + (that.end() if that else len(after) - len(after.lstrip(" ,:")))
    lead = sentence[: match.start()].rstrip()
    if "according" in match.group(0).lower() and lead.endswith(",") and len(lead.split()) >= 4:
        # "The port will close in May, according to Ann Doe of Acme.": what precedes
        return len(sentence) - len(sentence.lstrip()), len(lead) - 1
    opens_clause = (
        match.groupdict().get("that")
        or "according" in match.group(0).lower()
        or match.re is cues.PARTICIPLE
    )
    if opens_clause and len(after.split()) >= 3:
        return clause_start, len(sentence.rstrip())
    lead = sentence[: match.start()]
    if len(after.split()) >= 4 and len(lead.split()) <= 5 and not _QUOTE_OR_COMMA.search(lead):
        # "Manafort said Trump has several ways ...", "Port chair Ann Doe said the ...": the
        # clause after the verb
        return clause_start, len(sentence.rstrip())
    before = sentence[: match.start()].rstrip(" ,")
    # Only an attribution set off by a comma reports what precedes it, and only when it ends
    # the sentence or its own clause (", he said after meeting aides, because ..."): in "seeking
    # to show that Sanders had opposed a bill" or "the finale he hoped for" the words before
    # are not the speaker's.
    if quoted:
        return None  # 'Asked about it, Clinton said, "I do ..."': the quote is what she said
    set_off = sentence[: match.start()].rstrip().endswith(",") or sentence[match.start()] in ',”"'
    closes = len(after.split()) <= 6 or ("," in after and len(after.split(",")[0].split()) <= 8)
    if set_off and closes and len(before.split()) >= 4 and match.start() > len(sentence) // 3:
        return len(sentence) - len(sentence.lstrip()), len(before)
    return None
