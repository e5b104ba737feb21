"""Who is quoted in an article and what they said, found by rules: quotation marks, speech
verbs, appositions (``Niu Yibing, deputy head of the Office ..., said``), ``according to``, and
pronouns resolved to the person last named. Outlets that are cited (``China Daily reported``)
are sources, kept apart from speakers.

English only: an article in another script yields no suggestions rather than nonsense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["direct", "reported"]
MAX_TEXT = 400_000  # characters looked at; a 2 MB text is cut, not choked on

VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|explained|explains|argued|"
    "argues|asked|asks|wrote|writes|tweeted|tweets|warned|warns|stressed|stresses|insisted|"
    "insists|declared|declares|claimed|claims|continued|recalled|acknowledged|acknowledges|"
    "remarked|replied|replies|responded|responds|announced|announces|complained|conceded|"
    "contended|observed|suggested|suggests|urged|urges|emphasized|emphasised|emphasizes|"
    "emphasises|predicted|joked|admitted|admits|pointed out|points out|went on|made a speech|"
    "told reporters|said in a statement|wrote in|"
    # positions and beliefs, which attribution studies count as sources too
    "believes|believed|thinks|thought|wants|wanted|hopes|hoped|fears|feared|vowed|vows|"
    "promised|promises|pledged|pledges|criticized|criticised|criticizes|praised|praises|"
    "attacked|attacks|accused|accuses|proposed|proposes|rejected|rejects|supports|opposes|"
    "opposed|called for|calls for|dismissed|dismisses|defended|defends|blamed|blames|"
    "touted|touts|assailed|denounced|countered|conceded|acknowledged|agreed|agrees|"
    "disagreed|demanded|demands|repeated|repeats|cautioned|reiterated|predicted|calls|called|"
    # silence is an answer too
    "did not respond|declined to comment|declined to say|could not be reached|did not return"
)
_VERB = rf"(?:{VERBS})\b"
_TITLE = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|Sgt|St)\.?|President|"
    r"Senator|Governor|Representative|Secretary|Minister|Prime Minister|Chancellor|Judge|"
    r"Justice|Mayor|Chairman|Chairwoman|Speaker|Sheriff|Professor|Ambassador|Pastor|"
    r"Congressman|Congresswoman|Vice President|Former President|Dean|Director|Attorney General)"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAMEWORD = (
    rf"(?:[{_UPPER}](?:[^\W\d_A-Z]|['’\-](?=[^\W\d_]))+(?:[A-Z][a-z'’\-]+)?"
    rf"|[A-Z]\.|[A-Z][A-Z]+(?=[\s,]))"
)
_PARTICLE = r"(?:de|del|della|van|von|der|da|di|la|le|bin|al|ibn|dos|du)"
NAME = rf"(?:{_NAMEWORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAMEWORD}){{0,3}})"
_NAME_RE = re.compile(rf"(?:{_TITLE}\s+)?({NAME})")
_PRONOUN = r"(?:he|she|He|She)"
_ORG_WORDS = {
    "daily", "news", "times", "post", "journal", "ministry", "office", "commission",
    "committee", "party", "agency", "council", "department", "university", "institute",
    "association", "corporation", "inc", "group", "bank", "reuters", "xinhua", "tass",
    "press", "media", "network", "center", "centre", "house", "senate", "congress", "court",
    "police", "army", "government", "administration", "campaign", "foundation", "company",
    "tribune", "herald", "telegraph", "guardian", "monitor", "review", "magazine",
    "radio", "television", "tv", "cnn", "bbc", "fox", "nbc", "abc", "cbs", "msnbc", "npr",
    "ap", "afp", "union", "republicans", "democrats", "gop", "fbi", "cia", "nato", "un",
    "federation", "organization", "organisation", "service", "services", "state", "states",
    "board", "bureau", "club", "league", "church", "school", "hospital", "clinic", "fund",
    "trust", "society", "webinar", "forum", "summit", "conference", "twitter",
    "facebook", "instagram", "youtube", "google", "microsoft", "apple", "amazon",
}  # fmt: skip
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "when", "while", "after",
    "before", "this", "that", "these", "those", "it", "its", "his", "her", "their", "our",
    "we", "they", "i", "you", "he", "she", "there", "here", "what", "who", "why", "how",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mr", "mrs", "ms", "dr", "sen", "rep", "gov",
    "president", "senator", "governor", "secretary", "minister", "according", "as", "for",
    "asked", "speaking", "meanwhile", "still", "yet", "so", "also", "then", "now", "last",
    "next", "first", "new", "more", "many", "most", "some", "all", "both", "each", "every",
    "one", "two", "three", "covid", "coronavirus", "china", "russia", "chinese", "russian",
    "american", "americans", "america", "washington", "iowa", "democratic", "republican",
    "democrat", "republicans", "democrats", "god", "yes", "no", "not", "with", "from",
    "whenever", "wherever", "whatever", "let", "my", "your", "let's", "please", "thank",
    "within", "inside", "outside", "across", "during", "under", "over", "despite", "among",
    "amid", "through", "throughout", "without", "about", "above", "below", "near", "by",
    "thanks", "well", "oh", "look", "listen", "because", "although", "though", "since",
}  # fmt: skip
_LEADING = {
    "even", "only", "just", "former", "then", "today", "yesterday", "still", "now", "although",
    "because", "since", "though", "later", "earlier", "also", "and", "but", "so", "when",
    "while", "as", "if", "indeed", "instead", "meanwhile", "unlike", "like", "with", "for",
    "rival", "fellow", "candidate", "nominee", "sen.", "rep.", "gov.", "democrat", "republican",
}  # fmt: skip
_FULL_NAME = re.compile(rf"\b({_NAMEWORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAMEWORD}){{1,3}})\b")
_SURNAME_PARTS = {"abu", "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "le", "la"}
_QUOTE_PAIRS = {"“": '”"', '"': '"”', "«": "»", "„": '“"'}  # opener: closers it takes


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


def _is_person(name: str) -> bool:
    words = name.split()
    if not words or words[0].casefold().rstrip(".") in _NOT_NAMES:
        return False
    if any(w.casefold().strip(".,'’") in _ORG_WORDS for w in words):
        return False
    if any("-" in w and w.split("-")[-1].islower() for w in words):
        return False  # "Florida-based"
    if any(w.isupper() and len(w) > 2 for w in words):
        return False  # "PAC Priorities"
    if len(words) == 1 and (len(name) < 3 or name.isupper() or name.endswith("ans")):
        return False
    return True


_TITLE_WORDS = {
    "director", "leader", "governor", "senator", "president", "secretary", "minister",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "chief", "speaker", "mayor", "judge",
    "justice", "ambassador", "commissioner", "attorney", "general", "sen.", "rep.", "gov.",
}  # fmt: skip


def _clean_name(name: str) -> str:
    words = name.strip().split()
    # "FBI Director James Comey" -> "James Comey": what precedes a title is its office.
    for i in range(len(words) - 2, -1, -1):
        if words[i].casefold() in _TITLE_WORDS:
            words = words[i + 1 :]
            break
    # A capital at the start of a sentence is not a name: "Even Lindsey Graham said".
    while len(words) > 1 and words[0].casefold() in _LEADING:
        words = words[1:]
    name = re.sub(rf"^{_TITLE}\s+", "", " ".join(words))
    return re.sub(r"['’]s$", "", name).strip(" ,.")


def _split_role(apposition: str) -> tuple[str | None, str | None]:
    """'deputy head of the Office of X' -> ('deputy head', 'Office of X')."""
    text = " ".join(apposition.split()).strip(" ,")
    if not text or len(text.split()) > 25:
        return None, None
    match = re.match(r"^(?:the |a |an )?(.+?)\s+(?:of|at|for|with)\s+(?:the\s+)?(.+)$", text)
    if match and match.group(2)[:1].isupper():
        return match.group(1), match.group(2)
    match = re.match(r"^(?:the |a |an )?([A-Z][\w&.'’ -]+?)\s+([a-z][\w -]+)$", text)
    if match:  # "China Daily publisher"
        return match.group(2), match.group(1)
    return text, None


class _Article:
    def __init__(self, text: str) -> None:
        self.text = text[:MAX_TEXT]
        self.speakers: dict[str, Speaker] = {}
        self.sources: list[str] = []
        self.last: Speaker | None = None
        self._full_names: dict[str, str] | None = None

    # -- people ---------------------------------------------------------------------------

    def person(self, raw: str, role: str | None = None) -> Speaker | None:
        name = _clean_name(raw)
        if not _is_person(name):
            return None
        surname = name.split()[-1].casefold()
        first = name.split()[0].casefold() if len(name.split()) > 1 else None
        if first in _SURNAME_PARTS:
            first = None  # "Abu Hatab" is Walid Abu Hatab's surname, not another first name
        for known in self.speakers.values():
            known_first = known.name.split()[0].casefold() if len(known.name.split()) > 1 else None
            if known.surname == surname and (first is None or known_first in (None, first)):
                if len(name) > len(known.name):
                    known.name = name  # the fullest form the article uses
                speaker = known
                break
        else:
            speaker = Speaker(name)
            self.speakers[name] = speaker
        if role and not speaker.role:
            speaker.role, speaker.organisation = _split_role(role)
        self.last = speaker
        return speaker

    def plausible_subject(self, raw: str) -> bool:
        """A capitalised word opening a sentence is a person only when the article shows it
        is one: a full name, or a surname it has already named in full."""
        name = _clean_name(raw)
        if not _is_person(name) or re.search(r"['’][a-z]+$", name):
            return False
        if len(name.split()) > 1 or raw.strip() != name:  # "Sen. Cruz" carries a title
            return True
        return any(s.surname == name.casefold() for s in self.speakers.values()) or bool(
            self.earlier_full_name(name)
        )

    def earlier_full_name(self, surname: str) -> str | None:
        """The first full name in the article that ends with this surname."""
        if self._full_names is None:
            self._full_names = {}
            for match in _FULL_NAME.finditer(self.text):
                candidate = _clean_name(match.group(1))
                words = candidate.split()
                if 1 < len(words) <= 4 and _is_person(candidate):
                    self._full_names.setdefault(words[-1].casefold(), candidate)
        return self._full_names.get(surname.casefold())


def _quotes(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (marks excluded); a quote left open at a paragraph's end
    goes on in the next paragraph when that one opens with a mark, as newspapers print it."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _QUOTE_PAIRS and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            close = _QUOTE_PAIRS[ch]
            j = i + 1
            while j < n and text[j] not in close:
                if text[j] == "\n":
                    k = j
                    while k < n and text[k] in "\n ":
                        k += 1
                    if k < n and text[k] == ch:  # continued quote paragraph
                        spans.append((i + 1, j))
                        i, j = k, k + 1
                        continue
                    break
                j += 1
            if j < n and text[j] in close and j - i > 1:
                spans.append((i + 1, j))
                i = j + 1
                continue
            i = j if j > i else i + 1
            continue
        i += 1
    return [
        (s, e) for s, e in spans if len(text[s:e].split()) >= 3 or text[s:e].endswith((".", ","))
    ]


_SENT_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘(]?[A-Z])|\n+")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENT_END.finditer(text):
        before = text[max(start, match.start() - 4) : match.start()]
        if re.search(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|Jr|Sr|U\.S|[A-Z])\.$", before):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find(text: str) -> Finding:
    """Speakers with their quotes, and cited sources, for one article."""
    article = _Article(text or "")
    text = article.text
    letters = [c for c in text[:3000] if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) / len(letters) < 0.8:
        return Finding([], [])  # not English: no suggestions rather than nonsense
    # Some papers print ``quotes like this''; same-length stand-ins keep every offset.
    marked = text.replace("``", ' "').replace("''", '" ')
    quotes = _quotes(marked)
    quote_owner: dict[tuple[int, int], Speaker] = {}
    paragraph_of = _paragraph_index(text)
    last_paragraph_speaker: dict[int, Speaker] = {}

    for start, end in _sentences(marked):
        sentence = marked[start:end]
        in_quotes = [(s, e) for s, e in quotes if s >= start - 1 and e <= end + 1]
        speaker, reported = _attribute(article, sentence, start, in_quotes)
        paragraph = paragraph_of(start)
        subject = _SUBJECT.match(sentence)
        if speaker is None and subject:
            # "Clinton touted her record: “...”" - the sentence's subject owns its quotes,
            # and the paragraph's quotes that follow, and is who a later "she said" means.
            if article.plausible_subject(subject.group("name")):
                person = article.person(subject.group("name"))
                if person is not None:
                    last_paragraph_speaker[paragraph] = person
                    if in_quotes:
                        speaker = person
        if speaker is None:
            continue
        last_paragraph_speaker[paragraph] = speaker
        for span in in_quotes:
            quote_owner[span] = speaker
        if reported:
            s, e = reported
            if not any(qs <= s < qe for qs, qe in quotes):
                speaker.quotes.append(Quote(text[s:e], s, e, "reported"))

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
        if speaker is not None:
            speaker.quotes.append(Quote(text[s:e], s, e, "direct"))
    # A person named with a speech verb is a speaker even when what they said is not quoted.
    speakers = [sp for sp in article.speakers.values() if sp.quotes or sp.attributed]
    kept = []
    for speaker in speakers:
        speaker.quotes.sort(key=lambda q: q.start)
        if len(speaker.name.split()) == 1:
            fuller = article.earlier_full_name(speaker.name)
            if fuller:
                speaker.name = fuller
            elif len(re.findall(rf"\b{re.escape(speaker.name)}\b", text)) < 3:
                continue  # a lone capitalised word, never named in full: not enough to go on
            elif re.search(rf"\b(?:in|from|across|to) {re.escape(speaker.name)}\b", text):
                continue  # "in Israel": a place that "said" is its government, not a person
        kept.append(speaker)
    speakers = kept
    return Finding(speakers, article.sources)


def _paragraph_index(text: str):
    breaks = [m.start() for m in re.finditer(r"\n", text)]

    def index(position: int) -> int:
        lo, hi = 0, len(breaks)
        while lo < hi:
            mid = (lo + hi) // 2
            if breaks[mid] < position:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return index


_ROLES = (
    r"strategist|spokesman|spokeswoman|spokesperson|adviser|advisor|analyst|director|chairman|"
    r"chairwoman|official|professor|historian|economist|secretary|senator|representative|"
    r"governor|leader|aide|pollster|consultant|manager|president|founder|attorney|lawyer|"
    r"executive|editor|reporter|correspondent|minister|ambassador|mayor|chief|head|member|"
    r"organizer|activist|expert|researcher|scientist|operative|chair|candidate|nominee"
)
_PARTY = r"(?:\s*\([A-Z][^()]{0,18}\))?"  # Rep. Earl Blumenauer (D-Ore.) said
_APPOS = r"(?:,\s+(?P<appos>[^,“”\"]{3,160}?(?:,\s+[A-Z][^,“”\"]{2,80}?)*?),)?"
_ADVERB = (
    r"(?:\s+(?:also|later|then|again|once|previously|in turn|however|further|has|have|had|"
    r"has also|[a-z]+ly),?){0,2}"
)
# Clinton: "Our goal is ..."
_COLON = re.compile(rf"^\s*(?P<name>(?:{_TITLE}\s+)?{NAME}){_PARTY}:\s*[\"“]")
_PATTERNS = [
    # Franklin Graham, who has publicly vowed ...
    re.compile(
        rf"(?P<name>(?:{_TITLE}\s+)?{NAME}){_PARTY},\s+who{_ADVERB}\s+{_VERB}(?P<that>\s+that)?"
    ),
    # Niu Yibing, deputy head of the Office of ..., (also) said (that) ...
    re.compile(
        rf"(?P<name>(?:{_TITLE}\s+)?{NAME}){_PARTY}{_APPOS}(?:,\s*in turn,)?{_ADVERB},?\s+{_VERB}"
        r"(?P<that>\s+that)?"
    ),
    # "...," said Florida-based Republican strategist Al Cardenas.
    re.compile(rf"[,”\"]\s*{_VERB}\s+(?:[\w.'’-]+\s+){{0,4}}?(?:{_ROLES})\s+(?P<name>{NAME})"),
    # ..., said Jane Roe, an analyst at X.
    re.compile(
        rf"[,”\"]\s*{_VERB}\s+(?P<name>(?:{_TITLE}\s+)?{NAME})(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}))?"
    ),
    _COLON,
    # According to Jane Roe, ...
    re.compile(
        rf"[Aa]ccording to (?P<name>(?:{_TITLE}\s+)?{NAME})(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}),)?"
    ),
]
# Cheap tests first: most sentences have no speech verb, and the name patterns are costly.
_ANY_VERB = re.compile(rf"\b{_VERB}|[Aa]ccording to")
_CITES = re.compile(r"\b(?:reported|reports|quoted|cited)\b")
_SUBJECT = re.compile(rf"^\s*(?P<name>(?:{_TITLE}\s+)?{NAME})\s+(?:also\s+|then\s+)?[a-z]+")
_VERBLESS = [_COLON]
_PRONOUN_SAID = re.compile(
    rf"\b{_PRONOUN}\s+(?:also\s+|later\s+|then\s+)?{_VERB}(?P<that>\s+that)?"
)
_ACCORDING_PRONOUN = re.compile(r"[Aa]ccording to (?:him|her)\b")
_SAID_PRONOUN = re.compile(rf"[,”\"]\s*{_VERB}\s+{_PRONOUN}\b")
_SOURCE = re.compile(rf"(?P<name>{NAME})\s+(?:reported|reports|quoted|cited)\b")


def _attribute(
    article: _Article, sentence: str, offset: int, quotes: list[tuple[int, int]]
) -> tuple[Speaker | None, tuple[int, int] | None]:
    """The sentence's speaker, and the span of what it reports (outside quotation marks)."""
    has_verb = _ANY_VERB.search(sentence) is not None
    for match in _SOURCE.finditer(sentence) if _CITES.search(sentence) else ():
        name = _clean_name(match.group("name"))
        if name and not _is_person(name) and name not in article.sources:
            article.sources.append(name)
    for pattern in _PATTERNS if has_verb else _VERBLESS:
        position = 0
        while (match := pattern.search(sentence, position)) is not None:
            # A failed candidate ("secretary of State, John Foster Dulles, criticized") must not
            # swallow the name that follows it, so the search resumes one word on.
            position = sentence.find(" ", match.start("name") + 1)
            position = len(sentence) if position == -1 else position
            if any(qs - offset <= match.start("name") < qe - offset for qs, qe in quotes):
                continue  # a name inside the quoted words is not the speaker
            speaker = article.person(match.group("name"), match.groupdict().get("appos"))
            if speaker is None:
                continue
            speaker.attributed = True
            return speaker, _reported_span(sentence, offset, match, quotes)
    if article.last is not None:
        for pattern in (_PRONOUN_SAID, _SAID_PRONOUN, _ACCORDING_PRONOUN):
            match = pattern.search(sentence)
            if match:
                return article.last, _reported_span(sentence, offset, match, quotes)
    return None, None


def _reported_span(
    sentence: str, offset: int, match: re.Match[str], quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """What is reported: the clause after 'said that' / 'according to X,', or the part of the
    sentence before ', he said'. None when the words are in quotation marks."""
    if quotes:
        return None
    after = sentence[match.end() :]
    if (match.groupdict().get("that") or "according" in match.group(0).lower()) and len(
        after.split()
    ) >= 3:
        start = match.end() + (len(after) - len(after.lstrip(" ,:")))
        return offset + start, offset + len(sentence.rstrip())
    if match.start() <= 2 and len(after.split()) >= 4 and "name" in match.groupdict():
        # "Manafort said Trump has several ways ..." - the clause after the verb
        start = match.end() + (len(after) - len(after.lstrip(" ,:")))
        return offset + start, offset + len(sentence.rstrip())
    before = sentence[: match.start()].rstrip(" ,")
    if len(before.split()) >= 4 and match.start() > len(sentence) // 3:
        return offset + len(sentence) - len(sentence.lstrip()), offset + len(before)
    return None
