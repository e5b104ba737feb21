"""The words and patterns that attribute speech in English news: speech verbs, appositions,
inverted attributions (``said Jane Roe``), ``according to``, statements named by a noun, and
the pronouns that refer back to the person last named."""

from __future__ import annotations

import re

from core.speakers.names import BARE_TITLE, NAME, ROLE_NOUNS, TITLE, UPPER

# Intentions, acts and stands that make a person a source though nothing they say is reported:
# "Doe plans a new port" names Doe, but "a new port" is not her words.
STANDS = frozenset(
    "plans|planned|intends|intended|seeks|sought|tried to|tries to|signed|filed|sided with|"
    "sides with|opened up|spoke out|speaks out|sounded off|articulated|extolled|extols|"
    "retweeted|professed|knows|knew|understands|has been critical|was critical|is critical|"
    "has spoken out|took to Twitter|went on Twitter|took to Facebook|took to social media|"
    "took to Instagram|began|begins".split("|")
)
VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|explained|explains|argued|"
    "argues|asked|asks|wrote|writes|tweeted|tweets|warned|warns|stressed|stresses|insisted|"
    "insists|declared|declares|claimed|claims|continued|recalled|acknowledged|acknowledges|"
    "remarked|replied|replies|responded|responds|announced|announces|complained|conceded|"
    "contended|observed|suggested|suggests|urged|urges|emphasized|emphasised|emphasizes|"
    "emphasises|predicted|joked|admitted|admits|pointed out|points out|went on to say|"
    "made a speech|told reporters|said in a statement|wrote in|"
    # positions and beliefs, which attribution studies count as sources too
    "believes|believed|thinks|thought|wants|wanted|hopes|hoped|fears|feared|vowed|vows|"
    "promised|promises|pledged|pledges|criticized|criticised|criticizes|praised|praises|"
    "attacked|attacks|accused|accuses|proposed|proposes|rejected|rejects|supports|opposes|"
    "opposed|called for|calls for|dismissed|dismisses|defended|defends|blamed|blames|"
    "touted|touts|assailed|denounced|countered|conceded|acknowledged|agreed|agrees|"
    "disagreed|demanded|demands|repeated|repeats|cautioned|reiterated|predicted|calls|called|"
    "blasted|blasts|slammed|slams|pointed to|points to|recounted|described|describes|"
    # more ways of saying, judging and taking a stand, in the past and present
    "endorsed|endorses|questioned|questions|lamented|laments|concluded|concludes|indicated|"
    "indicates|thanked|thanks|spoke|speaks|testified|testifies|confirmed|confirms|denied|"
    "denies|mused|muses|quipped|quips|scoffed|asserted|asserts|alleged|alleges|charged|"
    "charges|maintained|maintains|cited|cites|estimated|estimates|wondered|wonders|worried|"
    "worries|doubted|doubts|expects|expected|hinted|hints|intimated|implied|implies|"
    "signaled|signalled|signals|threatened|threatens|apologized|apologised|boasted|boasts|"
    "bragged|brags|chided|mocked|mocks|ridiculed|lambasted|ripped|rips|rebuked|condemned|"
    "condemns|decried|decries|welcomed|welcomes|hailed|hails|applauded|applauds|commended|"
    "congratulated|backed|backs|recommended|recommends|advised|advises|encouraged|"
    "implored|pleaded|begged|challenged|challenges|disputed|disputes|refuted|rebutted|"
    "retorted|shot back|fired back|laughed|shouted|yelled|chimed in|weighed in|opined|"
    "posted|emailed|texted|commented|comments|summarized|characterized|characterizes|"
    "labeled|labelled|branded|dubbed|likened|compared|revealed|reveals|disclosed|informed|"
    "reminded|reminds|assured|assures|guaranteed|speculated|speculates|theorized|reasoned|"
    "recalls|insisted|explained|acknowledged|agreed|conceded|decided|objected|objects|"
    "protested|protests|mentioned|mentions|highlighted|highlights|stressed|underscored|"
    "underscores|vouched|pushed for|pushes for|advocated|advocates|lobbied|campaigned|"
    "pressed|presses|unleashed|derided|derides|dismissed|railed|rails|lashed out|"
    "took aim|takes aim|went after|goes after|hit back|hits back|struck back|joined in|"
    "tweeted out|wrote in|interjected|interrupted|noted that|answered|answers|"
    "declined to say|issued a statement|released a statement|issued the following statement|"
    "released the following statement|put out a statement|"
    # a stand taken in the present or past progressive, and more ways of voicing one
    "is pledging|is promising|is urging|is calling for|is pushing for|is warning|is arguing|"
    "is saying|is telling|is vowing|is predicting|is insisting|is demanding|is suggesting|"
    "was telling|was saying|was urging|was calling for|are calling for|are urging|"
    "voiced|voices|floated|knocked|knocks|expressed|expresses|talked about|talks about|"
    "is talking about|offered|echoed|echoes|put it|made it clear|made clear|makes clear|"
    "made the case|makes the case|outlined|outlines|"
    # the ways a quote is delivered
    "barked|snapped|exclaimed|proclaimed|proclaims|fumed|gushed|thundered|marveled|marvelled|"
    "sighed|deadpanned|muttered|whispered|cried|screamed|reacted|raved|griped|grumbled|"
    "crowed|lectured|preached|intoned|recited|ranted|vented|mused|surmised|"
    "beamed|"
    # intentions and stands taken, which attribution studies count as sources too
    + "|".join(sorted(STANDS))
)
VERB = rf"(?:{VERBS})\b"
# Verbs whose object follows them: in "..., told Business Insider" the name is the listener,
# so these never put the speaker after the verb.
OBJECT_VERBS = {
    "told", "tells", "urged", "urges", "accused", "accuses", "blamed", "blames", "attacked",
    "attacks", "criticized", "criticised", "criticizes", "praised", "praises", "called", "calls",
    "dismissed", "dismisses", "defended", "defends", "slammed", "slams", "blasted", "blasts",
    "rejected", "rejects", "supports", "opposes", "opposed", "assailed", "denounced",
    "described", "describes", "touted", "touts", "proposed", "proposes", "promised", "promises",
    "endorsed", "endorses", "questioned", "questions", "thanked", "thanks", "mocked", "mocks",
    "ridiculed", "lambasted", "ripped", "rips", "rebuked", "condemned", "condemns", "welcomed",
    "welcomes", "hailed", "hails", "applauded", "applauds", "commended", "congratulated",
    "backed", "backs", "advised", "advises", "encouraged", "implored", "challenged",
    "challenges", "informed", "reminded", "reminds", "assured", "assures", "chided",
    "characterized", "characterizes", "labeled", "labelled", "branded", "dubbed", "compared",
    "likened", "derided", "derides", "pressed", "presses", "charged", "charges", "answered",
    "answers", "interrupted", "recommended", "recommends", "cited", "cites",
    "wants", "wanted", "fears", "feared", "pointed", "points", "recounted", "demanded", "demands",
    "plans", "planned", "intends", "intended", "seeks", "sought", "tried", "tries", "signed",
    "filed", "sided", "sides", "opened", "spoke", "speaks", "sounded", "articulated", "extolled",
    "extols", "retweeted", "professed", "knows", "knew", "understands", "took", "went", "began",
    "begins",
}  # fmt: skip
INVERTED = "(?:{})\\b".format(
    "|".join(v for v in VERBS.split("|") if v.split()[0] not in OBJECT_VERBS)
)
PRONOUN = r"(?:he|she|He|She)"
INVERTED_AT = re.compile(rf"\s*,?\s*{INVERTED}\s+(?!{PRONOUN}\b)")

