"""Sentence embeddings: cache, nearest-neighbour channel, and what they add to a scan."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from unspun import scan_articles
from unspun.config import EmbedConfig, ScanConfig
from unspun.embed import DIM, Embedder, VectorCache, nearest_pairs, semantic_scores, text_key
from unspun.errors import MissingExtraError
from unspun.ingest import read_sources

DATA = Path(__file__).parent / "data" / "semantic"
LEXICAL = ScanConfig(embed=EmbedConfig(enabled=False))


def _unit(rng, n, d=DIM):
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


# --- cache and helpers (no model) ------------------------------------------------------------------------


def test_vector_cache_survives_a_restart_and_skips_a_broken_shard(tmp_path):
    cache = VectorCache(tmp_path)
    vec = np.arange(DIM, dtype=np.float32)
    cache.put(text_key("one"), vec)
    assert cache.flush() is not None
    assert cache.flush() is None  # nothing new
    (tmp_path / "vectors-broken.npz").write_bytes(b"not an npz file")
    again = VectorCache(tmp_path)
    assert len(again) == 1
    np.testing.assert_array_equal(again.get(text_key("one")), vec)
    assert again.get(text_key("two")) is None


def test_memory_only_cache_writes_nothing(tmp_path):
    cache = VectorCache(None)
    cache.put(text_key("x"), np.zeros(DIM, dtype=np.float32))
    assert cache.flush() is None and len(cache) == 1


def test_nearest_pairs_finds_planted_near_vectors_exactly_and_with_the_index(monkeypatch):
    import importlib

    assist_module = importlib.import_module("unspun.embed.assist")  # (the package's `assist` is the function)
    rng = np.random.default_rng(3)
    for n, exact_max in ((50, 20_000), (2500, 20_000), (2500, 0)):  # one block; blocks of rows; the HNSW index
        monkeypatch.setattr(assist_module, "_EXACT_MAX", exact_max)
        base = _unit(rng, n)
        twins = base[:10] + 0.05 * _unit(rng, 10)
        vecs = np.vstack([base, twins / np.linalg.norm(twins, axis=1, keepdims=True)])
        found = nearest_pairs(vecs, k=3, min_cosine=0.9)
        assert {(i, n + i) for i in range(10)} <= set(found)
        assert all(i < j for i, j in found) and len(found) == 10  # random vectors are never this close
        assert all(c >= 0.9 for c in found.values())


def test_exact_neighbours_in_blocks_are_each_rows_k_most_similar():
    import importlib

    assist_module = importlib.import_module("unspun.embed.assist")
    vecs = _unit(np.random.default_rng(11), 2600)  # ~1,600 rows a block: two blocks
    idx, sims = assist_module._exact_neighbours(vecs, 4)
    full = vecs @ vecs.T
    for i in (0, 1612, 1613, 2599):  # rows in both blocks and at their edge
        assert set(idx[i].tolist()) == set(np.argsort(-full[i])[:4].tolist())
        assert np.allclose(sorted(sims[i]), sorted(full[i, idx[i]]))


def test_mutual_nearest_leads_are_candidates_below_the_cosine_floor_and_a_crowd_is_not():
    # a source and its rewrite (cosine 0.78, each the other's nearest) and a crowd of texts on one topic:
    # every crowd member is at 0.78 to the next, but its nearest are other crowd members
    rng = np.random.default_rng(5)
    axis = _unit(rng, 1)[0]

    def near(v: np.ndarray, cos: float) -> np.ndarray:
        noise = _unit(rng, 1)[0]
        noise -= (noise @ v) * v
        out = cos * v + np.sqrt(1 - cos**2) * noise / np.linalg.norm(noise)
        return out / np.linalg.norm(out)

    source = _unit(rng, 1)[0]
    crowd = [near(axis, 0.88) for _ in range(6)]  # pairwise ~0.77, each with 5 neighbours as close
    vecs = np.vstack([source, near(source, 0.78), *crowd, _unit(rng, 20)])
    plain = nearest_pairs(vecs, k=8, min_cosine=0.8)
    mutual = nearest_pairs(vecs, k=8, min_cosine=0.8, mutual_k=1, mutual_min_cosine=0.75)
    assert (0, 1) not in plain and (0, 1) in mutual
    crowd_pairs = [k for k in mutual if k[0] >= 2 and k[1] < 8]
    assert len(crowd_pairs) <= 3  # of the crowd's 15 pairs at 0.77, only mutual nearest ones: a matching


def test_nearest_pairs_from_the_index_are_the_same_on_every_run():
    rng = np.random.default_rng(4)
    base = _unit(rng, 2400, 64)
    vecs = np.vstack([base, base[:600] + 0.3 * _unit(rng, 600, 64)])  # loose twins: the graph decides
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    first = nearest_pairs(vecs, k=8, min_cosine=0.5)
    assert len(first) >= 600 and all(nearest_pairs(vecs, k=8, min_cosine=0.5) == first for _ in range(2))


def test_semantic_scores_keep_only_mutual_best_pairs_on_a_0_to_1_scale():
    cfg = EmbedConfig(sentence_floor=0.5, sentence_ceiling=0.9)
    cos = np.array([[0.95, 0.6], [0.7, 0.55], [0.2, 0.1]])
    got = semantic_scores(cos, cfg)
    assert got[0, 0] == 1.0  # above the ceiling
    assert got[0, 1] == 0.0 and got[1, 0] == 0.0  # row 1's best is taken by a better row
    assert got[1, 1] == 0.0  # row 1's best column is 0, so (1, 1) is not mutual
    assert semantic_scores(np.zeros((0, 3)), cfg).shape == (0, 3)


def test_a_missing_extra_falls_back_to_lexical_with_one_note(monkeypatch):
    scan_module = sys.modules["unspun.scan"]

    def missing(config=None) -> None:
        raise MissingExtraError("sentence_transformers", "embed", "Sentence embeddings")

    monkeypatch.setattr(scan_module, "check_available", missing)
    result = scan_articles(read_sources([DATA]))
    lexical = scan_articles(read_sources([DATA]), LEXICAL)
    assert len(result.notes) == 1 and "unspun[embed]" in result.notes[0]
    assert [(p.a, p.b, p.relation) for p in result.pairs] == [(p.a, p.b, p.relation) for p in lexical.pairs]
    assert lexical.notes == ()


# --- with the packaged model ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def embedder():
    return Embedder()


@pytest.mark.slow
@pytest.mark.parametrize("config", [EmbedConfig(), EmbedConfig.minilm()], ids=["static", "minilm"])
def test_a_paraphrase_is_closer_than_a_sentence_on_another_subject(config):
    embedder = Embedder(config)
    v = embedder.encode([
        "The council shut the harbour wall after divers found a crack.",
        "Divers discovered a fracture, so the harbour wall was closed by the council.",
        "A brass band played on the green at the apple festival.",
    ])
    assert v.shape == (3, embedder.dim) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    # Above each model's sentence ceiling vs below its floor: a sure match and a sure non-match.
    assert v[0] @ v[1] > config.sentence_ceiling - 0.1 and v[0] @ v[2] < config.sentence_floor - 0.2


@pytest.mark.slow
def test_the_static_model_is_distilled_once_and_then_read_back():
    from unspun.embed.static import default_model_dir, load_table, table_path

    first = load_table(None, 256)  # distils on a fresh machine (about a minute), reads the file after
    written = table_path(default_model_dir(), 256)
    stamp = written.stat().st_mtime_ns
    again = load_table(None, 256)
    assert first.shape == (30522, 256) and written.stat().st_mtime_ns == stamp
    np.testing.assert_array_equal(again, first)


def test_the_static_model_reads_each_text_as_the_tokenizer_does_though_it_tokenizes_chunks_once(monkeypatch):
    """`StaticModel.ids` tokenizes each distinct space-separated chunk once and joins their ids: equal to the
    tokenizer's own ids on text where the normalizer drops, spaces or strips characters, and cut at the cache's
    bound it still gives every text its ids."""
    from unspun.embed import static
    from unspun.embed.models import _load_static

    model = _load_static(None, 256)
    texts = [
        "Harbour Commissioner Alma Reyes said the pilings had corroded faster than the 1987 survey predicted.",
        "Reyes  said\u00a0the pilings (built in 1987) had corroded \u2014 faster than predicted\u2026",
        "Ünïcode naïve résumé İstanbul straße ﬁnal 東京都 x\x1cy \x1c\x1c tail ",
        " lead", "", "   ", "a" * 150 + " b", "don't.Stop-now, 4.2million £3,500", "scraped \u200b page \u200b",
        "Harbour Commissioner Alma Reyes said the pilings had corroded faster than the 1987 survey predicted.",
    ]
    expected = [enc.ids for enc in model.tokenizer.encode_batch(texts, add_special_tokens=False)]
    monkeypatch.setattr(model, "_chunks", {})
    assert model.ids(texts) == expected
    assert "Reyes" in model._chunks and "" not in model._chunks and model._chunks["\x1c\x1c"] == []
    assert model.ids(texts[::-1]) == expected[::-1]  # every chunk known now, the one with no ids too
    monkeypatch.setattr(model, "_chunks", {})
    monkeypatch.setattr(static, "CHUNKS_MAX", 3)  # past the bound: tokenized, not kept
    assert model.ids(texts) == expected and model._chunks == {}


def test_reducing_the_piece_table_removes_the_direction_all_pieces_share():
    from unspun.embed.static import reduce

    rng = np.random.default_rng(5)
    raw = rng.normal(size=(400, 24)) + 10.0 * rng.normal(size=24)  # every piece leans one way
    cos = lambda m: (m[:200] * m[200:]).sum(1) / np.linalg.norm(m[:200], axis=1) / np.linalg.norm(m[200:], axis=1)
    assert cos(raw).mean() > 0.9  # unrelated pieces look alike before
    table = reduce(raw, dims=8)
    assert table.shape == (400, 8) and abs(cos(table).mean()) < 0.1
    # SIF: the first (most frequent) pieces are weighted down against the rare ones.
    assert np.linalg.norm(table[:5], axis=1).mean() < np.linalg.norm(table[-100:], axis=1).mean()


def test_static_vectors_are_not_written_to_the_vector_cache(tmp_path):
    embedder = Embedder(EmbedConfig(cache_dir=str(tmp_path)))
    embedder.encode(["The harbour wall was closed.", "The harbour wall was closed."])
    embedder.flush()
    assert embedder.encoded == 1 and not list(tmp_path.glob("vectors-*.npz"))


def test_an_unknown_model_name_is_refused_with_the_choices():
    from unspun.embed import check_available

    with pytest.raises(ValueError, match="static"):
        check_available(EmbedConfig(model="bert-large"))


@pytest.mark.slow
def test_a_rescan_reads_vectors_from_the_cache_instead_of_the_model(tmp_path):
    cfg = ScanConfig(embed=EmbedConfig.minilm(cache_dir=str(tmp_path)))
    first = Embedder(cfg.embed)
    one = scan_articles(read_sources([DATA]), cfg, embedder=first)
    assert first.encoded > 0 and list(tmp_path.glob("vectors-*.npz"))
    second = Embedder(cfg.embed)  # a new process would start like this
    two = scan_articles(read_sources([DATA]), cfg, embedder=second)
    assert second.encoded == 0
    assert [(p.a, p.b, p.relation) for p in one.pairs] == [(p.a, p.b, p.relation) for p in two.pairs]


@pytest.mark.slow
def test_a_rewrite_that_rewords_every_sentence_is_found_only_with_embeddings(embedder):
    lexical = scan_articles(read_sources([DATA]), LEXICAL)
    assert not any({p.a, p.b} == {"harbour-original", "harbour-reworded"} for p in lexical.pairs)
    result = scan_articles(read_sources([DATA]), embedder=embedder)
    pair = next(p for p in result.pairs if {p.a, p.b} == {"harbour-original", "harbour-reworded"})
    assert pair.relation == "rewrite" and "embedding" in pair.channels
    assert min(pair.coverage_a, pair.coverage_b) >= 0.6
    assert any(set(s.articles) == {"harbour-original", "harbour-reworded"} for s in result.stories)
    # Another reporter's account of the same closure, and an unrelated festival, are not copies.
    copies = {frozenset((p.a, p.b)) for p in result.pairs if p.relation != "same-story"}
    assert copies == {frozenset(("harbour-original", "harbour-reworded"))}
    assert result.notes == ()


@pytest.mark.slow
@pytest.mark.parametrize("config", [EmbedConfig(), EmbedConfig.minilm(same_story_cosine=0.6)], ids=["static", "minilm"])
def test_independent_reports_of_one_event_are_same_story_and_stay_separate_stories(config):
    result = scan_articles(read_sources([DATA]), ScanConfig(embed=config), embedder=Embedder(config))
    same = {frozenset((p.a, p.b)) for p in result.pairs if p.relation == "same-story"}
    assert frozenset(("harbour-original", "harbour-other-reporter")) in same
    assert not any(frozenset(("orchard-festival", x)) in same for x in ("harbour-original", "harbour-reworded"))
    story_of = {a: s.id for s in result.stories for a in s.articles}
    assert story_of["harbour-other-reporter"] != story_of["harbour-original"]
    assert story_of["harbour-reworded"] == story_of["harbour-original"]


class _OneVector:
    """Every text gets the same unit vector: all sentence pairs look alike, so `decide` sees them all."""

    dim = 4

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def _same_story_setup():
    from conftest import clean
    from unspun.config import AlignConfig
    from unspun.fingerprint import article_features, feature_table
    from unspun.provenance import make_pair

    a = clean("The harbour bridge closed on Monday. Engineers found a crack. Ferries run every hour.", "a")
    # one sentence in common: a lexical match, which the leftovers of a rewrite would leave out
    b = clean("A crack shut the bridge at the start of the week. Engineers found a crack. Repairs take months.", "b")
    tables = [feature_table(article_features(x)) for x in (a, b)]
    from unspun.align import align

    lexical = [make_pair(a, b, align(a, b, tables[0], tables[1], AlignConfig()), "same-story", {"embedding"})]
    leads = np.array([[1.0, 0, 0, 0], [1.0, 0, 0, 0]], dtype=np.float32)
    return a, b, tables, lexical, leads


def test_a_lexical_same_story_pair_is_re_decided_on_all_its_sentences_and_kept_when_still_no_copy():
    from unspun.config import AlignConfig
    from unspun.embed import assist

    a, b, tables, lexical, leads = _same_story_setup()
    seen = []

    def decide(i, j, channels, semantic):
        seen.append(semantic)
        return None

    out = assist([a, b], tables, [(0, 1, frozenset({"embedding"}))], lexical, leads, _OneVector(), EmbedConfig(),
                 AlignConfig(), decide)
    assert len(seen) == 1 and seen[0].shape == (len(a.sentences), len(b.sentences))
    assert (seen[0] > 0).sum(axis=1).all()  # every sentence was embedded, not only a rewrite's leftovers
    assert [p.relation for p in out] == ["same-story"]  # the semantic pass found no copy: the verdict stands


@pytest.mark.slow
def test_the_semantic_pass_gives_the_same_result_in_blocks_of_any_size(monkeypatch, embedder):
    from unspun.report.json import result_to_dict

    whole = scan_articles(read_sources([DATA]), embedder=embedder)
    assert any("embedding" in p.channels for p in whole.pairs)  # the semantic pass had work here
    monkeypatch.setattr(sys.modules["unspun.scan"], "_PARENT_BLOCK", 1)
    assert result_to_dict(scan_articles(read_sources([DATA]), embedder=embedder)) == result_to_dict(whole)


def _far_leads_setup():
    """A harbour report and its chatbot rewrite that opens differently: leads far apart (cosine 0), not linked."""
    from conftest import clean
    from unspun.fingerprint import article_features, feature_table

    a = clean("Ferry crews walked off the job at dawn on Monday. The harbour bridge had closed overnight after "
              "engineers found a crack in its second span. Repairs are expected to take three months.", "a")
    b = clean("Commuters face months of disruption in the port city. Engineers discovered a fracture in the "
              "bridge's second span, forcing its overnight closure. Work on it should last around three months.", "b")
    tables = [feature_table(article_features(x)) for x in (a, b)]
    leads = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]], dtype=np.float32)
    return a, b, tables, leads


class _OwnLeads:
    """Each lead sentence on its own axis, the rest of both texts on a shared one: mean vectors at cosine 0.8."""

    dim = 4

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for n, t in enumerate(texts):
            out[n, 1 if "crews" in t else 2 if "Commuters" in t else 3] = 1.0
        return out


@pytest.mark.parametrize("embedder, body, decided", [
    (_OneVector(), 0.85, True),  # whole texts close: re-aligned although the leads are far apart
    (_OwnLeads(), 0.75, True),  # the leads differ, the rest of both texts is the same
    (_OwnLeads(), 0.85, False),  # ... but the mean vectors (0.8) are under the body gate
    (_OneVector(), None, False),  # the body gate off (`min_pair_body_cosine=None`): the lead decides alone
])
def test_a_rewrite_whose_lead_moved_is_re_aligned_when_its_whole_text_is_close(embedder, body, decided):
    from unspun.config import AlignConfig
    from unspun.embed import assist
    from unspun.provenance import make_pair

    a, b, tables, leads = _far_leads_setup()
    seen = []

    def decide(i, j, channels, semantic):
        seen.append(semantic)
        from unspun.align import align
        return make_pair(a, b, align(a, b, tables[0], tables[1], AlignConfig(), semantic), "rewrite", channels)

    out = assist([a, b], tables, [(0, 1, frozenset({"immutables"}))], [], leads, embedder,
                 EmbedConfig(min_pair_body_cosine=body), AlignConfig(), decide)
    assert bool(seen) == decided
    assert [p.relation for p in out] == (["rewrite"] if decided else [])


def test_a_pair_whose_leads_and_bodies_differ_is_not_re_aligned_and_no_same_story_comes_of_the_body_gate():
    from unspun.config import AlignConfig
    from unspun.embed import assist

    a, b, tables, leads = _far_leads_setup()

    class Apart:  # each article's sentences on their own axis: mean vectors orthogonal
        dim = 4

        def encode(self, texts):
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for n, t in enumerate(texts):
                out[n, 0 if t in a.article.text else 1] = 1.0
            return out

    seen = []
    out = assist([a, b], tables, [(0, 1, frozenset({"immutables"}))], [], leads, Apart(), EmbedConfig(),
                 AlignConfig(), lambda *args: seen.append(args))
    assert seen == [] and out == []
    # close bodies whose alignment is no copy: not even same-story (that verdict stays with the lead gate)
    out = assist([a, b], tables, [(0, 1, frozenset({"immutables"}))], [], leads, _OneVector(), EmbedConfig(),
                 AlignConfig(), lambda *args: None)
    assert out == []


def test_distilled_table_lives_in_the_user_cache_dir_and_follows_xdg(monkeypatch, tmp_path):
    """The static table is cached beside the n-gram table and embedding vectors: $XDG_CACHE_HOME/unspun when set."""
    from unspun.embed.static import default_model_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_model_dir() == tmp_path / "unspun" / "models"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_model_dir() == Path.home() / ".cache" / "unspun" / "models"


def test_with_the_semantic_pass_each_pair_is_explained_once_on_its_final_matches(embedder):
    """The lexical pass decides relations only when the semantic pass runs; the same task explains each pair the
    semantic pass keeps as it was, so every copy pair's edits are `explain_pair`'s on its final matches (the
    assembly after may still drop a direction: siblings, doubted pairs)."""
    from dataclasses import replace

    from unspun.edits.compare import explain_pair

    from unspun.records import Article

    articles = list(read_sources([DATA]))
    source = next(a for a in articles if a.id == "harbour-original")
    # a close copy with one fact changed: the lexical pass finds it whole, so the semantic pass leaves it be
    articles.append(Article("harbour-copy", source.text.replace("Tuesday", "Wednesday"), "test"))
    result = scan_articles(articles, embedder=embedder)
    cleans = {c.id: c for c in result.articles}
    copies = [p for p in result.pairs if p.relation in ("exact", "near-duplicate", "rewrite")]
    assert any("harbour-copy" in (p.a, p.b) for p in copies)
    assert copies and all(p.edits for p in copies if p.relation != "exact")
    for pair in copies:
        again = explain_pair(replace(pair, edits=(), original=None), cleans[pair.a], cleans[pair.b])
        assert again.edits == pair.edits


def test_a_pair_repeating_another_is_explained_once_and_gets_its_edits_under_its_own_ids(embedder, monkeypatch):
    """Two byte-identical copies of one article (a syndicated story crawled twice) make two pairs with its source
    that read the same texts: the lexical and semantic passes work (and explain) the first and give its verdict,
    edits and direction to both."""
    import importlib

    from unspun.records import Article

    scan_module = importlib.import_module("unspun.scan")  # (the package's `scan` attribute is the function)
    articles = list(read_sources([DATA]))
    source = next(a for a in articles if a.id == "harbour-original")
    text = source.text.replace("Tuesday", "Wednesday")
    articles += [Article("harbour-copy", text, "test"), Article("harbour-copy-2", text, "test")]
    explained, assisted = [], []
    real, real_assist = scan_module._explained, scan_module._semantic_chunk
    monkeypatch.setattr(scan_module, "_explained", lambda pair, *rest: explained.append((pair.a, pair.b)) or real(
        pair, *rest))
    monkeypatch.setattr(scan_module, "_semantic_chunk", lambda work, config, cleans, *rest: assisted.extend(
        (cleans[i].id, cleans[j].id) for i, j, _ in work) or real_assist(work, config, cleans, *rest))
    result = scan_articles(articles, embedder=embedder)
    assert ("harbour-original", "harbour-copy") in assisted  # the semantic pass saw the first of the two
    assert ("harbour-original", "harbour-copy-2") not in assisted
    by_ids = {(p.a, p.b): p for p in result.pairs}
    first, second = (by_ids[k] for k in (("harbour-original", "harbour-copy"), ("harbour-original", "harbour-copy-2")))
    assert ("harbour-original", "harbour-copy") in explained
    assert ("harbour-original", "harbour-copy-2") not in explained
    assert second.edits and second.edits == first.edits
    assert (first.original, second.original) in ((None, None), ("harbour-original", "harbour-original"))
    assert second.relation == first.relation and second.matches == first.matches


# --- the whole-text ("embedding-body") channel ---------------------------------------------------------

_SOURCE = (
    "The Kestrel Bay ferry will stop running for six weeks from 3 March while engineers replace the pier's steel "
    "pilings, Harbour Commissioner Alma Reyes said on Tuesday. About 1,400 commuters use the crossing each weekday. "
    "A replacement bus will run every 20 minutes between Kestrel Bay and Portwick station. Reyes said the pilings "
    "had corroded faster than the 1987 survey predicted. The work will cost 4.2 million pounds."
)
_REWRITE_WITHOUT_OPENING = (  # a chatbot rewrite that dropped the opening sentence and reworded the rest
    "Roughly 1,400 people rely on the crossing every weekday. Buses will link Kestrel Bay with Portwick station "
    "every 20 minutes instead. According to Reyes, the pilings corroded more quickly than the 1987 survey had "
    "forecast. The repairs carry a price of 4.2 million pounds."
)
_OTHER_REPORT = (  # the same subject written apart: its own people, places and figures
    "Ferry users in the north of the county face longer journeys this spring. Councillor Tom Hargreaves told a "
    "meeting in Elmstead that three of the region's piers need urgent attention. He blamed salt spray and a decade "
    "of deferred maintenance, and asked ministers for 9 million pounds."
)


def _cleans(*texts):
    from unspun import Article
    from unspun.scan import prepare

    return [prepare(Article(f"t{n}", t, f"test:{n}"), ScanConfig()).clean for n, t in enumerate(texts)]


class _FakeEmbedder:
    """A vector per text from its words, so a test knows every sentence's vector without a model."""

    dim = DIM

    def encode(self, texts, keep=False):
        out = np.zeros((len(texts), self.dim), np.float32)
        for n, t in enumerate(texts):
            for w in t.split():
                out[n, hash(w.strip(".,").lower()) % self.dim] += 1.0
            out[n] /= np.linalg.norm(out[n]) or 1.0
        return out


