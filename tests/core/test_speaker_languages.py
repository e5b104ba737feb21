"""The finder reads English: an article in another language of the Latin script gives no
suggestions rather than nonsense ("Zwei Jahre" as a speaker). Texts invented for the test."""

from __future__ import annotations

import pytest

from core.speakers.finder import find

GERMAN = (
    "Neuer Hafen für Westdorf.\n\n"
    "Die Stadt will den alten Hafen bis zum Sommer umbauen. „Wir haben lange genug gewartet, "
    "und jetzt ist die Zeit gekommen“, sagte Bürgermeisterin Ada Brek am Montag vor dem Rat. "
    "Zwei Jahre hatte die Planung gedauert, bis alle Gutachten vorlagen. Ivo Lind, der Sprecher "
    "der Hafenarbeiter, erklärte, die Kräne seien zu alt für die neuen Schiffe. „Wenn wir nichts "
    "tun, verlieren wir die Reederei an den Nachbarort“, sagte Lind. Die Opposition im Rat "
    "verlangte eine neue Berechnung der Kosten, weil die Preise für Stahl gestiegen seien. Eine "
    "Entscheidung soll im Herbst fallen, wenn der Haushalt für das kommende Jahr beraten wird."
)
FRENCH = (
    "Un nouveau port pour Westville.\n\n"
    "La ville veut transformer le vieux port avant l'été. « Nous avons attendu assez longtemps, "
    "et le moment est venu », a déclaré la maire Ada Brek lundi devant le conseil. Deux années "
    "de travaux ont été nécessaires avant que toutes les expertises soient prêtes. Ivo Lind, le "
    "porte-parole des dockers, a expliqué que les grues étaient trop vieilles pour les nouveaux "
    "navires. « Si nous ne faisons rien, nous perdrons la compagnie au profit du village voisin », "
    "a dit Lind. L'opposition a demandé un nouveau calcul des coûts, parce que le prix de l'acier "
    "a augmenté. Une décision doit être prise à l'automne, lorsque le budget sera discuté."
)
SPANISH = (
    "Un puerto nuevo para Villaoeste.\n\n"
    "La ciudad quiere reformar el viejo puerto antes del verano. «Hemos esperado demasiado, y "
    "ahora ha llegado el momento», dijo la alcaldesa Ada Brek el lunes ante el consejo. Dos años "
    "de planificación fueron necesarios hasta que todos los informes estuvieron listos. Ivo Lind, "
    "el portavoz de los estibadores, explicó que las grúas eran demasiado viejas para los nuevos "
    "barcos. «Si no hacemos nada, perderemos la naviera frente al pueblo vecino», dijo Lind. La "
    "oposición pidió un nuevo cálculo de los costes, porque el precio del acero ha subido. Una "
    "decisión se tomará en otoño, cuando se debata el presupuesto del año que viene."
)
ENGLISH = (
    "A new harbour for Westvale.\n\n"
    "The town wants to rebuild the old harbour before the summer. “We have waited long enough, "
    "and now the time has come,” Mayor Ada Brek told the council on Monday. Two years of "
    "planning were needed before all the surveys were ready. Ivo Lind, who speaks for the "
    "dockers, said the cranes were too old for the new ships. “If we do nothing, we will lose "
    "the shipping line to the next town,” Lind said. The opposition asked for the costs to be "
    "worked out again, because the price of steel has risen. A decision is due in the autumn, "
    "when the budget for the coming year is debated by the council and its committees."
)


@pytest.mark.parametrize("text", [GERMAN, FRENCH, SPANISH], ids=["de", "fr", "es"])
def test_an_article_in_another_latin_script_language_gives_no_suggestions(text: str) -> None:
    assert find(text).speakers == []


def test_the_same_article_in_english_gives_its_speakers() -> None:
    assert {s.name for s in find(ENGLISH).speakers} == {"Ada Brek", "Ivo Lind"}


def test_tokens_that_are_no_words_of_any_language_do_not_make_english_foreign() -> None:
    filler = " ".join(f"lot{i}code{i * 7}" for i in range(400))  # a list of codes, or numbers
    text = f"Harbour plan.\n\n{filler}.\n\n“We will rebuild the harbour,” said Mayor Ada Brek."
    assert {s.name for s in find(text).speakers} == {"Ada Brek"}
