"""What counts as a person's name in news text: the shape of a name, titles and offices
before it, and the words that show a capitalised phrase is an institution, a place or a page's
furniture instead."""

from __future__ import annotations

import re
from functools import lru_cache

TITLE = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sens?|Reps?|Govs?|Gen|Lt|Col|Capt|Rev|Sgt|St|Adm|Maj)\.?|"
    r"President|Senators|Representatives|Governors|"
    r"Senator|Governor|Representative|Secretary|Minister|Prime Minister|Chancellor|Judge|"
    r"Justice|Mayor|Chairman|Chairwoman|Speaker|Sheriff|Professor|Ambassador|Pastor|"
    r"Congressman|Congresswoman|Vice President|Former President|Dean|Director|Attorney General|"
    r"Superintendent|Rabbi|Bishop|Archbishop|Cardinal|Imam|Father|Sister|Coach|Commissioner|"
    r"Detective|Officer|Sergeant|Lieutenant|Captain|Cmdr\.?|Deputy|Councilman|Councilwoman|"
    r"Councillor|Assemblyman|Assemblywoman|Premier|Sir|Dame|Lord|Lady|Baroness|Chief|Pope|"
    r"Sheikh|Sheik|King|Queen|Prince|Princess|Emir|Ayatollah)(?=\s+[A-Z])"
)
# The same, where nothing need follow (the end of a search window)
BARE_TITLE = TITLE.removesuffix(r"(?=\s+[A-Z])")
UPPER = "A-ZÀ-ÖØ-Þ"
NAMEWORD = (
    # combining accents (text in NFD: "Jose\u0301") and C1 controls of mis-decoded UTF-8 are
    # parts of a word too
    rf"(?:[{UPPER}](?:[^\W\d_A-Z]|[A-Z]?[\u0300-\u036f]|['’\-\x80-\x9f](?=[^\W\d_]))+(?:[A-Z][a-z'’\-]+)?"
    rf"|[A-Z]\.(?:[A-Z]\.)?|[A-Z][A-Z]+(?=[\s,])"
    # "al-Sharif", "el-Sisi", "bin-Talal": a lower-case particle joined to the name
    rf"|(?:al|el|bin|ibn|abu|ben|da|de|di|du|van|von)-[{UPPER}][^\W\d_]+)"
)
PARTICLE = r"(?:de|del|della|des|van|von|der|den|ter|da|di|la|le|bin|al|el|ibn|dos|du)"
# An office written short inside a run of capitals ("Democratic Rep. Ann Doe", "Navy Capt. Bo
# Roe") belongs to the run: clean_name drops what precedes the name.
ABBREVIATION = r"(?:Sens?|Reps?|Govs?|Gen|Lt|Col|Capt|Adm|Maj|Sgt|Dr|Mr|Mrs|Ms|Rev|Cmdr)\."
# Up to eight words: "White House Press Secretary Josh Earnest" is six before it is cleaned.
# "James B. Comey Jr.": a generation is part of the name (clean_name takes it off again)
SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.(?=[\s,;:)]|$))?"
NAME = (
    rf"(?:{NAMEWORD}(?:\s+(?:{PARTICLE}\s+|(?:{ABBREVIATION}\s+){{1,2}})?{NAMEWORD}){{0,7}}"
    rf"{SUFFIX})"
)
ORG_WORDS = {
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
    "international", "united", "alliance", "coalition", "watch", "capital", "energy", "labs",
    "systems", "technologies", "athletic", "rovers", "wanderers", "amnesty", "pentagon",
    "kremlin", "parliament", "embassy", "consulate", "reserve", "exchange",
    "facebook", "instagram", "youtube", "google", "microsoft", "apple", "amazon",
    # places, and the firms that poll or research
    "sea", "ocean", "gulf", "river", "lake", "island", "islands", "county", "city", "province",
    "square", "street", "avenue", "valley", "bay", "coast", "peninsula", "vatican", "research",
    "polling", "poll", "survey", "analytics", "associates", "strategies", "consulting",
    # more kinds of institution, team and thing named in capitals
    "gallery", "economics", "advocates", "census", "flight", "insider", "security", "force",
    "legion", "world", "team", "lives", "studios", "records", "pictures", "airport", "corps",
    # newspapers' names
    "gazette", "chronicle", "inquirer", "examiner", "dealer", "courier", "bulletin", "sentinel",
    "convention", "caucus", "tower", "towers", "hotel", "casino", "stadium", "arena", "plaza",
}  # fmt: skip
NOT_NAMES = {
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
    # places and groups: "South Carolina", "Central Asian", "Another Muslim"
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "great", "greater", "upper", "lower", "soviet", "another", "other", "presumptive",
    # adverbs that open a sentence before its subject: "Moreover, Ann Doe, head of X, said"
    "moreover", "furthermore", "nevertheless", "nonetheless", "likewise", "similarly",
    "additionally", "finally", "ultimately", "separately", "otherwise", "thus", "therefore",
    "instead", "indeed", "consequently", "overall", "afterward", "afterwards",
    "later", "earlier", "elsewhere", "however", "regardless", "notably", "specifically",
}  # fmt: skip
LEADING = {
    "even", "only", "just", "former", "then", "today", "yesterday", "still", "now", "although",
    "because", "since", "though", "later", "earlier", "also", "and", "but", "so", "when",
    "while", "as", "if", "indeed", "instead", "meanwhile", "unlike", "like", "with", "for",
    "rival", "fellow", "candidate", "nominee", "sen.", "rep.", "gov.", "democrat", "republican",
    # a question or a clause opening a sentence or a headline: "Is Doe ...", "Whether Roe ..."
    "is", "was", "are", "were", "did", "does", "do", "can", "could", "should", "would", "has",
    "had", "whether", "maybe", "perhaps", "neither", "either", "nor", "before", "including",
    "especially", "here’s", "here's", "where", "once", "until", "said", "says", "after",
    "during", "whereas", "unless",
}  # fmt: skip
# Given names that are also common English words, so "will" in lower case elsewhere does not
# make "Will Doe" a sentence that opens with a verb.
WORD_NAMES = {
    "will", "bill", "hope", "mark", "rich", "grant", "rand", "chuck", "pat", "frank", "jack",
    "dean", "rob", "sue", "ray", "rose", "joy", "faith", "grace", "june", "may", "april",
    "jean", "guy", "gene", "art", "buck", "chip", "kit", "carol", "amber", "dawn", "eve",
    "iris", "holly", "ivy", "lily", "ruby", "summer", "hunter", "chase", "cliff", "dale",
    "drew", "glen", "heath", "lane", "miles", "norm", "wade", "ward", "sky", "penny", "sunny",
    "earnest", "king", "young", "rush", "price", "paul", "don", "ted", "gus", "bob", "sandy",
    "doug", "angel", "christian", "major", "rusty", "woody", "randy", "candy", "duke", "newt",
    "harry", "rocky", "bud", "hank", "nick", "pete", "marshall", "mason", "carter", "taylor",
}  # fmt: skip
# A whole run of capitals, cleaned later: a run cut short at an initial ("FBI Director James"
# then "B. Comey") would take the initial for a first name.
# (within a line: "X.\n\nDuring his drive" is a caption and a sentence, not "X. During")
FULL_NAME = re.compile(
    rf"(?<![\w.’'-])({NAMEWORD}(?:[^\S\n]+(?:{PARTICLE}[^\S\n]+|(?:{ABBREVIATION}[^\S\n]+){{1,2}})?"
    rf"{NAMEWORD}){{1,7}})(?![\w’'-])"
)
SURNAME_PARTS = {
    "abu", "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "le", "la", "der", "den",
    "del", "della", "des", "dos", "du", "ben", "mac", "st", "st.", "san", "ter", "ten",
}  # fmt: skip