def test_body_vectors_are_each_articles_mean_sentence_vector_and_zero_without_a_lead():
    from unspun.embed import body_vectors

    cleans = _cleans(_SOURCE, _OTHER_REPORT, _REWRITE_WITHOUT_OPENING)
    fake = _FakeEmbedder()
    leads = np.ones((3, DIM), np.float32)
    leads[1] = 0.0  # e.g. a language the model does not know: kept out of every embedding channel
    bodies = body_vectors(cleans, fake, leads, chunk=2)  # chunks of 2 articles: the third starts a new batch
    for n in (0, 2):
        mean = fake.encode([s.text for s in cleans[n].sentences]).mean(axis=0)
        assert np.allclose(bodies[n], mean / np.linalg.norm(mean), atol=1e-6)
    assert not bodies[1].any()
    first_two = body_vectors(cleans, fake, leads, n_sentences=2)[0]
    mean = fake.encode([s.text for s in cleans[0].sentences[:2]]).mean(axis=0)
    assert np.allclose(first_two, mean / np.linalg.norm(mean), atol=1e-6)


def test_the_body_channel_proposes_a_near_text_only_when_one_side_carries_the_others_details():
    from unspun.scan import _add_body_candidates

    cleans = _cleans(_SOURCE, _REWRITE_WITHOUT_OPENING, _OTHER_REPORT)
    bodies = np.tile(_unit(np.random.default_rng(3), 1), (3, 1))  # all three equally near: one topic
    candidates: dict[tuple[int, int], set[str]] = {}
    _add_body_candidates(cleans, candidates, bodies, ScanConfig(embed=EmbedConfig(body_neighbours=2)))
    assert candidates == {(0, 1): {"embedding-body"}}  # the rewrite keeps the source's figures and names
    # a pair another channel proposed keeps its place and is tagged with this channel too
    candidates = {(1, 2): {"minhash"}}
    _add_body_candidates(cleans, candidates, bodies, ScanConfig(embed=EmbedConfig(body_neighbours=2)))
    assert candidates == {(0, 1): {"embedding-body"}, (1, 2): {"minhash", "embedding-body"}}


