"""Toy checks of the PAN measures; run with `.venv/bin/python -m pytest benchmarks/pan13/test_plagdet.py`."""
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plagdet import Annotation, evaluate, granularity, macro_precision, macro_recall, micro_recall_precision  # noqa: E402

P = ("susp1", "src1")
Q = ("susp2", "src2")


def ann(pair, to, tl, so, sl):
    return Annotation(pair, to, tl, so, sl)


def test_perfect_detection_scores_one():
    cases = [ann(P, 100, 50, 200, 50)]
    s = evaluate(cases, list(cases))
    assert (s.plagdet, s.precision, s.recall, s.granularity) == (1.0, 1.0, 1.0, 1.0)


def test_half_covering_detection_has_half_recall_full_precision():
    case = ann(P, 0, 100, 0, 100)
    det = ann(P, 0, 50, 0, 50)
    assert macro_recall([case], [det]) == pytest.approx(0.5)
    assert macro_precision([case], [det]) == pytest.approx(1.0)


def test_recall_counts_chars_of_both_documents():
    case = ann(P, 0, 100, 0, 300)  # 400 chars in all
    det = ann(P, 0, 100, 0, 100)  # covers all susp chars, a third of the source chars
    assert macro_recall([case], [det]) == pytest.approx(200 / 400)
    assert macro_precision([case], [det]) == pytest.approx(1.0)


def test_detection_must_overlap_in_both_documents():
    case = ann(P, 0, 100, 0, 100)
    det = ann(P, 0, 100, 500, 100)  # right susp passage, wrong source passage
    s = evaluate([case], [det])
    assert s.recall == 0 and s.precision == 0 and s.plagdet == 0


def test_detection_in_another_pair_detects_nothing():
    s = evaluate([ann(P, 0, 100, 0, 100)], [ann(Q, 0, 100, 0, 100)])
    assert s.recall == 0 and s.precision == 0


def test_split_detection_doubles_granularity_but_keeps_recall():
    case = ann(P, 0, 100, 0, 100)
    dets = [ann(P, 0, 50, 0, 50), ann(P, 50, 50, 50, 50)]
    s = evaluate([case], dets)
    assert s.recall == pytest.approx(1.0) and s.precision == pytest.approx(1.0)
    assert s.granularity == 2
    assert s.plagdet == pytest.approx(1 / math.log2(3))


def test_overlapping_detections_are_counted_once_for_recall():
    case = ann(P, 0, 100, 0, 100)
    dets = [ann(P, 0, 80, 0, 80), ann(P, 20, 80, 20, 80)]
    assert macro_recall([case], dets) == pytest.approx(1.0)


def test_false_positive_detection_lowers_macro_precision_by_count():
    cases = [ann(P, 0, 100, 0, 100)]
    dets = [ann(P, 0, 100, 0, 100), ann(Q, 0, 10, 0, 10)]  # a tiny false alarm in a negative pair
    assert macro_precision(cases, dets) == pytest.approx(0.5)  # macro: per detection
    _, micro_prec = micro_recall_precision(cases, dets)
    assert micro_prec == pytest.approx(200 / 220)  # micro: per char


def test_macro_recall_averages_over_cases():
    cases = [ann(P, 0, 100, 0, 100), ann(P, 500, 100, 500, 100)]
    dets = [ann(P, 0, 100, 0, 100)]
    assert macro_recall(cases, dets) == pytest.approx(0.5)
    assert granularity(cases, dets) == 1.0


def test_detection_spilling_outside_case_loses_precision():
    case = ann(P, 100, 100, 100, 100)
    det = ann(P, 50, 200, 100, 100)  # 50 extra susp chars on each side
    s = evaluate([case], [det])
    assert s.recall == pytest.approx(1.0)
    assert s.precision == pytest.approx(200 / 300)


def test_empty_inputs():
    assert evaluate([], []).plagdet == 1.0  # nothing to find, nothing found
    assert macro_recall([], []) == 1.0
    assert macro_recall([ann(P, 0, 1, 0, 1)], []) == 0.0
    assert granularity([ann(P, 0, 1, 0, 1)], []) == 1.0
