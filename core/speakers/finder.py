"""Who is quoted in an article and what they said, found by rules: quotation marks, speech
verbs, appositions (``Niu Yibing, deputy head of the Office ..., said``), ``according to``, and
pronouns resolved to the person last named. Outlets that are cited (``China Daily reported``)
are sources, kept apart from speakers.

English only: an article in another script yields no suggestions rather than nonsense.
"""

from __future__ import annotations

import re
from collections import Counter
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
    "blasted|blasts|slammed|slams|pointed to|points to|recounted|described|describes|"
    # silence is an answer too
    "did not (?:immediately )?respond|declined to comment|declined to say|could not be reached|"
    "did not (?:immediately )?return|has not responded|have not responded"
)
_VERB = rf"(?:{VERBS})\b"
# Verbs whose object follows them: in "..., told Business Insider" the name is the listener,
# so these never put the speaker after the verb.
_OBJECT_VERBS = {
    "told", "tells", "urged", "urges", "accused", "accuses", "blamed", "blames", "attacked",
    "attacks", "criticized", "criticised", "criticizes", "praised", "praises", "called", "calls",
    "dismissed", "dismisses", "defended", "defends", "slammed", "slams", "blasted", "blasts",
    "rejected", "rejects", "supports", "opposes", "opposed", "assailed", "denounced",
    "described", "describes", "touted", "touts", "proposed", "proposes", "promised", "promises",
    "wants", "wanted", "fears", "feared", "pointed", "points", "recounted", "demanded", "demands",
}  # fmt: skip
_INVERTED = "(?:{})\\b".format(
    "|".join(v for v in VERBS.split("|") if v.split()[0] not in _OBJECT_VERBS)
)
_TITLE = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|Sgt|St)\.?|President|"
    r"Senator|Governor|Representative|Secretary|Minister|Prime Minister|Chancellor|Judge|"
    r"Justice|Mayor|Chairman|Chairwoman|Speaker|Sheriff|Professor|Ambassador|Pastor|"
    r"Congressman|Congresswoman|Vice President|Former President|Dean|Director|Attorney General|"
    r"Superintendent|Rabbi|Bishop|Archbishop|Cardinal|Imam|Father|Sister|Coach|Commissioner|"
    r"Detective|Officer|Sergeant|Lieutenant|Captain|Cmdr\.?|Deputy|Councilman|Councilwoman|"
    r"Councillor|Assemblyman|Assemblywoman|Premier|Sir|Dame|Lord|Lady|Baroness|Chief)"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAMEWORD = (
    # combining accents (text in NFD: "Jose\u0301") and C1 controls of mis-decoded UTF-8 are
    # parts of a word too
    rf"(?:[{_UPPER}](?:[^\W\d_A-Z]|[A-Z]?[\u0300-\u036f]|['’\-\x80-\x9f](?=[^\W\d_]))+(?:[A-Z][a-z'’\-]+)?"
    rf"|[A-Z]\.|[A-Z][A-Z]+(?=[\s,]))"
)
_PARTICLE = r"(?:de|del|della|van|von|der|da|di|la|le|bin|al|ibn|dos|du)"
NAME = rf"(?:{_NAMEWORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAMEWORD}){{0,4}})"
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
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "strip",
    "taliban", "system", "operator", "prison", "space", "rights", "co", "corp", "ltd", "llc",
    "plc", "institution", "museum", "airlines", "airways", "motors", "holdings", "partners",
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
    "related", "read", "share", "photo", "video", "videos", "watch", "subscribe",
    "advertisement", "click", "sign", "follow", "comments", "tags", "topics",
    "against", "toward", "towards", "behind", "beyond", "unlike", "upon", "into", "onto", "of",
    "to", "than", "via", "per", "besides", "beside", "around", "until", "except",
}  # fmt: skip
_LEADING = {
    "even", "only", "just", "former", "then", "today", "yesterday", "still", "now", "although",
    "because", "since", "though", "later", "earlier", "also", "and", "but", "so", "when",
    "while", "as", "if", "indeed", "instead", "meanwhile", "unlike", "like", "with", "for",
    "rival", "fellow", "candidate", "nominee", "sen.", "rep.", "gov.", "democrat", "republican",
}  # fmt: skip
_FULL_NAME = re.compile(rf"\b({_NAMEWORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAMEWORD}){{1,3}})\b")
_SURNAME_PARTS = {
    "abu", "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "le", "la", "der", "den",
    "del", "della", "dos", "du", "ben", "mac", "st", "st.", "san", "ter", "ten",
}  # fmt: skip
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
    if len(words) > 1 and words[-1].casefold() in _TITLE_WORDS:
        return False  # "Conservative MP"
    if len(words) == 1 and (len(name) < 3 or name.isupper() or name.endswith("ans")):
        return False
    return True