def test_above_its_article_limit_the_whole_text_channel_is_off_and_the_scan_says_so():
    articles = list(read_sources([DATA]))
    off = scan_articles(articles, ScanConfig(embed=EmbedConfig(body_max_articles=len(articles) - 1)))
    assert any("whole-text embedding channel is off" in n for n in off.notes)
    assert not any("embedding-body" in p.channels for p in off.pairs)
    on = scan_articles(articles, ScanConfig())
    assert not any("whole-text" in n for n in on.notes)


def test_a_static_embedder_keeps_vectors_asked_to_keep_and_never_runs_them_again(monkeypatch):
    runs: list[list[str]] = []

    def fake_run(self, texts):
        runs.append(list(texts))
        return np.stack([np.full(8, len(t), np.float32) / np.sqrt(8 * len(t) ** 2) for t in texts])

    monkeypatch.setattr(Embedder, "dim", property(lambda self: 8))
    monkeypatch.setattr(Embedder, "_run", fake_run)
    embedder = Embedder(EmbedConfig())
    first = embedder.encode(["The pier closed.", "Buses replace the ferry."], keep=True)
    again = embedder.encode(["Buses replace the ferry.", "The pier closed.", "Repairs cost 4.2 million."])
    assert runs == [["The pier closed.", "Buses replace the ferry."], ["Repairs cost 4.2 million."]]
    assert np.array_equal(again[:2], first[::-1]) and embedder.encoded == 3
    # without `keep`, a static vector lives for its call only
    embedder.encode(["Repairs cost 4.2 million."])
    assert runs[-1] == ["Repairs cost 4.2 million."]
