"""Who is quoted in an article and what they said, found by rules: quotation marks, speech
verbs, appositions (``Niu Yibing, deputy head of the Office ..., said``), ``according to``, and
pronouns resolved to the person last named. Outlets that are cited (``China Daily reported``)
are sources, kept apart from speakers.

English only: an article in another script yields no suggestions rather than nonsense.
The cues live in ``cues``, one sentence's attribution in ``attribution``, what makes a name a
person's in ``names``, and the spans of quotes and sentences in ``segments``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from core.speakers import credits, cues
from core.speakers.article import (  # Quote, Speaker and Finding are re-exported
    _NOT_ASCII_LETTER,
    _OTHER_LETTERS,
    _POSSESSIVE,
    _TITLE_WORD,
    _WORD,
    MAX_SENTENCE,
    MAX_TEXT,
    Finding,
    Kind,
    Quote,
    Speaker,
    _Article,
    _title_case,
)
from core.speakers.attribution import attribute
from core.speakers.english import reads_as_english
from core.speakers.lone_names import lone_name_is_person
from core.speakers.names import (
    NAME,
)
from core.speakers.places import is_place
from core.speakers.reported import reported_span
from core.speakers.segments import (
    labelled_single_quotes,
    marked_quotes,
    paragraph_index,
    quote_spans,
    sentence_spans,
)

# "she said", "said he": a pronoun and a plain verb of saying (not "what he called ...")
_SHE_SAID = re.compile(
    r"\b(?:[Hh]e|[Ss]he)\s+(?:said|says|added|adds|told|tells|wrote|writes|asked|asks|replied|"
    r"continued|explained|explains|declared|declares|noted|notes|argued|argues|insisted|"
    r"insists|recalled|recalls|tweeted|stated|states)\b"
    r"|\b(?:said|says|added|wrote|asked|replied)\s+(?:he|she)\b"
)

# The end of a clause cut before another subject: "..., and", "hours after"
_CLAUSE_TAIL = re.compile(r"[\s,;]*(?:\b(?:and|but|while|as|after|before|when|since)\b[\s,]*)*$")

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
    if not reads_as_english(head):
        return Finding([], [])  # German, French, Spanish...: the Latin script, other words
    # Some papers print ``quotes like this''; same-length stand-ins keep every offset.
    marked = marked_quotes(text)
    quotes = quote_spans(marked)
    if singles := labelled_single_quotes(marked):
        quotes = sorted(
            quotes + [q for q in singles if not any(s < q[1] and q[0] < e for s, e in quotes)]
        )
    quote_owner: dict[tuple[int, int], Speaker | None] = {}
    given: set[tuple[int, int]] = set()  # quotes whose own sentence names who says them
    paragraph_of = paragraph_index(text)
    last_paragraph_speaker: dict[int, Speaker] = {}
    # where each sentence with a speaker starts (None: one the article does not name)
    spoke_at: list[tuple[int, Speaker | None]] = []

    _headline_speakers(article)
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
        _subject_first(article, sentence, start, touching)
        article.later = []
        speaker, reported = attribute(article, sentence, start, in_quotes, touching)
        stated = speaker
        paragraph = paragraph_of(start)
        # (the subject matters only to a sentence whose speaker the cues did not find)
        subject = cues.SUBJECT.match(sentence) if speaker is None else None
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
                    participle = cues.PARTICIPLE.search(sentence) or cues.AND_VERB.search(
                        sentence, subject.end("name")
                    )
                    if participle:
                        person.attributed = True
                        reported = reported_span(sentence, start, participle, in_quotes)
                        # ('Doe quit, telling aides she had “renewed faith”': the sentence says
                        # who said the words, short as they are)
                        stated = person
                    if in_quotes or participle:
                        speaker = person
        if speaker is None:
            if in_quotes and _unnamed_source(sentence, start, touching):
                # ('“...,” the source said. “...”': the words go on being nobody's to suggest)
                for span in in_quotes:
                    quote_owner[span] = None
                last_paragraph_speaker.pop(paragraph, None)
                spoke_at.append((start, None))
            continue
        last_paragraph_speaker[paragraph] = speaker
        spoke_at.append((start, speaker))
        for span in in_quotes:
            # ('Doe accuses Roe of “...” and Poe says he is “...”': the quotes after Poe's verb
            # are Poe's)
            quote_owner[span] = next(
                (other for _, at, other in reversed(article.later) if at <= span[0]), speaker
            )
            if speaker is stated:
                given.add(span)
        if speaker is stated:
            for span in _across(marked, start, end, touching, in_quotes, given):
                quote_owner[span] = speaker
                given.add(span)
        if reported and article.later and reported[0] < article.later[0][0] < reported[1]:
            # what the first subject reported ends where the second subject's clause begins
            cut = _CLAUSE_TAIL.sub("", text[reported[0] : article.later[0][0]])
            reported = (reported[0], reported[0] + len(cut)) if len(cut.split()) >= 3 else None
        if reported:
            s, e = reported
            if not any(qs <= s < qe for qs, qe in quotes):
                speaker.quotes.append(Quote(text[s:e], s, e, "reported"))

    credited = _credit(article, quotes, quote_owner, given)
    given.update(span for span, owner in quote_owner.items() if owner in credited)
    # Quotes with no speaker in their own sentence: the paragraph's, else the one who spoke last.
    owner_before: Speaker | None = None
    for span in sorted(quotes):
        if span in quote_owner:
            owner_before = quote_owner[span]
            continue
        paragraph = paragraph_of(span[0])
        # ('Doe said that ... .\n\n“That is why ...”': the last to speak shortly before, quoted
        # or not: within four line breaks, two paragraphs as printed with blank lines between)
        i = bisect_left(spoke_at, span[0], key=lambda x: x[0]) - 1
        recent = i >= 0 and paragraph_of(spoke_at[i][0]) >= paragraph - 4
        latest = spoke_at[i][1] if recent else None
        quote_owner[span] = last_paragraph_speaker.get(paragraph) or latest or owner_before
        owner_before = quote_owner[span] or owner_before
    kept_before: tuple[Speaker, int] | None = None  # the last quote kept, and its paragraph
    for (s, e), speaker in sorted(quote_owner.items()):
        if speaker is None:
            continue
        # '“...,” said Doe. “That's Ann Roe and Bo Poe.”': the same speaker going on, not a title
        goes_on = kept_before == (speaker, paragraph_of(s))
        if (s, e) not in given and (
            len(text[s:e].split()) < 4 or (_titled(text[s:e]) and not goes_on)
        ):
            continue  # "vividly.", "The Revenant.": a fragment or a title nobody is said to say
        speaker.quotes.append(Quote(text[s:e], s, e, "direct"))
        kept_before = (speaker, paragraph_of(s))
    # A person named with a speech verb is a speaker even when what they said is not quoted.
    speakers = [
        speaker
        for speaker in article.speakers.values()
        if (speaker.quotes or speaker.attributed)
        and not _always_with_article(text, speaker.name)
        and not is_place(speaker.name)  # "Puerto Rico asked", "Beijing said": a government
        and (" " in speaker.name or lone_name_is_person(article, speaker) or speaker in credited)
    ]
    for speaker in speakers:
        speaker.quotes.sort(key=lambda q: q.start)
    return Finding(speakers, article.sources, article.work)


def _credit(
    article: _Article,
    quotes: list[tuple[int, int]],
    quote_owner: dict[tuple[int, int], Speaker | None],
    given: set[tuple[int, int]],
) -> list[Speaker]:
    """Transcript turns, quotes signed with a dash and posts signed with a name and a handle,
    which name their speaker outright and so overrule what the sentences suggested. Returns the
    speakers credited so."""
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
        signed = [span for span in between(start, end) if span not in given]
        if not signed:
            continue  # 'Doe said he would "stay."--Ann Roe.': the writer's byline, not a signature
        speaker = article.person(name)
        if speaker is None:
            continue
        speaker.attributed = True
        credited.append(speaker)
        for span in signed:
            quote_owner[span] = speaker
    for name, start, end in credits.signed_posts(article.text):
        speaker = article.person(name)
        if speaker is None or between(start, end):
            continue  # (quotation marks inside: the dash credits above have them)
        speaker.attributed = True
        credited.append(speaker)
        speaker.quotes.append(Quote(article.text[start:end], start, end, "direct"))
    return credited


# A headline Set In Capitals on a line of its own, after an optional list number
_TITLED_LINE = re.compile(
    r"^[^\S\n]*(?:\d{1,3}[.)]?[^\S\n]+)?(?P<line>[A-Z][^\n]{8,160}?)[^\S\n]*$", re.M
)


def _unnamed_source(sentence: str, start: int, touching: list[tuple[int, int]]) -> bool:
    """Whether the sentence says its words come from someone it does not name or a body that
    is not a person: outside its quotes ('“Not once has an adviser said ...”' is a quote), and
    not as an object ('an email to his supporters notes')."""
    for match in cues.UNNAMED_SOURCE.finditer(sentence):
        at = start + match.start()
        if any(qs <= at < qe for qs, qe in touching):
            continue
        if cues.AFTER_PREPOSITION.search(sentence, 0, match.start()):
            continue
        return True
    return False


def _headline_speakers(article: _Article) -> None:
    """'Ann Doe Explained Why She Left', 'Bo Roe Says Port Will Close': a headline Set In
    Capitals whose subject is a person and whose verb is one of saying names a speaker, where
    the article's prose names that person too."""
    for match in _TITLED_LINE.finditer(article.text):
        line = match.group("line")
        words = line.split(None, 6)[:6]
        # (the cheap test first: a capitalised verb of saying as its third to fifth word)
        verbs = [
            i
            for i in range(2, min(5, len(words)))
            if words[i][:1].isupper() and words[i].rstrip(":,").casefold() in cues.VERB_WORDS
        ]
        if not verbs or not _title_case(line):
            continue
        words, i = line.split(), verbs[0]
        name = " ".join(words[:i])
        passive = i + 1 < len(words) and words[i + 1].casefold() in {"of", "by", "as"}
        if (
            not passive  # 'Ann Doe Accused Of ...', 'Doe Praised By Roe'
            and re.fullmatch(NAME, name)
            and article.plausible_subject(name)
            and article.word_count(words[i - 1]) >= 2
            and (speaker := article.person(name)) is not None
        ):
            speaker.attributed = True


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


