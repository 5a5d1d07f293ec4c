"""Component contracts: a pipeline is checked when it is built, and fails loudly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import kg.pipeline
from kg.components import REGISTRY, ContractError, component, contract_fields
from kg.model import Document
from kg.pipeline import DEFAULT_PIPELINE, Pipeline, PipelineError
from kg.read import read_document

SEED = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*"))[0]


def test_the_default_pipeline_is_built_in_order():
    assert Pipeline().names == DEFAULT_PIPELINE


def test_a_component_before_what_it_requires_fails_at_construction():
    with pytest.raises(
        PipelineError, match="'sentences' requires 'text'.*by normalise: put it before"
    ):
        Pipeline(["sentences", "normalise"])


def test_a_component_before_what_it_reads_fails_at_construction():
    # zones reads the article's main region, which regions assigns
    with pytest.raises(PipelineError, match="'zones' reads 'region'.*by regions: put it before"):
        Pipeline(["normalise", "sentences", "zones", "regions"])
    with pytest.raises(PipelineError, match="'posts' reads 'person_posts'.*by people"):
        Pipeline(["normalise", "sentences", "posts", "people"])


def test_a_pipeline_without_an_optional_input_is_fine():
    # bodies reads the region when regions ran; without regions it names fewer bodies
    assert Pipeline(["normalise", "sentences", "bodies"]).names[-1] == "bodies"


def test_a_pipeline_over_prepared_documents_says_what_they_hold():
    with pytest.raises(PipelineError, match="'people' requires 'sentences'"):
        Pipeline(["people"])
    doc = Pipeline(["normalise", "sentences"])(Document(path="t", name="t", raw="区长王强出席。"))
    assert {m.name for m in Pipeline(["people"], given=("text", "sentences"))(doc).mentions} == {
        "王强"
    }


def test_an_unknown_component_fails_loudly():
    with pytest.raises(PipelineError, match="unknown pipeline components: no_such_component"):
        Pipeline(["normalise", "no_such_component"])


def test_a_missing_component_module_fails_loudly(monkeypatch):
    monkeypatch.setattr(
        kg.pipeline, "COMPONENT_MODULES", [*kg.pipeline.COMPONENT_MODULES, "kg.no_such"]
    )
    with pytest.raises(ModuleNotFoundError, match="kg.no_such"):
        Pipeline(["normalise", "another_unknown_component"])


def test_every_component_module_is_imported(monkeypatch):
    """A module of the list that fails to import is an error, not a component less."""
    monkeypatch.setattr(
        kg.pipeline, "COMPONENT_MODULES", ["kg.extract.regions", "kg.extract.no_such"]
    )
    with pytest.raises(ModuleNotFoundError, match="kg.extract.no_such"):
        kg.pipeline.load_components()


def test_a_contract_names_document_fields_only():
    with pytest.raises(ContractError, match="'colour'"):
        component("test_bad_contract", reads=("colour",))
    assert "test_bad_contract" not in REGISTRY


def test_every_component_assigns_only_what_it_declares():
    """Run the default pipeline over a seed, component by component: the contract fields each one
    changes are among those it declares it assigns."""
    doc = read_document(SEED)
    for comp in Pipeline().components:
        before = {f: _snapshot(getattr(doc, f)) for f in contract_fields()}
        comp(doc)
        changed = {f for f in contract_fields() if _snapshot(getattr(doc, f)) != before[f]}
        assert changed <= set(comp.assigns), (comp.name, changed - set(comp.assigns))


def _snapshot(value: object) -> object:
    return repr(value) if not dataclasses.is_dataclass(value) else repr(dataclasses.asdict(value))