# A capital inside a word after two lower-case letters, not after a name's prefix
# (nor a given name run together from two: "RoseAnn", "KellyAnne", "MaryBeth")
_BRAND = re.compile(
    r"^(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Vande|Vander|Von|St)[A-Z])"
    r"(?![A-Z][a-z]+(?:Ann|Anne|Lynn|Marie|Beth|Lee|Jo)$)[A-Z][a-z]+[A-Z][a-z]"
)
# What a group of people is called: a name ending so is a group, not a person
GROUP_WORDS = {
    "republican", "republicans", "democrat", "democrats", "democratic", "conservative",
    "conservatives", "liberal", "liberals", "muslim", "muslims", "asian", "african", "american",
    "americans", "european", "europeans", "netizens", "millennials", "voters", "supporters",
}  # fmt: skip
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
FIRM = r"Co\.|Inc\b|Corp\b|Corp\.|Ltd\b|LLC\b|plc\b|Group\b|Holdings\b"


# What follows a hyphen in a modifier made of a name: "Florida-based", "Acme-backed"
_COMPOUND_ENDS = frozenset(
    "based born led backed run owned funded style like made bred raised area era wide only "
    "inspired affiliated allied aligned friendly leaning controlled dominated sponsored linked "
    "bound centric esque dependent focused oriented sized type related specific".split()
)