_TITLE_WORDS = {
    "director", "leader", "governor", "senator", "president", "secretary", "minister",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "chief", "speaker", "mayor", "judge",
    "justice", "ambassador", "commissioner", "attorney", "general", "sen.", "rep.", "gov.",
    "ceo", "cfo", "coo", "cto", "founder", "co-founder", "co-ceo", "chairperson", "head",
    "mp", "mep", "superintendent", "rabbi", "coach", "envoy", "correspondent", "reporter",
    "spokesperson", "analyst", "officer", "commander", "cmdr.", "manager", "adviser",
    "advisor", "strategist", "economist", "professor", "historian", "deputy",
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
        self._tails: dict[str, bool] = {}
        self._word_counts: Counter[str] | None = None

    # -- people ---------------------------------------------------------------------------

    def person(self, raw: str, role: str | None = None) -> Speaker | None:
        name = _clean_name(raw)
        if not _is_person(name):
            return None
        name = self._without_lead(name)
        if len(name.split()) == 1:
            # A bare "Clinton" is a Clinton already speaking, else the one the article named
            # in full first, so that a later "Bill Clinton" is told apart from "Hillary".
            fuller = self.earlier_full_name(name)
            same = [s for s in self.speakers.values() if s.surname == name.casefold()]
            if same:
                name = next((s.name for s in same if s.name == fuller), same[0].name)
            elif fuller:
                name = fuller
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

    def _without_lead(self, name: str) -> str:
        """'Ukraine Kurt Volker' -> 'Kurt Volker' and 'Questioning Vindman' -> 'Alexander
        Vindman', when the article names the person so elsewhere: a place or a participle
        before a name is not part of it."""
        words = name.split()
        if len(words) >= 3 and words[1].casefold() not in _SURNAME_PARTS:
            tail = " ".join(words[1:])
            if tail not in self._tails:
                lead = re.escape(words[0])
                self._tails[tail] = bool(
                    re.search(rf"(?<!{lead} ){re.escape(tail)}\b", self.text)
                    # "Ukraine" standing alone elsewhere is a place, not a first name
                    or len(re.findall(rf"\b{lead}\b(?! [{_UPPER}])", self.text)) >= 2
                )
            if self._tails[tail]:
                return tail
        elif len(words) == 2 and words[0].endswith("ing"):
            fuller = self.earlier_full_name(words[1])
            if fuller and fuller != name:
                return fuller
        return name

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

    def word_count(self, word: str) -> int:
        if self._word_counts is None:
            self._word_counts = Counter(_WORDS.findall(self.text))
        return self._word_counts[word]

    def earlier_full_name(self, surname: str) -> str | None:
        """The first full name in the article that ends with this surname."""
        if self._full_names is None:
            self._full_names = {}
            for match in _FULL_NAME.finditer(self.text):
                candidate = _clean_name(match.group(1))
                words = candidate.split()
                if words and words[0].endswith("ing") and _opens_sentence(self.text, match):
                    continue  # "Hosting Cook, Benioff said": a participle, not a first name
                if 1 < len(words) <= 4 and _is_person(candidate):
                    if len(words) >= 3:
                        candidate = self._without_lead(candidate)
                    self._full_names.setdefault(words[-1].casefold(), candidate)
        return self._full_names.get(surname.casefold())


def _opens_sentence(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 3) : match.start()].rstrip(' "“')
    return not before or before[-1] in ".!?\n"


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
    head = text[:3000]
    others = len(_OTHER_LETTERS.findall(head))
    ascii_letters = len(_NOT_ASCII_LETTER.sub("", head))
    if not ascii_letters or ascii_letters / (ascii_letters + others) < 0.8:
        return Finding([], [])  # not English: no suggestions rather than nonsense
    # Some papers print ``quotes like this''; same-length stand-ins keep every offset.
    marked = text.replace("``", ' "').replace("''", '" ').replace("‘‘", " “").replace("’’", "” ")
    quotes = _quotes(marked)
    quote_owner: dict[tuple[int, int], Speaker] = {}
    paragraph_of = _paragraph_index(text)
    last_paragraph_speaker: dict[int, Speaker] = {}

    for start, end in _sentences(marked):
        sentence = marked[start:end]
        in_quotes = [(s, e) for s, e in quotes if s >= start - 1 and e <= end + 1]
        touching = [(s, e) for s, e in quotes if s < end and e > start]
        speaker, reported = _attribute(article, sentence, start, in_quotes, touching)
        paragraph = paragraph_of(start)
        subject = _SUBJECT.match(sentence)
        if speaker is None and subject:
            # "Clinton touted her record: “...”" - the sentence's subject owns its quotes,
            # and the paragraph's quotes that follow, and is who a later "she said" means.
            follower = sentence[subject.end("name") :].split(None, 1)
            role_noun = bool(follower) and _ROLE_WORD.fullmatch(follower[0].strip(":,")) is not None
            if not role_noun and article.plausible_subject(subject.group("name")):
                person = article.person(subject.group("name"))
                if person is not None:
                    last_paragraph_speaker[paragraph] = person
                    participle = _PARTICIPLE.search(sentence)
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
        if _always_with_article(text, speaker.name):
            continue
        if len(speaker.name.split()) == 1 and not _lone_name_is_person(article, speaker):
            continue
        kept.append(speaker)
    speakers = kept
    return Finding(speakers, article.sources)


