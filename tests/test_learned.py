"""The learned components: deterministic training, models that match the repository's gold,
and the behaviour each one adds to the pipeline (invented sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import extract_text
from kg.evaluate.sets import find_corpus
from kg.extract import pairs, perceptron

ROOT = Path(__file__).resolve().parent.parent


def test_perceptron_training_is_exact_and_ordered():
    data = [(["a", "b"], "X"), (["b", "c"], "Y"), (["a"], "X"), (["c"], "Y")] * 3
    assert perceptron.train(data, epochs=5) == perceptron.train(list(data), epochs=5)
    model = perceptron.train(data, epochs=5)
    assert perceptron.predict(model, ["a"]) == "X" and perceptron.predict(model, ["c"]) == "Y"
    assert perceptron.predict(model, ["unseen"]) == "O"


def test_org_candidates_add_a_ministry_the_patterns_miss():
    doc = extract_text("记者从住房和城乡建设部获悉，相关标准将于明年实施。").doc
    assert ("GovernmentBody", "住房和城乡建设部") in {(m.type, m.name) for m in doc.mentions}


def test_investor_classifier_reads_a_company_named_in_the_project():
    text = "恒达集团投资建设的恒达光伏电站项目开工。"
    company = pairs.Named("Company", "恒达集团", ("恒达", "恒达集团"), [(0, 4)])
    project = pairs.Named("Project", "恒达光伏电站项目", ("恒达光伏电站项目",), [(9, 17)])
    ctx = pairs.Context(text, [0], [company, project])
    assert pairs.margin("investor", pairs.investor_features(ctx, project, company)) > 0


def test_investor_classifier_does_not_pair_strangers():
    text = "会上，甲公司、乙公司等企业代表发言。另据报道，丙项目进展顺利。"
    company = pairs.Named("Company", "甲公司", ("甲公司",), [(3, 6)])
    project = pairs.Named("Project", "丙项目", ("丙项目",), [(23, 26)])
    ctx = pairs.Context(text, [0, 18], [company, project])
    assert pairs.margin("investor", pairs.investor_features(ctx, project, company)) <= 0


@pytest.mark.slow
def test_training_is_deterministic(tmp_path):
    from kg.learn.train import train_all

    train_all(["gold"], tmp_path / "a")
    train_all(["gold"], tmp_path / "b")
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


@pytest.mark.slow
@pytest.mark.skipif(find_corpus(ROOT) is None,
                    reason="the real batches' articles come from ../shared/corpus, "
                    "which is not beside this clone")
def test_shipped_models_are_the_documented_training(tmp_path):
    """``python -m kg.learn.train`` on the repository's gold gives the models that ship."""
    from kg.learn.train import MODELS, TRAIN_SETS, train_all

    train_all(TRAIN_SETS, tmp_path)
    for f in sorted(MODELS.glob("*.json")):
        again = (tmp_path / f.name).read_bytes()
        assert f.read_bytes() == again, f"{f.name}: run python -m kg.learn.train and commit it"