def _modifier_end(part: str) -> bool:
    return part.islower() and (len(part) > 4 or part in _COMPOUND_ENDS)


# The finder asks about the same few names many times an article (each sentence that opens
# with one): the answer depends on the name alone.
@lru_cache(maxsize=4096)
def is_person(name: str) -> bool:
    words = name.split()
    if not words or words[0].casefold().rstrip(".") in NOT_NAMES:
        return False
    if any(w.casefold().strip(".,'’") in ORG_WORDS for w in words):
        return False
    if any("-" in w and _modifier_end(w.split("-")[-1]) for w in words):
        # "Florida-based", "Co-moderator", though "Ban Ki-moon" and "Moon Jae-in" are names
        return False
    if any(w.isupper() and len(w) > 2 and not _INITIALS.fullmatch(w) for w in words):
        return False  # "PAC Priorities", though "G.K. Doe" has initials
    if len(words) > 1 and words[-1].casefold() in _NOT_LAST_WORDS:
        return False  # "Conservative MP", "Hampshire Republican"
    if any(_BRAND.search(w) for w in words):
        return False  # "HuffPost", "WikiLeaks", though "McCain", "DeSantis" or "LeBron" are names
    if len(words) == 1 and (
        len(name) < 3 or name.isupper() or name.endswith("ans") or name.casefold() in GROUP_WORDS
    ):
        return False  # ("Muslims", "Republicans": a group)
    return True


TITLE_WORDS = {
    "director", "leader", "governor", "senator", "president", "secretary", "minister",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "chief", "speaker", "mayor", "judge",
    "justice", "ambassador", "commissioner", "attorney", "general", "sen.", "rep.", "gov.",
    "ceo", "cfo", "coo", "cto", "founder", "co-founder", "co-ceo", "chairperson", "head",
    "mp", "mep", "superintendent", "rabbi", "coach", "envoy", "correspondent", "reporter",
    "spokesperson", "analyst", "officer", "commander", "cmdr.", "manager", "adviser",
    "advisor", "strategist", "economist", "professor", "historian", "deputy", "chair",
    "secretary-general", "director-general", "vice-chair", "vice-president", "president-elect",
    "premier", "chancellor", "councillor", "councilman", "councilwoman", "treasurer",
}  # fmt: skip
_NOT_LAST_WORDS = frozenset(TITLE_WORDS | GROUP_WORDS)  # what no name ends with


