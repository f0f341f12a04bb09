"""The compiled feature walk gives py3langid's own scores, bit for bit."""
import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from unspun.ingest.language import _identifier, detect_language

TEXTS = [
    "The council voted on Tuesday to delay the new bridge until the spring, its chair said.",
    "Le conseil municipal a voté mardi pour retarder la construction du nouveau pont jusqu'au printemps.",
    "Der Stadtrat stimmte am Dienstag dafür, den Bau der neuen Brücke bis zum Frühjahr zu verschieben.",
    "Городской совет во вторник проголосовал за то, чтобы отложить строительство нового моста до весны.",
    "市議会は火曜日、新しい橋の建設を春まで延期することを決めた。",
    "El consejo votó el martes para aplazar el nuevo puente hasta la primavera, dijo su presidenta.",
    "12345 -- 678 ... !!!",
    "",
    "WORDS IN CAPITALS ONLY, AS A HEADLINE MIGHT BE WRITTEN",
    "BREAKING: MARKETS FALL AS RATES RISE",
    "12 34 56",
]


@pytest.fixture(scope="module")
def plain() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.mark.parametrize("text", TEXTS)
def test_same_scores_as_the_library(plain: LanguageIdentifier, text: str) -> None:
    assert np.array_equal(_identifier()._decide(text), plain._decide(text))
    assert _identifier().classify(text) == plain.classify(text)


def test_languages_named() -> None:
    assert [detect_language(t) for t in TEXTS[:6]] == ["en", "fr", "de", "ru", "ja", "es"]
    assert detect_language(TEXTS[6]) == ""
