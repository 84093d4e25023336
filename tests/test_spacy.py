"""The spaCy component, on a blank pipeline (no model download)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm")  # found through the spacy_factories entry point
    return nlp


def test_the_factory_is_registered_through_the_entry_point():
    from spacy.util import registry

    spacy.blank("en").add_pipe("namenorm")  # found by name alone: spaCy reads the entry points
    assert "namenorm" in registry.factories.get_all()


def test_blank_english_pipeline_sets_entities_and_attributes(nlp):
    doc = nlp("French President Macro said Steppe cart and Azeгbaijan's army were hit.")
    ents = [(e.text, e.label_, e._.namenorm_id, e._.namenorm_kind) for e in doc.ents]
    assert ents == [
        ("French", "NORP", "france", "demonym"),
        ("Macro", "PERSON", "emmanuel-macron", "name"),
        ("Steppe cart", "GPE", "stepanakert", "name"),
        ("Azeгbaijan", "GPE", "azerbaijan", "name"),
    ]
    steppe = doc.ents[2]
    assert steppe._.namenorm_name == "Stepanakert"
    assert steppe._.namenorm_method == "exact"
    assert 0.0 < steppe._.namenorm_score <= 1.0


def test_options_and_existing_entities():
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config={"demonyms": False, "types": ["place"]})
    doc = nlp.make_doc("Armenian troops left Shusha with Pashinyan.")
    doc.ents = [Span(doc, 5, 6, label="MISC")]  # "Pashinyan", set by somebody else
    doc = nlp.get_pipe("namenorm")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Shusha", "GPE"), ("Pashinyan", "MISC")]

    doc = nlp.make_doc("Shusha")
    doc.ents = [Span(doc, 0, 1, label="MISC")]
    assert [e.label_ for e in nlp.get_pipe("namenorm")(doc).ents] == ["MISC"]
    nlp2 = spacy.blank("en")
    nlp2.add_pipe("namenorm", config={"overwrite_ents": True})
    doc = nlp2.make_doc("Shusha")
    doc.ents = [Span(doc, 0, 1, label="MISC")]
    assert [e.label_ for e in nlp2.get_pipe("namenorm")(doc).ents] == ["GPE"]


def test_a_user_gazetteer_through_the_config(mini_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config={"gazetteer": str(mini_path), "include_default": False})
    assert [e._.namenorm_id for e in nlp("Talks in Bakı and Tbilisi").ents] == ["baku"]


def test_a_saved_index_through_the_config(mini_path, tmp_path):
    from namenorm import Resolver

    index = tmp_path / "mini.nnidx"
    Resolver.from_paths(mini_path, include_default=False).save(index)
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config={"index": str(index)})
    assert [e._.namenorm_id for e in nlp("Talks in Bakı and Tbilisi").ents] == ["baku"]


def test_doc_and_token_extensions(nlp):
    doc = nlp("Shelling hit Steppe cart.")
    assert [m.id for m in doc._.namenorm_mentions] == ["stepanakert"]
    assert [t._.namenorm_id for t in doc] == [None, None, "stepanakert", "stepanakert", None]


@pytest.mark.parametrize("option", ["gazetteer", "index"])
def test_the_pipeline_folder_carries_its_gazetteer_and_still_loads_after_a_move(
    mini_path, tmp_path, option
):
    import shutil

    from namenorm import Resolver

    own = tmp_path / "own"
    own.mkdir()
    if option == "gazetteer":
        source = own / "mine.yaml"
        shutil.copyfile(mini_path, source)
        config = {"gazetteer": str(source), "include_default": False}
    else:
        source = own / "mine.nnidx"
        Resolver.from_paths(mini_path, include_default=False).save(source)
        config = {"index": str(source)}
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config=config)
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(own)  # the user's file is gone: the pipeline folder must not need it
    shutil.move(tmp_path / "pipeline", tmp_path / "moved")
    loaded = spacy.load(tmp_path / "moved")
    assert [e._.namenorm_id for e in loaded("Talks in Bakı and Tbilisi").ents] == ["baku"]