# Words that describe a person rather than name one: what precedes them in a run of capitals
# is an office or a description ("Majority Whip Jo Doe", "Actress Ann Roe", "Chief of Staff").
DESCRIPTION_WORDS = TITLE_WORDS | {
    "admiral", "alderman", "alderwoman", "recorder", "advocate", "whip", "counsel", "actress",
    "actor", "journalist", "donor", "icon", "celebrity", "celebrities", "star", "comedian",
    "filmmaker", "delegate", "constituent", "moderator", "host", "anchor", "surrogate",
    "pastor", "blogger", "businessman", "businesswoman", "billionaire", "activist", "veteran",
    "widow", "widower", "mother", "son", "daughter", "wife", "husband", "brother", "nephew",
    "niece", "cousin", "grandson", "granddaughter", "aunt", "uncle", "singer", "rapper",
    "musician", "author", "writer", "columnist", "commentator", "pundit", "pollster",
    "consultant", "lawyer", "staffer", "aide", "lawmaker", "legislator", "congressman",
    "congresswoman", "representative", "candidate", "nominee", "hopeful", "challenger",
    "incumbent", "rival", "opponent", "contender", "frontrunner", "front-runner",
    "entrepreneur", "investor", "banker", "executive", "official", "sheriff", "prosecutor",
    "detective", "sergeant", "lieutenant", "captain", "colonel", "marine", "soldier",
    "student", "teacher", "researcher", "scientist", "expert", "scholar", "voter", "resident",
    "supporter", "protester", "protestor", "organizer", "volunteer", "member", "player",
    "owner", "producer", "editor", "publisher", "photographer", "interviewer", "ceo", "cfo",
    "staff", "affairs", "communications", "operations", "relations", "policy", "state",
    "treasury", "defense", "defence", "commerce", "labor", "education", "sen.", "sens.",
    "rep.", "reps.", "gov.", "govs.", "gen.", "lt.", "col.", "capt.", "adm.", "maj.", "sgt.",
    "dr.", "mr.", "mrs.", "ms.", "rev.", "cmdr.", "senators", "representatives", "governors",
    "republican", "democrat", "democratic", "independent", "libertarian", "ranking",
    "user", "boss", "fan", "viewer", "reader", "caller", "commenter", "neighbor", "neighbour",
    "colleague", "ally", "critic", "backer", "friend", "fellow", "lobbyist", "adviser",
    # titles of rank that a place may precede: "Saudi Prince Ann Doe", "Tibetan Lama Bo Roe"
    "prince", "princess", "queen", "sheikh", "sheik", "emir", "pope", "ayatollah", "imam",
    "bishop", "archbishop", "lama", "crown",
}  # fmt: skip
_PARTY_WORDS = {"republican", "democrat", "democratic", "independent", "libertarian", "ranking"}

# The same words as a pattern, for cues that read "said Ferry County delegate Ann Doe".
ROLE_NOUNS = "|".join(
    sorted(
        (re.escape(w) for w in DESCRIPTION_WORDS if w.isalpha() and w not in _PARTY_WORDS),
        key=len,
        reverse=True,
    )
)


# "Interestingly", "Reportedly": an adverb opening a sentence
_ADVERB = re.compile(r"..(?:ingly|edly|ously|ively|ately|ically|fully|lessly)$")


@lru_cache(maxsize=4096)
def clean_name(name: str) -> str:
    words = name.strip().split()
    # "FBI Director James Comey" -> "James Comey": what precedes a title is its office, and
    # what precedes a possessive its employer ("Acme's Ann Roe").
    for i in range(len(words) - 2, -1, -1):
        word = words[i].casefold()
        # ("Secretary-Treasurer", "Editor-in-Chief": an office joined by hyphens)
        office = word in DESCRIPTION_WORDS or word.split("-")[0] in DESCRIPTION_WORDS
        if office or (word.endswith(("'s", "’s", "s'", "s’")) and i < 3):
            words = words[i + 1 :]
            break
    # A capital at the start of a sentence is not a name: "Even Lindsey Graham said",
    # "Interestingly Doe".
    while len(words) > 1 and (words[0].casefold() in LEADING or _ADVERB.search(words[0])):
        words = words[1:]
    name = re.sub(rf"^{TITLE}\s+", "", " ".join(words))
    name = re.sub(r",?\s+(?:Jr|Sr)\.?$", "", name)
    return re.sub(r"['’]s$", "", name).strip(" ,.")


