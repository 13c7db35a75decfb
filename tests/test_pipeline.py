"""The spaCy pipeline: blank English, a sentencizer and the registered rule components."""
import pytest
import spacy

from kg.errors import KGError
from kg.nlp import COMPONENTS, build_pipeline


def test_default_pipeline_is_blank_english_plus_rules():
    nlp = build_pipeline()
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentencizer", *COMPONENTS]
    assert all(name.startswith("kg_") for name in COMPONENTS)


def test_components_are_registered_factories():
    for name in COMPONENTS:
        assert name in spacy.registry.factories.get_all() or spacy.Language.has_factory(name)


def test_paragraph_break_starts_a_sentence():
    doc = build_pipeline()("A heading without a stop\n\nThe body starts here.")
    assert [s.text.strip() for s in doc.sents] == ["A heading without a stop", "The body starts here."]


def test_missing_model_is_a_clear_error():
    with pytest.raises(KGError, match="not installed"):
        build_pipeline("xx_no_such_model")


def test_installed_model_runs_under_the_rules(tmp_path):
    stand_in = spacy.blank("en")
    stand_in.add_pipe("sentencizer")
    stand_in.to_disk(tmp_path / "model")
    nlp = build_pipeline(str(tmp_path / "model"))
    assert nlp.pipe_names == ["sentencizer", *COMPONENTS]
    assert {e.text for e in nlp("Troops left Iraq.").ents} == {"Iraq"}


def test_glued_brackets_are_split():
    doc = build_pipeline()("the threat posed by ISIS [ISIL]operational needs")
    assert "ISIL" in [t.text for t in doc]
