"""Countries, their states and provinces, and the capitals and cities that news copy lets
stand for a government or a market ('Beijing said', 'Puerto Rico asked'): names that are never
a person speaking, whatever verb follows them. Written from general knowledge of the world's
places, not read from any article.

Only whole names count: 'Kerry Washington' and 'Paris Hilton' are people, 'Washington' and
'Paris' alone are not."""

from __future__ import annotations

_COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon,
canada, cape verde, colombia, comoros, congo, costa rica, croatia, cuba, cyprus, czechia,
czech republic, denmark, djibouti, dominica, dominican republic, east timor, ecuador, egypt,
el salvador, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia,
germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti, honduras, hungary, iceland,
india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, kazakhstan,
kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya,
liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali, malta,
mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco,
mozambique, myanmar, burma, namibia, nauru, nepal, netherlands, holland, new zealand,
nicaragua, niger, nigeria, north korea, north macedonia, macedonia, norway, oman, pakistan,
palau, palestine, panama, papua new guinea, paraguay, peru, philippines, poland, portugal,
qatar, romania, russia, rwanda, samoa, san marino, saudi arabia, senegal, serbia, seychelles,
sierra leone, singapore, slovakia, slovenia, somalia, south africa, south korea, south sudan,
spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania,
thailand, togo, tonga, trinidad, tunisia, turkey, turkmenistan, tuvalu, uganda, ukraine,
united arab emirates, uae, britain, great britain, england, scotland, wales, northern ireland,
uruguay, uzbekistan, vanuatu, venezuela, vietnam, yemen, zambia, zimbabwe, america, europe,
africa, asia, gaza, west bank, crimea, tibet, hong kong, macau, puerto rico, greenland,
chechnya, kurdistan
"""
# Places whose names are as often a person's (Chad, Georgia, Jordan, Victoria, Sydney, Houston,
# Denver) are left out.
_STATES = """
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada,
new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma,
oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah,
vermont, virginia, west virginia, wisconsin, wyoming, ontario, quebec, british columbia,
alberta, manitoba, saskatchewan, nova scotia, new brunswick, newfoundland, bavaria, saxony,
north rhine-westphalia, north-rhine westphalia, catalonia, andalusia, lombardy, sicily,
tuscany, punjab, kashmir, bengal, tamil nadu, kerala, xinjiang, guangdong, sichuan, siberia,
queensland, tasmania
"""
_CITIES = """
washington, moscow, beijing, tokyo, london, paris, berlin, brussels, rome, madrid, lisbon,
athens, ankara, istanbul, tehran, baghdad, damascus, beirut, riyadh, doha, dubai, abu dhabi,
cairo, jerusalem, tel aviv, kabul, islamabad, new delhi, delhi, mumbai, seoul, pyongyang,
taipei, hanoi, bangkok, manila, jakarta, kuala lumpur, canberra, ottawa, havana, caracas,
bogota, buenos aires, brasilia, mexico city, kyiv, kiev, minsk, warsaw, prague,
budapest, vienna, stockholm, oslo, copenhagen, helsinki, geneva, strasbourg, the hague,
amsterdam, dublin, edinburgh, westminster, whitehall, downing street, wall street,
silicon valley, hollywood, brussels, nairobi, lagos, johannesburg, pretoria, algiers, tripoli,
khartoum, addis ababa, sanaa, tunis, rabat, baku, tbilisi, yerevan, tashkent, astana, shanghai,
hong kong, singapore, melbourne, toronto, montreal, vancouver, chicago, detroit,
los angeles, san francisco, boston, philadelphia, atlanta, miami, seattle,

"""


# What is left of "North Korea" or "New Jersey" once a leading "North" or "New" is read as a
# word of the sentence rather than of the name ("York" is a surname too often to be listed)
_TAILS = "korea, jersey, hampshire, zealand, carolina, dakota, brunswick, timor"
PLACES = frozenset(
    place.strip() for block in (_COUNTRIES, _STATES, _CITIES, _TAILS) for place in block.split(",")
)


def is_place(name: str) -> bool:
    """Whether a capitalised name is a country, a state, a province or a city, and only that."""
    return " ".join(name.casefold().removeprefix("the ").split()) in PLACES