# Offices written short before a name, as a reader would write them out in a role
_SHORT_OFFICES = {
    "sen": "Senator", "sens": "Senator", "rep": "Representative", "reps": "Representative",
    "gov": "Governor", "govs": "Governor", "gen": "General", "lt": "Lieutenant",
    "col": "Colonel", "capt": "Captain", "sgt": "Sergeant", "adm": "Admiral", "maj": "Major",
    "rev": "Reverend", "prof": "Professor", "cmdr": "Commander",
}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "st"}


def office_before(raw: str, name: str) -> str | None:
    """The office that a run of capitals puts before the name: 'Indiana House Speaker' of
    'Indiana House Speaker Ann Doe', 'Senator' of 'Sen. Ann Doe'; None for 'Mr. Ann Doe', for
    an employer alone ('Acme's Ann Doe') and for words that are no office ('Even Ann Doe')."""
    raw = " ".join(raw.split())
    if not name or not raw.endswith(name) or raw == name:
        return None
    lead = raw[: -len(name)].strip(" ,")
    words = lead.split()
    if not words or words[-1].endswith(("'s", "’s", "s'", "s’")):
        return None
    if len(words) == 1 and (short := words[0].casefold().rstrip(".")) in _SHORT_OFFICES:
        return _SHORT_OFFICES[short]
    if any(w.casefold().rstrip(".") in _HONORIFICS for w in words[-1:]):
        return None
    office = [w for w in words if w.casefold() in DESCRIPTION_WORDS or w.casefold() in TITLE_WORDS]
    return lead if office else None


_CLAUSE_OPENERS = {
    "who", "whom", "whose", "which", "that", "where", "when", "while", "as", "after", "before",
    "because", "but", "and", "or", "if", "though", "although", "since", "until", "meanwhile",
    "then", "now", "also", "still", "however", "through", "in", "on", "at", "by", "with",
    "without", "during", "speaking", "said", "says", "told", "added", "not", "to", "for",
    "asked", "along", "noting", "adding", "saying", "according", "here", "there", "too",
}  # fmt: skip
_ARTICLES = {"a", "an", "the", "his", "her", "their", "its", "our", "one"}


def plausible_role(apposition: str) -> bool:
    """Whether an apposition describes the person ('the port director', 'a docker', 'deputy
    head of the Office of X') rather than continuing the sentence ('who will testify
    Thursday', 'speaking to reporters', 'regulators', 'R-Pa.')."""
    words = apposition.split()
    if not words or not words[0][:1].isalpha():
        return False
    first = words[0].casefold()
    if first in _CLAUSE_OPENERS or first.endswith("ing") or re.fullmatch(r"[A-Z]-\w.*", words[0]):
        return False
    nouns = [w.casefold().strip(".,;:'’") for w in words]
    if any(n in DESCRIPTION_WORDS or n.rstrip("s") in DESCRIPTION_WORDS for n in nouns):
        return True
    # "a retired docker", "the first woman to run the port": a noun phrase after an article
    return first in _ARTICLES and len(words) >= 2


def split_role(apposition: str) -> tuple[str | None, str | None]:
    """'deputy head of the Office of X' -> ('deputy head', 'Office of X')."""
    text = " ".join(apposition.split()).strip(" ,")
    if not text or len(text.split()) > 25:
        return None, None
    # "a party leader who is running in the 4th District": the office, not the clause after it
    text = re.split(r"\s+(?:who|whom|whose|which|that)\s", text, maxsplit=1)[0]
    match = re.match(r"^(?:the |a |an )?(.+?)\s+(?:of|at|for|with)\s+(?:the\s+)?(.+)$", text)
    if match and match.group(2)[:1].isupper():
        return match.group(1), match.group(2)
    match = re.match(r"^(?:the |a |an )?([A-Z][\w&.'’ -]+?)\s+([a-z][\w -]+)$", text)
    if match:  # "China Daily publisher"
        return match.group(2), match.group(1)
    return text, None
