"""Common English given names that mark a person as a man or a woman, so that 'she said' is not
given to the man named last. Only names borne almost always by one sex are listed (not 'Jordan',
'Leslie', 'Robin'); a name not listed tells nothing. Written from general knowledge of common
given names, not read from any article."""

from __future__ import annotations

_MALE = """
aaron adam adrian al alan albert alex alexander alfred andrew andy anthony antonio arnold
arthur austin barry ben benjamin bernard bernie bill billy bob bobby brad bradley brandon brent
brett brian bruce bryan carl carlos charles charlie chad chris christopher chuck clarence clark
colin craig curtis dale dan daniel danny darrell dave david dennis derek dick don donald doug
douglas duane dwight earl ed eddie edward elijah eric ernest eugene evan frank franklin fred
frederick gabriel gary gene geoffrey george gerald glenn gordon graham greg gregory harold
harry harvey henry herbert howard hugh ian isaac jack jacob jake james jason jeff jeffrey
jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan joseph josh joshua juan
justin keith ken kenneth kevin kyle larry lawrence lee leonard lewis louis luis luke marco
marcus mark martin matt matthew max michael mike mitch mitchell mohammed muhammad nathan neil
nicholas nick noah norman oliver oscar patrick paul pete peter phil philip phillip ralph randy
raymond richard rick rob robert rod roger ron ronald ross roy rudy rupert russell ryan sam
samuel scott sean seth shawn stanley stephen steve steven stuart ted terry thomas tim timothy
todd tom tommy tony travis troy victor vincent vladimir walter warren wayne william willie
zachary
"""
_FEMALE = """
abigail alice alicia alison allison amanda amber amy andrea angela ann anna anne annie barbara
betty beverly brenda bridget carly carol caroline carolyn catherine cathy charlotte cheryl
chelsea christina christine cindy claire claudia colleen cynthia dana deborah debbie debra
denise diana diane dianne donna doris dorothy elaine eleanor elizabeth ellen emily emma erin
evelyn frances gabrielle gail gloria grace hannah heather heidi helen hillary holly jane janet
janice jean jeanne jennifer jessica jill joan joanne joyce judith judy julia julie karen kate
katherine kathleen kathryn kathy katie kay kelly kimberly kristen laura lauren linda lisa lois
loretta lori louise lucy lynn madeleine margaret maria marie marilyn martha mary maureen megan
melanie melissa michelle monica nancy natalie nicole nikki olivia pamela patricia paula peggy
rachel rebecca rita rose ruth sally samantha sandra sara sarah sharon shirley sophia stephanie
sue susan suzanne tammy teresa theresa tiffany tina valerie victoria virginia wendy
"""
MALE = frozenset(_MALE.split())
FEMALE = frozenset(_FEMALE.split())


def pronoun_for(name: str) -> str | None:
    """'he', 'she' or None for a full name by its first word ('Ann Doe' -> 'she')."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].casefold()
    return "he" if first in MALE else "she" if first in FEMALE else None