def _lone_name_is_person(article: _Article, speaker: Speaker) -> bool:
    """Whether a speaker known by one word only is a person; a full name found earlier in the
    article becomes the speaker's name."""
    fuller = article.earlier_full_name(speaker.name)
    if fuller:
        speaker.name = fuller
        return True
    text, word = article.text, re.escape(speaker.name)
    mentions = article.word_count(speaker.name)
    if mentions < 3 and not re.search(rf"\b{_TITLE} {word}\b", text):
        return False  # never named in full nor with a title ("President Obama"): too little
    if re.search(rf"\b(?:in|from|across|to) {word}\b", text):
        return False  # "in Israel": a place that "said" is its government, not a person
    if re.search(rf"\b{word}(?:i|ian|n|ese|ic)\b|-based {word}\b|\b{word},? (?:{_FIRM})", text):
        return False  # "Israeli", "Sacramento-based McClatchy", "McClatchy Co.": not a person
    # "the Sixers": mostly with an article, so a team or an institution
    return (text.count(f"the {speaker.name}") + text.count(f"The {speaker.name}")) * 2 < mentions


def _always_with_article(text: str, name: str) -> bool:
    """'the Pentagon', 'the Afghan Taliban': a name the article never uses without 'the' is an
    institution, a team or a place."""
    mentions = text.count(name)  # a substring count: cheap, and a rare "Obamacare" is harmless
    return mentions > 0 and text.count(f"the {name}") + text.count(f"The {name}") == mentions


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