STATEMENTS = (
    r"proposal|proposals|claim|claims|remarks|comments|statement|statements|pledge|promise|"
    r"vow|warning|warnings|assertion|suggestion|accusation|accusations|insistence|denial|"
    r"admission|announcement|plea|tweet|tweets|testimony|call for|calls for"
)
ROLES = (
    r"strategist|spokesman|spokeswoman|spokesperson|adviser|advisor|analyst|director|chairman|"
    r"chairwoman|official|professor|historian|economist|secretary|senator|representative|"
    r"governor|leader|aide|pollster|consultant|manager|president|founder|attorney|lawyer|"
    r"executive|editor|reporter|correspondent|minister|ambassador|mayor|chief|head|member|"
    r"organizer|activist|expert|researcher|scientist|operative|chair|candidate|nominee|"
    r"officer|officials|commander|envoy|staffer|worker|employee|lawmaker|legislator|supporter|"
    r"coach|owner|teacher|student|resident|farmer|nurse|doctor|physician|driver|shopkeeper|"
    r"voter|lecturer|author|writer|commentator|columnist|host|anchor|producer|founder|partner|"
    r"attorney general|prosecutor|judge|councillor|councilman|councilwoman|chancellor|premier|"
    + ROLE_NOUNS
)
ROLE_WORD = re.compile(rf"(?:{ROLES})s?")
# Names and titles start with a capital: other positions fail at once instead of trying each
# title's spelling first.
CAPITAL = rf"(?=[{UPPER}])"
PARTY = r"(?:\s*\([A-Z][^()]{0,18}\))?"  # Rep. Earl Blumenauer (D-Ore.) said
AGE = r"(?:,\s+\d{1,3})?"  # "Jane Roe, 54, said"
# "Ann Doe of Norland said", "Ann Doe of the Acme Institute for Ports wrote"
HOME = (
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:(?:of|for|on|in|and(?!\s+[A-Z][\w.’'-]*\s+[A-Z][\w.’'-]*\s+of\b))\s+(?:the\s+)?)?"
    r"[A-Z][\w.’'-]*){0,5})?"
)
# At most three comma-separated parts: an unbounded chain made a 140 KB run of commas take
# minutes (every start tried every later comma).
# Later parts may be a clause ("..., which endorsed Doe in May,") or the rest of a list
# ("refugees, and migration"), but not another person joined by "and" ("Ann Doe, Bob Roe, and
# Cy Poe said" is three speakers, not one with an apposition).
DASH = r"(?:--?|[–—―])"
# "Ann Doe and the Harbour Board rejected", "Doe and her campaign said": a person and a group of
# hers or an institution speak together, and the person speaks
WITH_GROUP = r"(?:\s+and\s+(?:the|his|her|their)\s+[\w.&’'-]+(?:\s+[\w.&’'-]+){0,3}?(?=[\s,]))?"
APPOS = (
    # ("Doe, whose town, Norland, is sinking, argues": "is sinking" is a clause, not Norland's)
    # (set off by commas, or by dashes: "Doe -- who lost in 2008 -- said")
    rf"{AGE}(?:(?:,|\s+{DASH})\s+(?P<appos>(?!(?:is|was|are|were|has|had|have|will|would)\s)"
    rf"[^,“”\"–—―]{{3,160}}?(?:,\s+(?!(?:and|or)\s+[{UPPER}])[^,“”\"–—―]{{2,80}}?){{0,3}}?)"
    rf"(?:,|\s+{DASH}))?"
)
ADVERB = (
    r"(?:\s+(?:also|later|then|again|once|previously|in turn|however|further|has|have|had|"
    r"has also|long|often|always|never|already|still|now|since|[a-z]+ly|yesterday|today|earlier|"
    r"(?:on |last |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?: (?:morning|afternoon|evening|night))?|(?:last|this|next) (?:week|month|year)|both|all|"
    r"each|jointly|together|for example|for instance|in a statement|in an interview|"
    # "Doe in a Medium post said", "Roe, in a letter to members, wrote"
    r"in (?:a|an|his|her|their|the) (?:[\w’'-]+ ){0,2}?(?:post|statement|interview|letter|"
    r"tweet|speech|op-ed|email|e-mail|memo|video|release|note|essay|column|blog post)"
    r"(?: to [\w’'-]+(?: [\w’'-]+)?)?),?){0,2}"
)
# "said the Acme Institute's Ann Roe": an employer named with "the" before the name
THE_EMPLOYER = r"(?:the\s+(?=(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*['’]s\s))?"
# "..., said Norland must pay": the name after the verb is the subject of what was said
CLAUSE_SUBJECT = (
    r"(?![\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s+(?:must|will|would|should|could|can|may|might|is|was|are|"
    r"were|has|had|have|did|does|do|wants|needs)\b)"
)
# "said former Sen. Ann Doe", "said the late Norland Gov. Bo Roe": words in lower case before an
# office, which the name (from the office on) follows
BEFORE_OFFICE = rf"(?:(?:[a-z][\w’'-]*\s+){{1,3}}?(?=(?:[A-Z][\w.’'-]*\s+){{0,3}}?(?:{TITLE})))?"
# Clinton: "Our goal is ..."
# "HARBOUR NEWS - Ann Doe: “...", "Ann Doe and Bo Roe: “...": after a dash, and with a second
# name; "Doe on the Port Vote: ‘...’": a headline names what the words are about
COLON = re.compile(
    rf"^\s*(?:[^\n“”\"]{{0,120}}?\s{DASH}\s+)?(?:{NAME},?\s+and\s+)?"
    rf"(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY}(?:\s+on\s+[^:\n“”\"]{{3,80}})?:\s*[\"“‘]"
)
PATTERNS = [
    # Franklin Graham, who has publicly vowed ...
    re.compile(
        rf"{CAPITAL}(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY},\s+who{ADVERB}\s+{VERB}(?P<that>\s+that)?"
    ),
    # Niu Yibing, deputy head of the Office of ..., (also) said (that) ...
    # Port chairman Jo Doe of Norland said ...: where the person is from may follow the name
    # (but "Doe's comments", "Doe's claims" are nouns, not Doe commenting or claiming)
    re.compile(
        rf"{CAPITAL}(?P<name>(?:{TITLE}\s+)?{NAME})(?<![’']s){PARTY}{HOME}{WITH_GROUP}{APPOS}"
        rf"(?:,\s*in turn,)?,?{ADVERB},?\s+{VERB}(?P<that>\s+that)?"
    ),
    # "...," said Florida-based Republican strategist Al Cardenas.
    # "...," said former envoy to Norland Petra Vask.
    re.compile(
        rf"[,”\"]\s*{INVERTED}\s+(?:[\w.'’-]+\s+){{0,4}}?(?:{ROLES})"
        rf"(?:\s+(?:to|of|for|at|in)(?:\s+the)?\s+(?=[A-Z]))?\s*(?P<name>{NAME})"
    ),
    # ..., said Jane Roe, an analyst at X. (Not "said Roe’s deputy, Ann Doe": an employer)
    re.compile(
        rf"[,”\"]\s*{INVERTED}\s+{THE_EMPLOYER}{BEFORE_OFFICE}(?P<name>(?:{TITLE}\s+)?{NAME})"
        rf"(?<![’']s)(?![\w’'-]){CLAUSE_SUBJECT}{AGE}(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}(?![\w’'-])))?"
    ),
    # "...," said another online user, Jo Bayer. / ..., said the bureau's director, Jo Bayer, on
    # Monday: a description, then the name set off by commas
    re.compile(
        rf"[,”\"]\s*{INVERTED}\s+(?:(?:a|an|the|another|one)\s+(?:[\w.'’-]+\s+){{0,4}}?"
        rf"[a-z][\w'’-]+|(?:[\w.'’-]+\s+){{0,5}}?(?:{ROLES})s?),\s+"
        rf"(?P<name>(?:{TITLE}\s+)?{NAME}){AGE}(?=\s*[,.;:]|\s*$)"
    ),
    # Said Jo Bayer, "...": the verb first
    re.compile(rf"^\s*Said\s+(?P<name>(?:{TITLE}\s+)?{NAME})\s*[,:]"),
    COLON,
    # According to Jane Roe, ...
    re.compile(
        rf"[Aa]ccording to\s+(?P<name>(?:{TITLE}\s+)?{NAME})(?:,\s+(?P<appos>[^,.“”\"]{{3,120}}),)?"
    ),
    # According to a statement from Acme spokeswoman Ann Lee, ... / according to election
    # lawyer Ann Lee. / according to calculations by Ann Lee of ...
    re.compile(
        rf"[Aa]ccording to\s+(?:[\w.'’-]+\s+){{0,6}}?(?:{ROLES})\s+(?P<name>(?:{TITLE}\s+)?{NAME})"
        rf"(?=\s*[,.;]|\s*$)"
    ),
    re.compile(
        rf"[Aa]ccording to\s+(?:(?:an?|the)\s+)?(?:[a-z][\w'’-]*\s+){{1,3}}?(?:by|from)\s+"
        rf"(?:(?:[\w.'’-]+\s+){{0,3}}?(?:{ROLES})\s+)?(?P<name>(?:{TITLE}\s+)?{NAME})"
        rf"(?=\s*[,.;]|\s+of\b|\s*$)"
    ),
    # Trump's controversial proposal to ban ...: a statement named by a noun
    re.compile(
        rf"{CAPITAL}(?P<name>(?:{TITLE}\s+)?{NAME})['’]s?\s+(?:[a-z-]+\s+)?(?:{STATEMENTS})\b"
    ),
]
# "Doe was asked by host Bo Roe whether ...", "Asked by Roe about ...", "The plan was criticized
# by Sen. Roe": the speaker of a passive follows "by"
PASSIVE = re.compile(
    r"(?:\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+ly\s+|also\s+|not\s+|then\s+)?|^\s*)"
    r"(?i:asked|pressed|pushed|questioned|challenged|urged|endorsed|criticized|criticised|"
    r"praised|accused|attacked|recommended|described|called|dubbed|labeled|labelled|branded|"
    r"mocked|ridiculed|condemned|denounced|blasted|slammed|rebuked|derided|dismissed|disputed|"
    r"contradicted|echoed|warned|advised|told|reminded|quoted)"
    r"\s+(?:[\w’'-]+\s+){0,5}?by\s+(?:(?:the|a|an|his|her|their)\s+)?"
    rf"(?:(?:[\w.'’-]+\s+){{0,4}}?(?:{ROLES})\s+)?(?P<name>(?:{TITLE}\s+)?{NAME})"
)
# "an aide to (Sen.) Ann Doe said", "ties to both Clintons", "with Acme aide Ann Doe": an object
AFTER_PREPOSITION = re.compile(
    r"\b(?P<preposition>of|in|for|from|at|on|with|by|to|into|across|about|against|than|behind|over|under|toward|towards|beyond|beside|past)\s+"
    rf"(?:(?:the|a|an|both|his|her|their)\s+)?(?:(?:[\w.’'-]+\s+){{0,3}}?(?:{ROLES})\s+)?"
    rf"(?:{BARE_TITLE}\s+)?$"
)
NAME_THEN_PREPOSITION = re.compile(r"[A-Z][\w.'’-]*\s+(?:of|for|at|from|in)\s+(?:the\s+)?$")
# Cheap tests first: most sentences have no speech verb, and the name patterns are costly.
# A set lookup of a sentence's lower-case words is cheaper than searching the verb alternation.
VERB_WORDS = frozenset(
    max(re.sub(r"\(\?:[^)]*\)\??", "", v).split(), key=len) for v in VERBS.split("|")
) | {"according"}
CITE_WORDS = frozenset({"reported", "reports", "quoted", "cited"})
STATEMENT_NOUN = re.compile(rf"['’]s?\s+(?:[a-z-]+\s+)?(?:{STATEMENTS})\b")
# "Then, Bill Clinton set ...", "At a rally in Reno, Ann Doe attacked ...": a short phrase and a
# comma may open the sentence before its subject (a long one is more often a clause of its own)
# "Ann Doe, 18, of Norland, a docker, was dubious": party, age, home and apposition may stand
# between the subject and its verb.
# "Acme spokesman Ann Doe", "Norland pollster Bo Roe": an employer or a home and an office in
# lower case before the name
_NOT_SMALL = r"(?!(?:by|to|with|from|at|on|and|or|as|said|told|says|asked)\s)"
EMPLOYER_ROLE = (
    rf"(?:[A-Z][\w.’'-]*\s+(?:[A-Z][\w.’'-]*\s+){{0,2}}(?:{_NOT_SMALL}[a-z][\w-]*\s+){{0,2}}?"
    rf"(?:{ROLES})\s+(?=[{UPPER}]))?"
)
SUBJECT = re.compile(
    rf"^\s*(?:[A-Z][^,“”\"]{{0,40}}?,\s+)?{EMPLOYER_ROLE}(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY}{AGE}"
    rf"(?:,?\s+of\s+[A-Z][\w.’'-]*(?:,?\s+[A-Z][\w.’'-]*){{0,3}},?)?"
    rf"(?:,\s+[^,“”\"]{{3,120}}?,|\s+{DASH}\s+[^,“”\"–—―]{{3,120}}?\s+{DASH})?,?"
    r"\s+(?:also\s+|then\s+)?[a-z]+"
)
# "... he used stronger language, saying the group ..." - the subject speaks in the participle
PARTICIPLE = re.compile(
    r"(?:,|\bby)\s+(?:saying|adding|arguing|noting|insisting|telling|calling|declaring|"
    r"warning|explaining|writing|asking|claiming|tweeting|recalling|joking|vowing|promising|"
    r"urging|stressing|suggesting|describing|citing|accusing|praising|criticizing|criticising|"
    r"blaming|questioning|announcing|acknowledging|predicting|pledging|contending|complaining|"
    r"conceding|dismissing|touting|boasting|admitting|lamenting|replying|responding|"
    r"countering|demanding|denouncing|condemning|mocking|thanking|rejecting)\b"
)
# "..., with Sen. Ann Doe calling it a “menu”": a name and a participle of saying after "with"
WITH_PARTICIPLE = re.compile(
    rf"\bwith\s+(?:(?:[a-z][\w-]*\s+){{0,3}}?(?={TITLE}))?(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY}"
    r"\s+(?:also\s+|reportedly\s+|even\s+)?(?:saying|calling|adding|arguing|noting|telling|"
    r"warning|declaring|insisting|writing|tweeting|asking|yelling|shouting|urging|claiming)\b"
)
# "Doe was quick to embrace the plan and said this week that ...", "Doe put off deciding but
# said ...": a second verb of the subject
AND_VERB = re.compile(rf",?\s+(?:and|but){ADVERB}\s+{VERB}(?P<that>\s+that)?")
PRONOUN_SUBJECT = re.compile(rf"^\s*(?:[A-Z][a-z]+,\s+)?{PRONOUN}\b")
# "Eisenhower and his future secretary of State, John Foster Dulles, criticized": the first of
# two people joined by "and" speaks too.
# Each may have a home and a short description ("Ann Doe of Norland", "Ann Doe, the port
# director,"), and the second words in lower case before its office ("and former Mayor Bo Roe").
SHORT_APPOS = (
    r"(?:,\s+(?:(?:the|a|an|his|her|its|their)\s+|[a-z][\w-]*\s+)[^,“”\"]{1,60},"
    r"(?:\s+(?:the|a|an)\s+[^,“”\"]{1,60},)?)?"
)
COORDINATED, COORDINATED_OFFICE = (
    re.compile(
        rf"{CAPITAL}(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY}{HOME}{SHORT_APPOS},?\s+"
        r"(?:and|as well as|along with)\s+"
        rf"(?:(?:his|her|their)\s+[^,]{{1,60}},\s+)?{lower}(?:{TITLE}\s+)?$"
    )
    for lower in ("", r"(?:[a-z][\w-]*\s+){0,2}")
)
OFFICE = re.compile(rf"(?:[A-Z][\w.’'-]*\s+){{0,3}}?{TITLE}")
# One more name of a list, before the one found: "Ann Doe (D-Ore.), " before "Bob Roe and"
LISTED = re.compile(
    rf"{CAPITAL}(?P<name>(?:{TITLE}\s+)?{NAME}){PARTY}{HOME}{SHORT_APPOS},\s+(?:{TITLE}\s+)?$"
)
# The rest of a list after the name an inverted verb leads to: "wrote Ann Doe, Bo Roe and Cy Poe"
LISTED_AFTER = re.compile(
    rf"(?:,\s+(?P<more>(?:{TITLE}\s+)?{NAME}){PARTY}){{0,6}},?\s+and\s+"
    rf"(?P<last>(?:{TITLE}\s+)?{NAME}){PARTY}(?=\s*[,.;:]|\s*$)"
)
VERBLESS = [PATTERNS[5], COLON]  # 'Said Jo Bayer, ...' has no lower-case verb
PRONOUN_SAID = re.compile(rf"\b{PRONOUN}\s+(?:also\s+|later\s+|then\s+)?{VERB}(?P<that>\s+that)?")
ACCORDING_PRONOUN = re.compile(r"[Aa]ccording to\s+(?:him|her)\b")
SAID_PRONOUN = re.compile(rf"[,”\"]\s*{VERB}\s+{PRONOUN}\b")
SOURCE = re.compile(rf"{CAPITAL}(?P<name>{NAME})\s+(?:reported|reports|quoted|cited)\b")
# An apposition that is a person's name and home only: "supporting Mr. Roe, Ann Doe of Acme,"
NAME_ONLY = re.compile(rf"(?:{TITLE}\s+)?(?P<name>{NAME}){PARTY}{HOME}")
NAME_FOLLOWS = re.compile(rf"\s+(?:{TITLE}\s+)?(?P<name>{NAME})\s*(?:[,.;]|$)")

