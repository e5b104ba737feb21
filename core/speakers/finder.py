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

from core.speakers import credits, cues
from core.speakers.article import (  # Quote, Speaker and Finding are re-exported
    _COMMA_VERB,
    _NOT_ASCII_LETTER,
    _OTHER_LETTERS,
    _POSSESSIVE,
    _PRONOUN,
    _THEN_PRONOUN,
    _TITLE_WORD,
    _WORD,
    MAX_SENTENCE,
    MAX_TEXT,
    Finding,
    Kind,
    Quote,
    Speaker,
    _Article,
)
from core.speakers.names import (
    FIRM,
    ORG_WORDS,
    TITLE,
    TITLE_WORDS,
    clean_name,
    is_person,
)
from core.speakers.reported import reported_span
from core.speakers.segments import paragraph_index, quote_spans, sentence_spans

__all__ = ["MAX_SENTENCE", "MAX_TEXT", "Finding", "Kind", "Quote", "Speaker", "find"]


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
                        reported = reported_span(sentence, start, participle, in_quotes)
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
            return speaker, reported_span(sentence, offset, match, quotes)
    # "he"/"she" lower-case, or "He"/"She" (which leave "e" in the word set)
    pronoun = not words.isdisjoint(("he", "she", "e", "him", "her"))
    if article.last is not None and pronoun:
        if (subject := cues.PRONOUN_SUBJECT.match(sentence)) and (
            participle := cues.PARTICIPLE.search(sentence)
        ):
            who = article.referent(_gender(subject.group(0)))
            return who, reported_span(sentence, offset, participle, quotes) if who else None
        for pattern in (cues.PRONOUN_SAID, cues.SAID_PRONOUN, cues.ACCORDING_PRONOUN):
            match = pattern.search(sentence)
            if match:
                who = article.referent(_gender(match.group(0)))
                return who, reported_span(sentence, offset, match, quotes) if who else None
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
