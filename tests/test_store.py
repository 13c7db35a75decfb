"""The Oxigraph store: atomic replacement, entity descriptions, errors."""
import shutil

import pyoxigraph as ox
import pytest

from kg.errors import KGError
from kg.records import ArticleRecords, Entity, Mention, Quote, Source
from kg.store import PENDING, Store
from kg.vocab import ENTITIES_GRAPH, entity_iri

US = "Place:united states"


def article(identifier: str, text: str, surface: str = "US") -> ArticleRecords:
    start = text.index(surface)
    return ArticleRecords(
        Source(identifier, text, headline=text.split("\n")[0]),
        entities=(Entity(US, "Place", "United States", (surface,), "Q30"),),
        mentions=(Mention(start, start + len(surface), surface, US),),
        quotes=(Quote(0, 4, text[:4], US, start, start + len(surface), "said", True),),
    )


def quads(store: Store) -> set:
    return set(store.db.quads_for_pattern(None, None, None, None))


def names(store: Store, iri: str) -> dict:
    rows = store.query(f"SELECT ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{iri}> ?p ?o }} }}")
    out: dict = {}
    for row in rows:
        out.setdefault(row["p"].value.rsplit("/", 1)[-1], set()).add(row["o"].value)
    return out


def test_rebuilding_an_article_replaces_it(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Text said by US.")])
    first = quads(store)
    store.put_articles([article("a", "Text said by US.")])
    assert quads(store) == first
    store.put_articles([article("a", "Other words by US.")])
    texts = {row["t"].value for row in store.query("SELECT ?t WHERE { ?q a <https://schema.org/Quotation> ; <https://schema.org/text> ?t }")}
    assert texts == {"Othe"}


def test_shared_entity_is_one_node_with_all_names(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Text by US."), article("b", "Text by United States.", "United States")])
    described = names(store, entity_iri("Place", US))
    assert described["name"] == {"United States"}
    assert described["alternateName"] == {"US"}
    assert described["owl#sameAs"] == {"http://www.wikidata.org/entity/Q30"}


def test_names_follow_the_articles_that_remain(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Text by US."), article("b", "Text by America.", "America")])
    store.put_articles([article("b", "Text by United States.", "United States")])
    assert names(store, entity_iri("Place", US))["alternateName"] == {"US"}


def test_a_failing_batch_leaves_the_store_as_it_was(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Text by US.")])
    before = quads(store)

    bad = ArticleRecords(Source("b", "Text"), mentions=(Mention(0, 4, "Text", "Person:nobody"),))
    with pytest.raises(KeyError):
        store.put_articles([article("c", "Text by US."), bad])
    assert quads(store) == before


class HalfLoad:
    """A writer's database whose bulk loads write half of their quads, then fail (a full disk, say)."""

    def __init__(self, db) -> None:
        self.db = db

    def __getattr__(self, name: str):
        return getattr(self.db, name)

    def bulk_load(self, data: str, **kwargs) -> None:
        lines = data.splitlines(keepends=True)
        db, self.db = self.db, None  # like pyoxigraph's own error, the traceback keeps no reference to the database
        db.bulk_load("".join(lines[:len(lines) // 2]), **kwargs)
        del db
        raise OSError("no space left on device")


def test_a_batch_that_fails_while_being_written_leaves_the_store_as_it_was(tmp_path):
    """The batch's deletions (a replaced article) and half its additions are written when it fails: the
    database is restored, readers never see it, and the writer goes on as if the batch had not been tried."""
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Text said by US.")])
    before = quads(store)
    store.db = HalfLoad(store.db)
    with pytest.raises(OSError, match="no space"):
        store.put_articles([article("a", "Other words by US."), article("b", "Text by United States.",
                                                                        "United States")])
    assert quads(store) == before and not (tmp_path / "s" / PENDING).exists()
    assert quads(Store(tmp_path / "s", create=False)) == before
    store.put_articles([article("b", "Text by America.", "America")])
    fresh = Store(tmp_path / "fresh")
    fresh.put_articles([article("a", "Text said by US.")])
    fresh.put_articles([article("b", "Text by America.", "America")])
    assert quads(store) == quads(fresh)


def test_a_writer_restores_a_batch_left_half_written(tmp_path):
    """A killed build can leave part of a batch in the database (the pending marker says so): the next
    writer starts from the newest snapshot instead, also when a restore was itself interrupted."""
    path = tmp_path / "s"
    with Store(path) as store:
        store.put_articles([article("a", "Text said by US.")])
        before = quads(store)
        (path / PENDING).touch()
        store.db.update("DROP GRAPH <https://w3id.org/newskg/ns>")
        store.db.bulk_load('<urn:s> <urn:p> "half" <urn:g> .\n', format=ox.RdfFormat.N_QUADS)
    with Store(path) as store:
        assert quads(store) == before and not (path / PENDING).exists()
        (path / PENDING).touch()
        (path / "oxigraph").rename(path / "oxigraph.old")  # as a restore killed between its two renames
        shutil.copytree(path / "oxigraph.old", path / "oxigraph.partial-restore")
    with Store(path) as store:
        assert quads(store) == before
    assert sorted(p.name for p in path.iterdir() if p.name.startswith("oxigraph")) == ["oxigraph"]


def test_store_path_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(KGError, match="is a file"):
        Store(path)


def test_non_store_directory_is_refused(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.txt").write_text("mine")
    with pytest.raises(KGError, match="not a kg store"):
        Store(tmp_path / "d")
    with pytest.raises(KGError, match="no kg store"):
        Store(tmp_path / "missing", create=False)


def test_ontology_is_in_a_new_store(tmp_path):
    store = Store(tmp_path / "s")
    assert bool(store.query("ASK { GRAPH <https://w3id.org/newskg/ns> { ?c a <http://www.w3.org/2002/07/owl#Class> } }"))


def test_replace_data_writes_only_the_difference():
    """An entity description rewritten by replace_data: the unchanged triples are not written, the store ends
    with exactly the new ones (also across a rename that runs before it in the same update)."""
    from kg.ntriples import literal, replace_data

    graph, old, new = "urn:g", "urn:e:old", "urn:e:new"
    db = ox.Store()
    db.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{old}> <urn:p:name> "A" . <{old}> <urn:p:alias> "tab\\there" . '
              f'<{old}> <urn:p:alias> "gone" . }} }}')
    wanted = [(f"<{new}>", "<urn:p:name>", literal("A")), (f"<{new}>", "<urn:p:alias>", literal("tab\there")),
              (f"<{new}>", "<urn:p:alias>", literal("added"))]
    writes = replace_data(db, graph, f"VALUES ?s {{ <{old}> }} ?s ?p ?o", wanted, [(old, new)])
    assert len(writes.operations) == 1 and '"gone"' in writes.operations[0] and writes.added == {graph: [wanted[2]]}
    rename = (f"DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }} "
              f"WHERE {{ GRAPH ?g {{ <{old}> ?p ?o }} }}")
    writes.operations.insert(0, rename)
    db.update(writes.update())
    stored = {(str(q.subject), str(q.predicate), q.object.value) for q in db.quads_for_pattern(None, None, None, None)}
    assert stored == {(f"<{new}>", "<urn:p:name>", "A"), (f"<{new}>", "<urn:p:alias>", "tab\there"),
                      (f"<{new}>", "<urn:p:alias>", "added")}
