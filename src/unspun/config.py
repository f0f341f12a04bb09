"""Every tunable in one place: one small frozen dataclass per stage, combined in `ScanConfig`.

Stages take only their own sub-config (thin adapters); defaults here are the documented defaults.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def user_cache_dir() -> Path:
    """The default directory for what unspun keeps between runs (embedding vectors, parsed count tables):
    $XDG_CACHE_HOME/unspun, else ~/.cache/unspun."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unspun"


@dataclass(frozen=True)
class CleanConfig:
    """Sentence splitting and scraper-noise removal."""

    min_duplicate_chars: int = 25  # shorter repeats ("Advertisement") are boilerplate, not captions
    min_sentence_chars: int = 3
    max_sentence_chars: int = 300  # longer run-on "sentences" (web pages, lists) are cut at clauses


@dataclass(frozen=True)
class FingerprintConfig:
    """MinHash over word shingles plus the immutables signature."""

    num_perm: int = 128
    shingle_size: int = 3
    seed: int = 1
    details: bool = True  # each text's details hashed for the "details" candidate channel (`CandidateConfig`)


@dataclass(frozen=True)
class CandidateConfig:
    """LSH banding and the immutables channel; they propose pairs, never decide them."""

    bands: int = 32  # rows = num_perm // bands; 32x4 catches Jaccard >= ~0.3 with high probability
    max_bucket: int = 200  # a band bucket bigger than this is boilerplate, not a copy group
    min_shared_immutables: int = 3
    min_immutable_overlap: float = 0.25  # shared / smaller immutables set
    max_immutable_df: float = 0.05  # immutables in more than this share of articles are too common
    max_immutable_df_abs: int = 50
    min_immutable_df_cap: int = 10  # small corpora: a story told by 10 articles keeps its names
    # The "details" channel: pairs sharing this many details (`fingerprint.specific_words`: figures and words rarer
    # than Zipf 5, lowercase terms too) and this share of the smaller set, under the same document-frequency caps.
    # A chatbot rewrite keeps its source's details while sharing few word sequences with it (MinHash misses it) and,
    # on a text with few names or figures, too few immutables: ai-rewrites `--no-embed` found 0.675 -> 0.875, the
    # whole ceiling of the lexical alignment (every labelled pair proposed: 0.875); docs/how-it-works.md.
    min_shared_details: int = 5
    min_detail_overlap: float = 0.3


@dataclass(frozen=True)
class NearDupConfig:
    """The corpus-scale near-duplicate stage (`unspun dedup`): one-permutation MinHash + LSH bands.

    16 bands of 8 rows put the LSH threshold near Jaccard 0.71: a pair at 0.8 becomes a candidate
    with p ~= 0.95, at 0.9 with p > 0.999, at 0.5 with p ~= 0.06. Band index: 8 * bands bytes/article.
    """

    num_perm: int = 128  # bins of the one-permutation MinHash; a power of two
    bands: int = 16
    shingle_size: int = 3  # word n-grams
    threshold: float = 0.8  # estimated Jaccard at or above which a candidate is a near-duplicate
    window: int = 8  # a bucket member is checked against the first member and this many predecessors
    seed: int = 1
    batch_size: int = 1000  # texts hashed together; ~40 kB of temporaries per 600-word text
    tune_malloc: bool = True  # let glibc reuse freed batch memory (see sketch.tune_malloc)


@dataclass(frozen=True)
class AlignConfig:
    """Sentence alignment: a sentence pair counts as matched at or above `min_score`."""

    min_score: float = 0.42
    context_min_score: float = 0.3  # leftovers may match this low once the pair has strong matches
    context_min_matches: int = 2
    copy_score: float = 0.92  # character-level similarity at which a match is a verbatim copy
    immutable_weight: float = 2.0
    content_weight: float = 1.0
    skeleton_weight: float = 0.6
    mismatch_penalty: float = 0.5  # per immutable present on one side only (numbers/names differ)