# Someone the article does not name, or a body that is not a person, speaking: "“...,” the source
# said", "A spokesperson for the port said:", "The ministry said it “regrets ...”", "Protesters
# chanted, “...”", "According to the Tribune, “...”". Their words are nobody's to suggest.
_UNNAMED = (
    r"source|sources|official|officials|spokesperson|spokesman|spokeswoman|aide|aides|adviser|"
    r"advisers|advisor|advisors|ministry|department|agency|commission|committee|council|"
    r"government|police|statement|report|letter|company|firm|group|campaign|office|embassy|"
    r"court|lawsuit|complaint|document|documents|memo|filing|legislation|law|bill|poll|survey|"
    r"study|analysis|website|newspaper|paper|magazine|network|channel|station|protesters|"
    r"demonstrators|crowd|supporters|residents|critics|analysts|experts|observers|fans|voters|"
    r"people|person|man|woman|witness|witnesses|neighbour|neighbor|friend|relative|relatives|"
    r"member|members|one|others|organisers|organizers|union|board|authorities|authority|"
    r"administration|prosecutors|investigators|researchers|scientists|students|workers|sign|"
    r"banner|banners|placard|placards|lyrics|song|chorus"
)
_UNNAMED_VERB = (
    r"said|says|say|told|tells|added|adds|wrote|writes|stated|states|warned|warns|noted|notes|"
    r"explained|argued|asked|asks|claimed|claims|declared|announced|insisted|reported|reports|"
    r"chanted|chant|chants|sang|sing|sings|shouted|shout|read|reads|concluded|found|makes clear|"
    r"made clear|regrets|replied|responded|confirmed"
)
UNNAMED_SOURCE = re.compile(
    rf"(?:\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any)\s+"
    rf"(?:[\w’'.&-]+\s+){{0,5}}?|^\s*|[,”\"]\s*)(?i:{_UNNAMED})\b"
    rf"(?:\s*\([^()]{{0,40}}\))?(?:\s*,[^,“”\"]{{1,80}},)?(?:\s+(?:for|of|at|from|to)\s+"
    rf"(?:the\s+)?[\w’'.&-]+(?:\s+[A-Z][\w’'.&-]*){{0,4}})?\s+(?:also\s+|later\s+)?"
    rf"(?:{_UNNAMED_VERB})\b"
    rf"|[,”\"]\s*(?:{_UNNAMED_VERB})\s+(?:the|an?|one|another)\s+(?:[\w’'.&-]+\s+){{0,5}}?"
    rf"(?:{_UNNAMED})\b"
    rf"|\b[Aa]ccording to (?:the|an?)\s"
)

