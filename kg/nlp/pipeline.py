"""Building the spaCy pipeline: blank English, a sentencizer, the project's rules.

``build_pipeline()`` never downloads anything. With ``model=NAME`` an
installed statistical pipeline (e.g. ``en_core_web_sm``) is loaded and the
project's rule components are added after it, so they see its annotations;
the rules still decide the entities the graph gets.
"""
from __future__ import annotations

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from .. import resources as res
from ..errors import KGError
from . import entities, events, quotes  # noqa: F401  (registers the factories)
from .arrays import flagged, indices, string_ids

COMPONENTS = ("kg_paragraphs", "kg_entities", "kg_events", "kg_quotes")


@Language.component("kg_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence crosses a paragraph, and never right after a
    comma (the sentencizer ends one at an abbreviation's full stop: "Sen. Bernie Sanders, I-Vt., its ranking
    member, said")."""
    # (only a space token, a comma or a semicolon can change anything: a token's whitespace_ is " " or "")
    marks = sorted(flagged(doc, IS_SPACE) + indices(doc, ORTH, string_ids(doc.vocab, (",", ";"))))
    for token in (doc[i] for i in marks if i < len(doc) - 1):
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
        elif token.text in {",", ";"} and doc[token.i + 1].is_sent_start and token.i > 0 and doc[token.i - 1].text == ".":
            doc[token.i + 1].is_sent_start = False
    return doc


def _tune_tokenizer(nlp: Language) -> None:
    """Split "[ISIL]a" and similar glued brackets, "U.S.-Mexico", and the full stop after a name that ends in a capital
    ("SpaceX."; "U.S." stays whole); keep abbreviated titles ("Col.", "Brig.") whole."""
    infixes = list(nlp.Defaults.infixes) + [r"[\[\]]", r"(?<=[A-Za-z])[–—](?=\s)", r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[a-z][A-Z])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.token_match = entities.GLUED_INITIAL.fullmatch  # "Ch.Odonchimeg" is one word
    for title in res.word_list("titles.txt"):
        if title.endswith(".") and " " not in title:
            for form in (title, title.capitalize()):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline: ``spacy.blank("en")`` or an installed ``model``."""
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise KGError(f"spaCy model {model!r} is not installed (nothing is downloaded)") from exc
        if "ner" in nlp.pipe_names:
            nlp.disable_pipe("ner")
    else:
        nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    # The components tokenise their gazetteers (~17k names), which fills the tokenizer's cache (10,000
    # chunks, never emptied) with names: no article word would be cached and make_doc would be ~10x
    # slower. Setting the same special cases again gives the tokenizer an empty cache.
    nlp.tokenizer.rules = nlp.tokenizer.rules
    return nlp


__all__ = ["build_pipeline", "COMPONENTS"]