_STATEMENTS = (
    r"proposal|proposals|claim|claims|remarks|comments|statement|statements|pledge|promise|"
    r"vow|warning|warnings|assertion|suggestion|accusation|accusations|insistence|denial|"
    r"admission|announcement|plea|tweet|tweets|testimony|call for|calls for"
)
_ROLES = (
    r"strategist|spokesman|spokeswoman|spokesperson|adviser|advisor|analyst|director|chairman|"
    r"chairwoman|official|professor|historian|economist|secretary|senator|representative|"
    r"governor|leader|aide|pollster|consultant|manager|president|founder|attorney|lawyer|"
    r"executive|editor|reporter|correspondent|minister|ambassador|mayor|chief|head|member|"
    r"organizer|activist|expert|researcher|scientist|operative|chair|candidate|nominee|"
    r"officer|officials|commander|envoy|staffer|worker|employee|lawmaker|legislator|supporter"
)
_ROLE_WORD = re.compile(rf"(?:{_ROLES})s?")
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
    re.compile(rf"[,”\"]\s*{_INVERTED}\s+(?:[\w.'’-]+\s+){{0,4}}?(?:{_ROLES})\s+(?P<name>{NAME})"),
    # ..., said Jane Roe, an analyst at X.
    re.compile(
        rf"[,”\"]\s*{_INVERTED}\s+(?P<name>(?:{_TITLE}\s+)?{NAME})(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}))?"
    ),
    _COLON,
    # According to Jane Roe, ...
    re.compile(
        rf"[Aa]ccording to (?P<name>(?:{_TITLE}\s+)?{NAME})(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}),)?"
    ),
    # Trump's controversial proposal to ban ...: a statement named by a noun
    re.compile(rf"(?P<name>(?:{_TITLE}\s+)?{NAME})['’]s?\s+(?:[a-z-]+\s+)?(?:{_STATEMENTS})\b"),
]
_FIRM = r"Co\.|Inc\b|Corp\b|Corp\.|Ltd\b|LLC\b|plc\b|Group\b|Holdings\b"
_SUBJECT_PATTERNS = _PATTERNS[:2]
_AFTER_PREPOSITION = re.compile(
    r"\b(?:of|in|for|from|at|on|with|by|to|into|across|about|against|than)\s+$"
)
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
# Cheap tests first: most sentences have no speech verb, and the name patterns are costly.
# A set lookup of a sentence's lower-case words is cheaper than searching the verb alternation.
_VERB_WORDS = frozenset(
    max(re.sub(r"\(\?:[^)]*\)\??", "", v).split(), key=len) for v in VERBS.split("|")
) | {"according"}
_CITE_WORDS = frozenset({"reported", "reports", "quoted", "cited"})
_WORD = re.compile(r"[a-z]+")
_WORDS = re.compile(r"\w+")
_STATEMENT_NOUN = re.compile(rf"['’]s?\s+(?:[a-z-]+\s+)?(?:{_STATEMENTS})\b")
# "Then, Bill Clinton set ...": one word and a comma may open the sentence before its subject
_SUBJECT = re.compile(
    rf"^\s*(?:[A-Z][a-z]+,\s+)?(?P<name>(?:{_TITLE}\s+)?{NAME})\s+(?:also\s+|then\s+)?[a-z]+"
)
# "... he used stronger language, saying the group ..." - the subject speaks in the participle
_PARTICIPLE = re.compile(r"(?:,|\bby)\s+(?:saying|adding|arguing|noting|insisting|telling)\b")
_PRONOUN_SUBJECT = re.compile(rf"^\s*(?:[A-Z][a-z]+,\s+)?{_PRONOUN}\b")
# "Eisenhower and his future secretary of State, John Foster Dulles, criticized": the first of
# two people joined by "and" speaks too.
_COORDINATED = re.compile(
    rf"(?P<name>(?:{_TITLE}\s+)?{NAME})\s+and\s+(?:(?:his|her|their)\s+[^,]{{1,60}},\s+)?$"
)
_VERBLESS = [_COLON]
_PRONOUN_SAID = re.compile(
    rf"\b{_PRONOUN}\s+(?:also\s+|later\s+|then\s+)?{_VERB}(?P<that>\s+that)?"
)
_ACCORDING_PRONOUN = re.compile(r"[Aa]ccording to (?:him|her)\b")
_SAID_PRONOUN = re.compile(rf"[,”\"]\s*{_VERB}\s+{_PRONOUN}\b")
_SOURCE = re.compile(rf"(?P<name>{NAME})\s+(?:reported|reports|quoted|cited)\b")
_NAME_FOLLOWS = re.compile(rf"\s+(?:{_TITLE}\s+)?(?P<name>{NAME})\s*(?:[,.;]|$)")


