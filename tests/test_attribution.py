"""The learned attribution tagger: tokenizer, brat reading, labels, and that the CRF learns a tiny set."""
from __future__ import annotations

from pathlib import Path

import pytest

from unspun.claims import crf as A

DATA = Path(__file__).parent / "data" / "attribution"

pytest.importorskip("pycrfsuite")


def _roles(text: str, atts: list[A.Attribution], role: str) -> set[str]:
    return {" | ".join(text[a:b] for a, b in getattr(x, role)) for x in atts if getattr(x, role)}


def test_tokenize_offsets_and_possessives() -> None:
    text = "Trump’s aide didn’t say “no,” U.S. officials said."
    toks = A.tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    assert words[:3] == ["Trump", "’s", "aide"]
    assert "didn’t" in words and "“" in words and "”" in words


def test_paragraphs_split_on_blank_lines() -> None:
    text = "Title\n\nFirst para.\nSame para.\n\n\nSecond."
    assert [text[a:b] for a, b in A.paragraphs(text)] == ["Title", "First para.\nSame para.", "Second."]


def test_read_brat_dir_reads_discontinuous_content() -> None:
    examples = A.read_brat_dir(DATA)
    assert len(examples) == 6
    text, atts = examples[2]
    split = [a for a in atts if len(a.content) == 2]
    assert len(split) == 1
    assert [text[a:b] for a, b in split[0].content] == ["“Stay away from the piers,”", "“the waves will be higher than the walls.”"]
    assert text[slice(*split[0].source[0])] == "coast guard officer Mira Lund"


def test_labels_round_trip_to_spans() -> None:
    text, atts = A.read_brat_dir(DATA)[2]
    roles: list[tuple[str, tuple[int, int]]] = []
    contents = []
    for toks in A.paragraph_tokens(text):
        r, c = A.token_labels(toks, atts)
        roles += A.label_spans(toks, r)
        contents += A.label_spans(toks, c)
    assert {s for k, s in roles if k == "Cue"} == {a.cue[0] for a in atts}
    assert {s for k, s in roles if k == "Source"} == {a.source[0] for a in atts}
    # first fragments are C, the second piece of the broken quote is K
    assert sorted(s for k, s in contents if k == "C") == sorted(a.content[0] for a in atts)
    assert [s for k, s in contents if k == "K"] == [a.content[1] for a in atts if len(a.content) == 2]


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> A.AttributionTagger:
    examples = A.read_brat_dir(DATA)[:5]
    return A.train_tagger(examples, tmp_path_factory.mktemp("attr"), A.AttributionConfig(max_iterations=80, c1=0.0, c2=0.01))


def test_learns_training_documents(tagger: A.AttributionTagger) -> None:
    for text, gold in A.read_brat_dir(DATA)[:5]:
        pred = tagger.tag(text)
        for role in ("source", "cue", "content"):
            assert _roles(text, pred, role) == _roles(text, gold, role), (role, text[:40])


def test_links_roles_into_attributions(tagger: A.AttributionTagger) -> None:
    text, _ = A.read_brat_dir(DATA)[0]
    pred = tagger.tag(text)
    triples = {(text[slice(*a.source[0])], text[slice(*a.cue[0])]) for a in pred if a.source and a.cue}
    assert ("Mayor Lena Ortiz", "said") in triples and ("the city budget office", "According to") in triples
    said = next(a for a in pred if a.source and text[slice(*a.source[0])] == "Mayor Lena Ortiz")
    assert text[slice(*said.content[0])] == "the harbour bridge would reopen in April"


def test_generalizes_to_unseen_document(tagger: A.AttributionTagger) -> None:
    text, gold = A.read_brat_dir(DATA)[5]
    pred = tagger.tag(text)
    got_cues = {c for a in pred for c in a.cue}
    gold_cues = {c for a in gold for c in a.cue}
    assert len(got_cues & gold_cues) >= 4 and len(got_cues - gold_cues) <= 1
    # the quote before "she said" is content in a document it has not seen
    assert "“Every child should eat well at school,”" in _roles(text, pred, "content")
    assert not _roles(text, tagger.tag("The bridge is long and the river is wide.\n"), "cue")