@dataclass(frozen=True)
class RelationConfig:
    """How alignments become verdicts."""

    near_duplicate_copy_coverage: float = 0.8  # share of the shorter text copied verbatim
    rewrite_coverage: float = 0.5  # share of the shorter text matched at all
    min_matched_sentences: int = 2
    min_pair_score: float = 0.45
    # "rewrite" needs evidence of derivation (provenance.derived); chosen on ECB+ and ai-rewrites
    derived_copy_coverage: float = 0.2  # verbatim copies covering this share of the shorter text suffice
    min_derived_sentences: int = 3  # else: at least this many paraphrase matches whose immutables agree,
    derived_min_coverage: float = 0.4  # covering this share of the shorter text (and as much of its length in the longer)
    derived_min_score: float = 0.25  # with this length-weighted match score
    # ... and the derivative's details carried over (fingerprint.detail_inclusion): a chatbot rewrite keeps its
    # source's specific words, a text written from the headline alone has its own (ai-rewrites: pos 10th pct 0.61,
    # headline-only pairs called rewrites 90th pct 0.45-0.49)
    derived_min_inclusion: float = 0.5
    # a derivative whose sentences nearly all have an agreeing match keeps its source's sentence plan; then a lower
    # inclusion and score suffice (a rewrite of a much longer original scores low: the original is mostly unmatched)
    derived_plan_coverage: float = 0.85
    derived_plan_min_inclusion: float = 0.4
    derived_plan_min_score: float = 0.15
    # ... or the shorter text retold well on its own side (`provenance._retold_score`: its matched share weighted by
    # match score), whatever the pair's score: a summary of a long source (ai-rewrites `--condense 0.5`: 3 more found;
    # no headline-only pair reaches the detail test through it)
    derived_retold_score: float = 0.6
    # or the derivative's names and figures nearly all carried over (a thesaurus spin swaps the uncommon words)
    derived_min_immutables: int = 5
    derived_immutables_inclusion: float = 0.9


@dataclass(frozen=True)
class ExplainConfig:
    """Word-level edits between aligned versions, and which version is the original."""

    split_cover: float = 0.6  # an unmatched sentence whose words are this covered by a neighbour is its split
    max_inserted_flip_tokens: int = 3  # a longer one-sided insertion/deletion is not read as a negation flip
    direction_min_confidence: float = 0.55  # below this the original is unknown (calibrated on odd undated benchmark pairs)
    flip_min_valence: float = 1.0  # swapped words this clearly positive vs negative (VADER scale) are a flip