def _attribute(
    article: _Article,
    sentence: str,
    offset: int,
    quotes: list[tuple[int, int]],
    touching: list[tuple[int, int]],
) -> tuple[Speaker | None, tuple[int, int] | None]:
    """The sentence's speaker, and the span of what it reports (outside quotation marks).
    ``quotes`` lie inside the sentence; ``touching`` also holds quotes running past it."""
    words = set(_WORD.findall(sentence))
    has_verb = not words.isdisjoint(_VERB_WORDS)
    for match in _SOURCE.finditer(sentence) if not words.isdisjoint(_CITE_WORDS) else ():
        name = _clean_name(match.group("name"))
        if name and not _is_person(name) and name not in article.sources:
            article.sources.append(name)
    patterns = list(_PATTERNS[1:-1]) if has_verb else list(_VERBLESS)
    if has_verb and "who" in words:
        patterns.insert(0, _PATTERNS[0])
    if _STATEMENT_NOUN.search(sentence):
        patterns.append(_PATTERNS[-1])
    for pattern in patterns:
        position = 0
        while (match := pattern.search(sentence, position)) is not None:
            # A failed candidate ("secretary of State, John Foster Dulles, criticized") must not
            # swallow the name that follows it, so the search resumes one word on.
            position = sentence.find(" ", match.start("name") + 1)
            position = len(sentence) if position == -1 else position
            if any(qs - offset <= match.start("name") < qe - offset for qs, qe in touching):
                continue  # a name inside the quoted words is not the speaker
            follows = match.groupdict().get("appos") and _NAME_FOLLOWS.match(sentence, match.end())
            if follows and _is_person(_clean_name(follows.group("name"))):
                # "Turkey, Poland, Bonaire, St Eustatius and Saba have been removed ..., said
                # Justice Secretary Humza Yousaf": the verb belongs to the name after it
                continue
            if pattern in _SUBJECT_PATTERNS and _AFTER_PREPOSITION.search(
                sentence, 0, match.start("name")
            ):
                continue  # "80 percent of California, said": an object, not the subject
            speaker = article.person(match.group("name"), match.groupdict().get("appos"))
            if speaker is None:
                continue
            speaker.attributed = True
            joined = "and" in words and _COORDINATED.search(sentence, 0, match.start("name"))
            if joined and not sentence.startswith(("'", "’"), match.end("name")):
                other = article.person(joined.group("name"))
                if other is not None and other is not speaker:
                    other.attributed = True
                    article.last = speaker
            return speaker, _reported_span(sentence, offset, match, quotes)
    if article.last is not None:
        if _PRONOUN_SUBJECT.match(sentence) and (participle := _PARTICIPLE.search(sentence)):
            return article.last, _reported_span(sentence, offset, participle, quotes)
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
    opens_clause = (
        match.groupdict().get("that")
        or "according" in match.group(0).lower()
        or match.re is _PARTICIPLE
    )
    if opens_clause and len(after.split()) >= 3:
        start = match.end() + (len(after) - len(after.lstrip(" ,:")))
        return offset + start, offset + len(sentence.rstrip())
    if match.start() <= 2 and len(after.split()) >= 4 and "name" in match.groupdict():
        # "Manafort said Trump has several ways ..." - the clause after the verb
        start = match.end() + (len(after) - len(after.lstrip(" ,:")))
        return offset + start, offset + len(sentence.rstrip())
    before = sentence[: match.start()].rstrip(" ,")
    # Only an attribution that closes the sentence reports what precedes it: in "seeking to
    # show that Sanders had opposed a bill" the words before are not Sanders's.
    closes = len(after.split()) <= 6
    if closes and len(before.split()) >= 4 and match.start() > len(sentence) // 3:
        return offset + len(sentence) - len(sentence.lstrip()), offset + len(before)
    return None
