"""Fixtures for rule tests: the default blank-English pipeline, built once."""
import pytest

from kg.nlp import build_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The project's default pipeline (blank English plus the rule components)."""
    return build_pipeline()


@pytest.fixture(scope="session")
def records_of(nlp):
    """A function: text -> the ArticleRecords the pipeline extracts from it."""
    from kg.extract import extract
    from kg.records import Source

    def run(text: str, published=None):
        return extract(nlp(text), Source(identifier="t", text=text, headline=text.split("\n")[0],
                                         published=published))

    return run
