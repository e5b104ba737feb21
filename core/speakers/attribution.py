"""One sentence's speaker: the cue patterns tried in turn on it, the checks that keep an
object, a list or a name inside the quoted words from being taken for the subject, and the
pronouns that point back to the person named last."""

from __future__ import annotations

import re

from core.speakers import cues
from core.speakers.article import _COMMA_VERB, _PRONOUN, _THEN_PRONOUN, _WORD, Speaker, _Article
from core.speakers.cues import PARTY
from core.speakers.names import NAME, ORG_WORDS, TITLE, TITLE_WORDS, clean_name, is_person
from core.speakers.reported import reported_span

_EMPLOYER = re.compile(r"\w['’]s?\s")  # "the Acme Institute's Ann Doe"
_DETERMINER_BEFORE = re.compile(r"(?:(?:^|(?<=\s))(?:the|a|an|these|those)|\d)\s+$", re.IGNORECASE)
# A clause of its own, not what the first speaker reported, opens before the second subject
_CLAUSE_OPENS = re.compile(
    r"\b(?:after|before|when|while|as|and|but|since|until|because|though|although|whereas|"
    r"where|then)\s+(?:[A-Z][\w.’'-]*\s+){0,4}$"
)
# A clause that opens the sentence before its main clause: "After Roe argued that ..., "
_OPENING_CLAUSE = re.compile(
    r"\s*(?:After|When|While|As|Before|Although|Though|Since|Because|Once|Until|Whereas)\s"
    r"(?=[^,“”\"]*?\s[a-z]{3,})[^,“”\"]{3,200}?,\s+"  # (a clause, with a verb: not "As Doe, ...")
)
# "..., said Ann Doe, ...": an inverted attribution earlier in the sentence
_SAID_BEFORE = re.compile(rf"[,”\"]\s*{cues.INVERTED}\s+(?:[\w.’'-]+\s+){{0,4}}?[A-Z]")
# ", said Ann Doe,": the verb inverted before a name set off by commas, which it belongs to (not
# ", said Roe’s plan ...": what the subject said)
_SAID_NAME = re.compile(rf",\s+{cues.INVERTED}\s+(?:{TITLE}\s+)?{NAME},")
_MORE = re.compile(rf",\s+(?P<name>(?:{TITLE}\s+)?{NAME})(?={PARTY}\s*(?:,|\s+and\b))")