@dataclass(frozen=True)
class EmbedConfig:
    """Sentence embeddings (the `embed` extra): a candidate channel and help for aligning leftovers.

    Used only where it pays: one lead vector per article for the nearest-neighbour channel, and
    sentence vectors only for the sentences a candidate pair's lexical alignment left unmatched.
    """

    enabled: bool = True  # falls back to lexical-only (with one note) when the extra is missing
    # "static": a word-piece table distilled once from the packaged MiniLM (no transformer at scan
    # time; docs/semantic.md); "minilm": the transformer itself, ~10x the scan time. Use
    # `EmbedConfig.minilm()` for MiniLM with its own calibrated sentence thresholds.
    model: str = "static"
    static_dims: int = 256  # principal components kept in the distilled table
    model_dir: str | None = None  # where the distilled table is written once; None = user_cache_dir()/models (~/.cache/unspun/models)
    batch_size: int = 64
    max_seq_length: int = 64  # word pieces per text; a lead longer than this is cut
    lead_sentences: int = 2  # the article vector embeds this many leading sentences as one text
    neighbours: int = 8  # nearest articles asked of the index per article
    min_article_cosine: float = 0.8  # lead vectors at least this close become "embedding" candidates
    # ... and down to `mutual_min_cosine` when each lead is among the other's `mutual_neighbours` nearest
    # (a rewrite's lead is its source's nearest; embed.assist._mutual)
    mutual_neighbours: int = 2
    mutual_min_cosine: float = 0.75
    # ... and each article's `body_neighbours` nearest by whole text (mean sentence vector, `embed.assist.body_vectors`)
    # at >= `min_body_cosine` become "embedding-body" candidates: a rewrite that opens differently (its first
    # sentence dropped or rewritten: ai-rewrites-wiki recall 0.970 -> 0.875 by leads alone) still retells the whole
    # source. 0 turns it off (MiniLM does: every sentence through the transformer costs more than the scan).
    # A summary's body vector spans its whole source while the source's covers only its first `body_sentences`, so
    # a rewrite half its source's length sits lower (ai-rewrites `--condense 0.5`: 0.86-0.93) and among more
    # same-topic texts: 4 neighbours at >= 0.85 (were 2 at >= 0.9) find 4 more of 200 such rewrites, none on the full
    # set, at the same pairs and within the noise in time on 10k synthetic articles (docs/benchmarks.md, stop 41).
    body_neighbours: int = 4
    body_sentences: int = 12  # the body vector's sentences, from the first (0: all)
    min_body_cosine: float = 0.85
    # ... up to this many articles (exact neighbour search); above, off with a note: at 100k synthetic articles it
    # cost +148 s of 470 (a second HNSW index, every article's sentences encoded), brought the parent to 3,994 MB
    # and added 11,778 pairs whose precision nothing there measures (docs/semantic.md)
    body_max_articles: int = 20_000
    sentence_floor: float = 0.6  # cosine that maps to alignment score 0 (static; MiniLM: 0.5)
    sentence_ceiling: float = 0.9  # cosine that maps to alignment score 1 (static; MiniLM: 0.85)
    min_pair_cosine: float = 0.7  # lead cosine below which a pair is not re-aligned (static; MiniLM: 0.5)
    # ... unless its mean sentence vectors are this close (None: the lead decides alone); then only a copy verdict is
    # taken. ai-rewrites-wiki: every rewrite >= 0.87 (2nd pct 0.93, leads down to 0.71), pairs across groups 98th pct 0.84
    min_pair_body_cosine: float | None = 0.85
    # ISO 639-1 languages the model was trained on (the packaged all-MiniLM-L6-v2: English); other
    # articles are matched lexically only. A multilingual model would list its languages here.
    languages: tuple[str, ...] = ("en",)
    leftover_min_lexical: float = 0.05  # a rewrite's unmatched sentence is embedded only with this overlap
    same_story_cosine: float = 0.85  # mean sentence-vector cosine of an unlinked pair called "same-story" (MiniLM: 0.75)
    cache_dir: str | None = None  # on-disk MiniLM vector cache; None keeps vectors in memory only

    @classmethod
    def minilm(cls, **overrides: object) -> "EmbedConfig":
        """MiniLM itself, with the sentence thresholds calibrated for its cosines."""
        calibrated = {"sentence_floor": 0.5, "sentence_ceiling": 0.85, "min_pair_cosine": 0.5, "same_story_cosine": 0.75,
                      "min_pair_body_cosine": None, "body_neighbours": 0}  # MiniLM's lead gate is low already; the body gate is not calibrated for it
        return cls(**{"model": "minilm", **calibrated, **overrides})  # type: ignore[arg-type]


@dataclass(frozen=True)
class ClusterConfig:
    """Stories from the pair graph: structural similarity stops one hub from chaining groups."""

    min_structural: float = 0.8  # closed-neighbourhood cosine for an edge to hold a group together


@dataclass(frozen=True)
class EventConfig:
    """Event grouping: weights and the stopping similarity (chosen on ECB+ topics 1-22)."""

    lead_sentences: int = 4  # title line + first sentences make the signature
    names_weight: float = 0.5  # share of the similarity from shared lead names (IDF-weighted Jaccard)
    year_conflict: float = 1.0  # subtracted when both leads give years and share none (a veto: sims are <= 1)
    min_similarity: float = 0.28  # average-linkage stops merging below this (embedding lead cosine)
    min_similarity_lexical: float = 0.09  # the same with the TF-IDF lead cosine (no embeddings)
    max_articles: int = 5000  # dense n x n similarity; larger corpora get no event grouping


@dataclass(frozen=True)
class ScanConfig:
    """The whole pipeline's configuration."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    fingerprint: FingerprintConfig = field(default_factory=FingerprintConfig)
    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    relation: RelationConfig = field(default_factory=RelationConfig)
    explain: ExplainConfig = field(default_factory=ExplainConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    events: EventConfig = field(default_factory=EventConfig)
    workers: int = 0  # processes for the per-article and per-pair stages; 0 = one per core
    parallel_min_articles: int = 400  # below this, process start-up costs more than it saves (measured: docs/benchmarks.md stop 32)
    claims: bool = False  # also extract quotes/claims per article and link them within each story (needs spaCy)
    edits: bool = True  # word-level edits and direction per pair; False = relations and matches only (faster)
    spin: bool = True  # score each article for machine spinning (`ScanResult.spin`, `articles[].spin` in JSON)
    # root of the on-disk cache of parsed tables (the n-gram table goes in cache_dir/collocations); None =
    # user_cache_dir(). In the config, not a process setting, so that Dask workers get it with their tasks.
    cache_dir: str | None = None