def _always_with_article(text: str, name: str) -> bool:
    """'the Pentagon', 'the Afghan Taliban': a name the article never uses without 'the' is an
    institution, a team or a place."""
    mentions = text.count(name)  # a substring count: cheap, and a rare "Obamacare" is harmless
    return mentions > 0 and text.count(f"the {name}") + text.count(f"The {name}") == mentions


def _across(
    text: str,
    start: int,
    end: int,
    touching: list[tuple[int, int]],
    inside: list[tuple[int, int]],
    given: set[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Quotes of several sentences that this sentence attributes from outside the marks: one
    that closes here before '..., Doe says.', or opens here after 'Doe said, “Sure.' and runs
    on. Quotes another sentence already gave to someone keep their speaker."""
    found = []
    for span in touching:
        if span in given or span in inside:
            continue
        s, e = span
        if s < start - 1 and e <= end + 1 and _WORD.search(text, e, end):
            found.append(span)  # the words after the closing mark attribute it
        elif s >= start - 1 and e > end + 1 and _WORD.search(text, start, s):
            found.append(span)  # the words before the opening mark attribute it
    return found


def _subject_first(
    article: _Article, sentence: str, start: int, touching: list[tuple[int, int]]
) -> None:
    """'Ann Doe named a show as her favourite. “Lights,” she said': when one sentence holds a
    subject and, after it, 'she said', the subject is who 'she' means."""
    if not _SHE_SAID.search(sentence, 12):
        return
    subject = cues.SUBJECT.match(sentence)
    if subject is None or any(qs <= start + subject.start("name") < qe for qs, qe in touching):
        return
    name = subject.group("name")
    if _POSSESSIVE.sub("", name) == name and article.plausible_subject(_asked(sentence, subject)):
        article.person(_asked(sentence, subject))