def attribute(
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
    for cited in cues.SOURCE.finditer(sentence) if not words.isdisjoint(cues.CITE_WORDS) else ():
        name = clean_name(cited.group("name"))
        if name and not is_person(name) and name not in article.sources:
            article.sources.append(name)
    patterns = list(cues.PATTERNS[1:-1]) if has_verb else list(cues.VERBLESS)
    if has_verb and quotes and _inverted_at_quote(sentence, offset, quotes):
        # 'When Roe said ..., he “grabbed ...,” said Ann Doe': the verb at the quote's closing
        # mark names its speaker, before a subject earlier in the sentence
        patterns = patterns[1:4] + patterns[:1] + patterns[4:]
    if has_verb and "who" in words:
        patterns.insert(0, cues.PATTERNS[0])
    if "by" in words:  # ("Asked by Roe, ...": the participle may open the sentence)
        patterns.append(cues.PASSIVE)
    if "with" in words:
        patterns.append(cues.WITH_PARTICIPLE)
    if cues.STATEMENT_NOUN.search(sentence) and not (
        cues.SAID_PRONOUN.search(sentence) or cues.PRONOUN_SAID.search(sentence)
    ):
        # ("...,” he said, before Roe's announcement that ...": the pronoun is the speaker)
        patterns.append(cues.PATTERNS[-1])
    opened = 0  # where the main clause starts after an opening one that was passed over
    for pattern in patterns:
        if pattern is cues.COLON and ":" not in sentence:
            continue  # (its name and colon before a quote cost a try at every sentence)
        position = 0
        while (match := pattern.search(sentence, position)) is not None:
            article.work += len(sentence) - position
            # A failed candidate ("secretary of State, John Foster Dulles, criticized") must not
            # swallow the name that follows it, so the search resumes one word on.
            position = sentence.find(" ", match.start("name") + 1)
            position = len(sentence) if position == -1 else position
            if any(qs - offset <= match.start("name") < qe - offset for qs, qe in touching):
                continue  # a name inside the quoted words is not the speaker
            if (
                pattern is cues.COLON
                and match.group(0).endswith("‘")
                and len(match.group("name").split()) > 3
            ):
                continue  # a headline's single marks ("Ann Doe: ‘We Stay’"), not "Doe Wins Vote: ‘"
            # (after "told", "urged" the name is who was told)
            # (an inverted verb's description is not closed by a comma, so it may have been
            # cut short before a place: "said Ann Doe, who is running ... in Cleveland.")
            follows = (
                match.groupdict().get("appos")
                and pattern in (cues.PATTERNS[0], cues.PATTERNS[1])
                and _verb_of(match) not in cues.OBJECT_VERBS
                and cues.NAME_FOLLOWS.match(sentence, match.end())
            )
            if (
                pattern is cues.PATTERNS[1]
                and (opening := _OPENING_CLAUSE.match(sentence))
                and match.start("name") < opening.end()
                and (main := cues.PATTERNS[1].search(sentence, opening.end()))
                and not any(qs - offset <= main.start("name") < qe - offset for qs, qe in touching)
            ):
                # "After Roe argued that ..., Doe said only that his “numbers don't add up”":
                # the main clause's subject speaks the sentence's words; Roe spoke as well
                if (other := article.person(match.group("name"))) is not None:
                    other.attributed = True
                position = opening.end()
                opened = opening.end()
                continue
            if pattern is cues.PATTERNS[1] and _person_in_apposition(match.group("appos")):
                continue  # "A pastor backing Mr. Roe, Ann Doe of Acme, said": Doe speaks
            if follows and is_person(clean_name(follows.group("name"))):
                # "Turkey, Poland, Bonaire, St Eustatius and Saba have been removed ..., said
                # Justice Secretary Humza Yousaf": the verb belongs to the name after it
                continue
            # ("the argument of Rep. X, who has suggested" is X's: only the plain subject counts)
            if pattern is cues.PATTERNS[0] and (
                cues.NAME_THEN_PREPOSITION.search(sentence, 0, match.start("name"))
                or (
                    cues.AFTER_PREPOSITION.search(sentence, 0, match.start("name"))
                    and _SAID_BEFORE.search(sentence, 0, match.start("name"))
                )
            ):
                # "said Sen. Ann Doe of Norland, who ...": "who" is Doe, not (New) Norland, and
                # in "said Ann Doe, a backer of Sen. Bo Roe, who ..." it is Doe, not Roe (though
                # in "the argument of Rep. Roe, who has suggested" it is Roe)
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
            if (
                pattern is cues.PATTERNS[1]
                and not match.group("appos")
                and _SAID_NAME.match(sentence, match.end("name"))
            ):
                continue  # "And Roe, said Doe, who knows him, never forgives": Doe speaks
            if (
                pattern is cues.PATTERNS[1]
                and _DETERMINER_BEFORE.search(sentence, 0, match.start("name"))
                and not cues.OFFICE.match(match.group("name"))
                and not _EMPLOYER.search(match.group("name"))
            ):
                position = match.end("name")
                continue  # "the Benghazi attacks", "2012 Paris attacks": a noun, not a speaker
            if pattern in (cues.PATTERNS[0], cues.PATTERNS[1]) and _not_speech(match, sentence):
                continue  # "Doe added 25 points", "Roe pleaded not guilty": no words of theirs
            joined = []
            if not words.isdisjoint(("and", "as", "along")) and not sentence.startswith(
                ("'", "’"), match.end("name")
            ):
                joined = _joined_before(sentence, match.start("name"))
            if joined and cues.AFTER_PREPOSITION.search(sentence, 0, joined[-1][1]):
                # "voters in Alabama, Georgia and Virginia said": the list is an object
                position = match.end("name")
                continue
            before = article.last, list(article.recent)
            speaker = article.person(
                match.group("name"),
                match.groupdict().get("appos")
                or _lead_role(article, sentence, match.start("name")),
            )
            if speaker is None:
                continue
            speaker.attributed = True
            if then := _THEN_PRONOUN.match(sentence, match.end()):
                article.vote(speaker, then.group(1))
            if "and" in words and pattern in (cues.PATTERNS[2], cues.PATTERNS[3]):
                # '..., wrote Ann Doe, Bo Roe and Cy Poe.': the rest of the list after the name
                joined = joined + _listed_after(sentence, match.end("name"))
            if pattern is cues.PASSIVE and (
                answer := cues.PRONOUN_SAID.search(sentence, match.end())
                or cues.SAID_PRONOUN.search(sentence, match.end())
            ):
                # "Asked by Roe whether ..., she said": Roe asked, and "she" answers; she is
                # who was named before the asker
                article.last, article.recent = before
                who = article.referent(_gender(answer.group(0)))
                return who, reported_span(sentence, offset, answer, quotes) if who else None
            if pattern is cues.PASSIVE:
                # "The plan was criticized by Roe of Norland, who ...": what follows is not his
                return speaker, None
            if "by" in words and (asker := cues.PASSIVE.search(sentence, 0, match.start("name"))):
                # "Asked by host Roe whether ..., Doe said": Roe asked, and Doe's are the words
                joined = [*joined, (asker.group("name"), asker.start("name"))]
            if joined:
                for name, _ in joined:
                    other = article.person(name)
                    if other is not None and other is not speaker:
                        other.attributed = True
                article.last = speaker
            if pattern is cues.PATTERNS[1]:
                _also_speaking(article, sentence, offset, match.end(), touching)
                article.last = speaker
            reported = reported_span(sentence, offset, match, quotes)
            if reported and reported[0] < offset + opened:
                reported = None  # ("When Roe said it, Doe laughed": the opening is no report)
            return speaker, reported
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
    # "Ann Doe and former Mayor Bo Roe": words in lower case only before an office
    coordinated = cues.COORDINATED_OFFICE if cues.OFFICE.match(sentence, end) else cues.COORDINATED
    joined = coordinated.search(sentence, max(0, end - 200), end)
    if not joined or not is_person(clean_name(joined.group("name"))):
        return []  # "Ann Doe, head of the Acme Institute, and Bo Roe": an employer, not a list
    names = [(joined.group("name"), joined.start())]
    end = joined.start()
    while len(names) < 8:
        # "by Ann Doe and Bo Roe of Acme and Cy Poe": a list may go on with "and" as well
        before = cues.LISTED.search(sentence, max(0, end - 200), end) or cues.COORDINATED.search(
            sentence, max(0, end - 200), end
        )
        if not before:
            break
        names.append((before.group("name"), before.start()))
        end = before.start()
    return names


def _listed_after(sentence: str, end: int) -> list[tuple[str, int]]:
    """The people listed after the one an inverted verb leads to, each with where it starts."""
    listed = cues.LISTED_AFTER.match(sentence, end)
    if not listed:
        return []
    names = [(m.group("name"), end + m.start("name")) for m in _MORE.finditer(listed.group(0))]
    return names + [(listed.group("last"), listed.start("last"))]


def _also_speaking(
    article: _Article, sentence: str, offset: int, start: int, touching: list[tuple[int, int]]
) -> None:
    """Another subject of a verb of saying later in the sentence speaks too ('Doe weighed in
    hours after Roe said he was ...'), though the sentence's quotes stay with the first."""
    for match in cues.PATTERNS[1].finditer(sentence, start):
        at = match.start("name")
        if any(qs - offset <= at < qe - offset for qs, qe in touching):
            continue
        if cues.AFTER_PREPOSITION.search(sentence, 0, at) or match.group("appos"):
            continue
        if not _CLAUSE_OPENS.search(sentence, start, at):
            continue  # "Doe told the Times that Roe believes": Roe's belief is what Doe said
        other = article.person(match.group("name"))
        if other is not None:
            other.attributed = True
            article.later.append((offset + at, offset + match.end(), other))


def _person_in_apposition(appos: str | None) -> bool:
    """Whether an apposition is a person's full name, and home, and nothing else ('Ann Doe of
    Acme', not 'Democrat of Norland' nor 'Acme's Managing Editor')."""
    whole = cues.NAME_ONLY.fullmatch(appos.strip()) if appos else None
    if whole is None:
        return False
    name = whole.group("name")
    return " " in name and clean_name(name) == name and is_person(name)


# What follows a verb of saying when it says nothing: "added 25 points", "knocked down a three",
# "pleaded not guilty", "accused of lying", "charged with fraud"
_NOT_SPEECH = {
    "added": r"(?:[$£€]\s?)?\d", "adds": r"(?:[$£€]\s?)?\d", "knocked": r"(?:down|out|off|over)\b",
    "knocks": r"(?:down|out|off|over)\b", "pleaded": r"(?:not\s+)?guilty\b|no\s+contest\b",
    "accused": r"of\b", "charged": r"with\b", "cited": r"for\b",
}  # fmt: skip
_NOT_SPEECH_AFTER = {verb: re.compile(rf"\s+(?:{after})") for verb, after in _NOT_SPEECH.items()}


def _not_speech(match: re.Match[str], sentence: str) -> bool:
    after = _NOT_SPEECH_AFTER.get(_verb_of(match))
    return after is not None and after.match(sentence, match.end()) is not None


# "Wild coach Ann Doe said", "Taliban spokesman Bo Roe", "CEO Cy Poe": an office, and its
# employer in capitals, written before the name
_LEAD_ROLE = re.compile(
    rf"(?:^|(?<=[\s(“\"]))(?P<role>(?:[A-Z][\w.&’'-]*\s+){{0,3}}(?:[a-z][\w-]*\s+){{0,2}}?"
    rf"(?:{cues.ROLES}|CEO|CFO|COO|CTO))\s+$"
)


def _lead_role(article: _Article, sentence: str, name_start: int) -> str | None:
    window = sentence[max(0, name_start - 80) : name_start]
    lead = _LEAD_ROLE.search(window)
    if lead is None:
        return None
    role = lead.group("role")
    first = role.split()[0]
    if first.casefold() in {"the", "and", "or", "but", "said", "says"}:
        return None  # ("said the Wild coach": "the" is no office; "and coach": a list goes on)
    if not sentence[: name_start - len(window) + lead.start()].strip() and article.common_word(
        first
    ):
        # "High school teacher Ann Doe said": the capital only opens the sentence
        role = first.casefold() + role[len(first) :]
    return role


def _verb_of(match: re.Match[str]) -> str:
    """The verb a cue pattern ended on ('told' of 'Ann Doe, 54, told')."""
    words = match.group(0).removesuffix(match.groupdict().get("that") or "").split()
    return words[-1] if words else ""


def _inverted_at_quote(sentence: str, offset: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether an inverted verb of saying ('said', 'wrote') follows a quote's closing mark."""
    for _, end in quotes:
        at = end - offset + 1
        if 0 < at < len(sentence) and cues.INVERTED_AT.match(sentence, at):
            return True
    return False
