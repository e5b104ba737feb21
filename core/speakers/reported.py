"""Reported speech: the clause a speech verb introduces ("Doe said the port would reopen"),
cut at the sentence's end, never inside a number ("44,947") or on a stray quotation mark."""

from __future__ import annotations

import re

from core.speakers import cues
from core.speakers.article import _QUOTE_MARK, _QUOTE_MARKS, _QUOTE_OR_COMMA, _TIME_THEN_THAT

# "One of the dockers, Ann Doe, said Roe's plan will fail": a clause after the verb is what was
# said, so the words before the name describe her. (", Doe said on Monday." and ", Doe said in
# Reno." end the attribution with a time or a place instead.)
_CLAUSE_AFTER = re.compile(
    r"\s*(?!(?:on|in|at|after|before|during|when|while|as|of|to|from|with|last|this|next|"
    r"yesterday|today|tonight|earlier|later|recently|again|then|also|afterward|afterwards|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[\w’'“\"-]+\s+[\w’'-]+\s+\S"
)
_TELLS = re.compile(r"\b(?:told|tells|assured|assures|informed|reminded|reminds|begged|urged)$")
_BUT_ANOTHER = re.compile(
    r",\s+(?:but|while|whereas)\s+(?=(?:the|a|an|his|her|their|its|[A-Z][\w’'-]+)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:is|are|was|were|has|have|had|will|would|could|can|did|does|do|"
    r"[a-z]+ed|[a-z]+s)\b)"
)
_TOLD_THAT = re.compile(r"\s+(?:[\w’'-]+\s+){1,12}?that\s+(?=\S)")
_LISTENER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|some|several|a\s+few)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+"
    r"|[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}|reporters|journalists|supporters|voters|"
    r"lawmakers|members|colleagues|students|workers|dockers|me|us|him|her|them)"
    r"(?:\s+(?:on|in|at)\s+[A-Z]\w+)?,?\s+(?:that\s+)?"
    r"(?=(?:he|she|they|it|we|I|the|a|an|his|her|their|this|there|[A-Z])\b)"
)
# "One of the dockers, ": a short description set off by a comma before the name
_DESCRIPTION_BEFORE = re.compile(r"\s*[^,;:“”\"]{3,60},\s*")


def reported_span(
    sentence: str, offset: int, match: re.Match[str], quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """What is reported, as a span of the text: the clause after 'said that' / 'according to
    X,', or the part of the sentence before ', he said'. None when those words are quoted:
    they are kept as direct quotes."""
    said = match.group(0).removesuffix(match.groupdict().get("that") or "").rstrip()
    if any(f" {said}".endswith(f" {stand}") for stand in cues.STANDS):
        return None  # 'Doe plans a new port': Doe is a source, but these are not her words
    span = reported_words(sentence, match, bool(quotes))
    if span is None:
        return None
    if (but := _BUT_ANOTHER.search(sentence, span[0], span[1])) and len(
        sentence[span[0] : but.start()].split()
    ) >= 3:
        # "Doe said the deal would close, but the rivals have been reluctant": the writer's
        span = (span[0], but.start())
    start, end = whole_numbers(sentence, offset, offset + span[0], offset + span[1])
    # Reported words may hold a short quotation whole ('said Trump has “several ways” of'), but
    # never cut one, nor open or close on a stray mark.
    cuts = any(
        qs - 1 <= end and start <= qe + 1 and not (start < qs and qe < end) for qs, qe in quotes
    )
    words = sentence[span[0] : span[1]]
    stray = words.lstrip()[:1] in _QUOTE_MARKS or len(_QUOTE_MARK.findall(words)) % 2 == 1
    return None if cuts or stray else (start, end)


def whole_numbers(sentence: str, offset: int, start: int, end: int) -> tuple[int, int]:
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


def reported_words(sentence: str, match: re.Match[str], quoted: bool) -> tuple[int, int] | None:
    after = sentence[match.end() :]
    # "said Thursday that ...", "said last month that ...": the clause starts after "that"
    that = _TIME_THEN_THAT.match(after)
    if that is None and _TELLS.search(match.group(0)):
        # "Doe told the committee he tried ...", "told Harbour Weekly the claims are false": the
        # clause starts after the one who was told
        that = _TOLD_THAT.match(after) or _LISTENER.match(after)
    clause_start = match.end() + (that.end() if that else len(after) - len(after.lstrip(" ,:")))
    lead = sentence[: match.start()].rstrip()
    if "according" in match.group(0).lower() and lead.endswith(",") and len(lead.split()) >= 4:
        # "The port will close in May, according to Ann Doe of Acme.": what precedes
        return len(sentence) - len(sentence.lstrip()), len(lead) - 1
    opens_clause = (
        match.groupdict().get("that")
        or "according" in match.group(0).lower()
        or match.re is cues.PARTICIPLE
        or match.re is cues.AND_VERB
    )
    if opens_clause and len(after.split()) >= 3:
        return clause_start, len(sentence.rstrip())
    lead = sentence[: match.start()]
    described = _DESCRIPTION_BEFORE.fullmatch(lead) and _CLAUSE_AFTER.match(after)
    if len(after.split()) >= 4 and (
        described or len(lead.split()) <= 5 and not _QUOTE_OR_COMMA.search(lead)
    ):
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
    closes = (len(after.split()) <= 6 and not _CLAUSE_AFTER.match(after)) or (
        "," in after and len(after.split(",")[0].split()) <= 8
    )
    if set_off and closes and len(before.split()) >= 4 and match.start() > len(sentence) // 3:
        return len(sentence) - len(sentence.lstrip()), len(before)
    return None
