"""The embedded Oxigraph store: one named graph per article, one for entities, one for statements.

Layout of a store directory::

    STORE/kg-store.json   marker with the layout version
    STORE/oxigraph/       the Oxigraph (RocksDB) database, written by one process at a time
    STORE/write.lock      the writer's lock (:mod:`kg.locking`)
    STORE/snapshots/N/    read-only copies published after every commit (:mod:`kg.snapshots`)
    STORE/batch.pending   there while a batch is written: the database may hold part of it

A batch of articles and the entity descriptions and statements they touch are
committed together or not at all. Readers open the newest published snapshot,
never the database a build is writing, and a batch is published only once it
is wholly written: its drops, renames and deletions are one SPARQL Update, its
new triples one bulk load (Oxigraph writes the table files directly, with no
transaction, several times faster than an ``INSERT DATA`` of the same
triples), then the snapshot. The pending marker is written (and synced)
before the batch's first write and removed after its snapshot is published;
if the batch fails, or a writer opens the store and finds the marker (a build
was killed), the database is restored from the newest snapshot
(:func:`kg.snapshots.restore`): that of the batch before, or of the whole
batch if it was published. Every snapshot is published from a database that
holds whole batches only (at opening, after a batch, a load or a compaction).
So an interrupted build leaves the store as it was before the batch, or with
all of it, for readers and for the next writer. Queries are always evaluated
by Oxigraph, never by rdflib's engine.
"""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Iterable

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef

from .errors import KGError
from .export import FORMATS, export
from .graph import article_triples, entity_triples
from .link import Linkable, batch_linkables, head, is_partial, plan, rekey
from .locking import StoreLocked, WriteLock
from .ntriples import Triple, Writes, replace_data
from .records import ArticleRecords
from .remote import RemoteDB, is_remote
from .resolve import name_key
from .resources import alias_table, data_text
from .snapshots import KEEP, latest, open_read_only, publish, restore, sync_directory
from .statements import KnownStatements, quotes_in_article
from .statements import update_parts as statement_update_parts
from .surface_counts import SurfaceCounts, batch_counts
from .vocab import (
    ENTITIES_GRAPH,
    ITSRDF,
    NKG,
    ONTOLOGY_GRAPH,
    SCHEMA,
    article_graph_iri,
    entity_iri,
)
from .void import VOID_GRAPH, describe_dataset

LAYOUT_VERSION = 1
LOAD_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
LOAD_CHUNK = 100_000  # quads per bulk-load request to a SPARQL server
MARKER = "kg-store.json"
PENDING = "batch.pending"  # a batch is being written (see the module's docstring)

@dataclass(frozen=True)
class EntityState:
    """What the store knows of one entity: its type and resolution keys."""

    iri: str
    type: str
    keys: frozenset[str]


def _nt(graph: Graph) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def _iri(term: URIRef | str) -> str:
    return f"<{term}>"


def _literal(text: str) -> str:
    return Literal(text).n3()


def _rename(old: str, new: str) -> list[str]:
    """SPARQL Update operations that give entity ``old`` the IRI ``new`` in every graph."""
    return [
        f"DELETE {{ GRAPH ?g {{ ?s ?p {_iri(old)} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {_iri(new)} }} }} "
        f"WHERE {{ GRAPH ?g {{ ?s ?p {_iri(old)} }} }}",
        f"DELETE {{ GRAPH ?g {{ {_iri(old)} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {_iri(new)} ?p ?o }} }} "
        f"WHERE {{ GRAPH ?g {{ {_iri(old)} ?p ?o }} }}",
    ]


class Store:
    """A knowledge-graph store on disk (Oxigraph).

    ``create=True`` opens it for writing (creating it if need be) and holds its
    write lock until :meth:`close`: a second writer is refused with
    :class:`~kg.locking.StoreLocked`. ``create=False`` opens the newest
    published snapshot read-only, so any number of readers (queries, exports,
    the server) can share the store, also while a build writes it.
    """

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.location = str(path)
        self._lock: WriteLock | None = None
        self.snapshot: Path | None = None
        self._surface_counts = SurfaceCounts()
        self._statements = KnownStatements()
        if is_remote(path):  # a SPARQL server (kg.remote): it has its own transactions and readers, and writers
            self.path = None
            self.db = RemoteDB(self.location)
            self._surface_counts = SurfaceCounts(limit=0)
            self._statements = KnownStatements(limit=0)
        else:
            self.path = Path(path)
            check_location(self.path, create)
            try:
                if create:
                    self.db = self._open_writer()
                else:
                    self.db, self.snapshot = self._open_reader()
            except KGError:
                self.close()
                raise
            except OSError as exc:
                self.close()
                raise KGError(f"{self.path}: cannot open store: {exc}") from exc
        if create:
            if not self.db.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH))):
                self.db.update(f"INSERT DATA {{ GRAPH {_iri(ONTOLOGY_GRAPH)} {{ {_nt(ontology())} }} }}")
            self.publish()  # also the recovery after a killed build

    def _open_writer(self) -> ox.Store:
        """The database itself, under the write lock; the marker is written first (it names the folder ours)."""
        self.path.mkdir(parents=True, exist_ok=True)
        marker = self.path / MARKER
        if not marker.exists():
            marker.write_text(json.dumps({"layout": LAYOUT_VERSION}) + "\n")
        self._lock = WriteLock(self.path)
        self._lock.acquire()
        self._recover()
        return ox.Store(str(self.path / "oxigraph"))

    def _recover(self) -> None:
        """If a batch's writing was interrupted (the pending marker is there), restore the newest snapshot."""
        pending = self.path / PENDING
        if not pending.exists():
            return
        snapshot = latest(self.path)
        if snapshot is None:
            raise KGError(f"{self.path}: a build was interrupted while writing and no snapshot is left "
                          "to restore the store from")
        restore(snapshot, self.path / "oxigraph")
        pending.unlink()

    def _open_reader(self) -> tuple[ox.Store, Path]:
        """The newest snapshot, read-only; a store that has none yet (an older layout) publishes one first."""
        snapshot = latest(self.path)
        if snapshot is None:
            lock = WriteLock(self.path)
            try:
                lock.acquire()
            except StoreLocked:
                raise KGError(f"{self.path}: a build is creating this store and has committed nothing yet; "
                              "try again in a moment") from None
            try:
                snapshot = publish(ox.Store.read_only(str(self.path / "oxigraph")), self.path)
            finally:
                lock.release()
        return open_read_only(snapshot)

    def publish(self, keep: int = KEEP) -> None:
        """Show readers what is committed (a writer; :mod:`kg.snapshots`). :meth:`put_articles` does it itself.

        ``keep`` snapshots stay. A SPARQL server's readers see every commit as
        it is made: nothing to do there.
        """
        if self.path is not None:
            self.snapshot = publish(self.db, self.path, keep)

    @property
    def reader_location(self) -> str:
        """Where another process reads what this store has published: its newest snapshot, or the server's URL."""
        return str(self.snapshot) if self.snapshot is not None else self.location

    def close(self) -> None:
        """Release the write lock (a writer) and the database; the object is unusable afterwards."""
        self.__dict__.pop("db", None)
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------
    def put_articles(self, batch: Iterable[ArticleRecords]) -> None:
        """Add or replace articles (and refresh the entities they touch) atomically."""
        batch = list(batch)
        if not batch:
            return
        batch, renamed, merges = self._link_people(batch)
        graphs = [(article_graph_iri(r.source.identifier), article_triples(r)) for r in batch]
        types: dict[str, str] = {}
        keys: dict[str, set[str]] = defaultdict(set)
        names: dict[str, Counter] = defaultdict(Counter)
        for records in batch:
            iris = {entity.key: entity_iri(entity.type, entity.key) for entity in records.entities}
            for entity in records.entities:
                types[iris[entity.key]] = entity.type
                keys[iris[entity.key]].add(entity.key)
            for mention in records.mentions:
                names[iris[mention.entity]][mention.text] += 1
        for old_key, new_key in renamed.items():
            keys[entity_iri(new_key.split(":", 1)[0], new_key)].add(old_key)
        replaced = [article_graph_iri(r.source.identifier) for r in batch]
        dropped = [g for g in replaced if self.db.contains_named_graph(ox.NamedNode(g))]
        touched = set(types) | self._entities_in(dropped) | set(merges) | set(merges.values())
        known = self._entity_states(touched)
        stored = self._surface_counts.outside(self.db, touched, dropped)
        for iri, counter in stored.items():
            names[merges.get(iri, iri)].update(counter)
        for old, new in merges.items():  # every merged entity is in the store, so it is known
            keys[new] |= set(known[old].keys)
            types.setdefault(new, known[old].type)
        # (only graphs that exist: a DROP in an update makes all of its writes much slower in Oxigraph)
        writes = Writes([f"DROP SILENT GRAPH {_iri(g)}" for g in dropped])
        writes.operations += [part for old, new in sorted(merges.items()) for part in _rename(old, new)]
        for graph, triples in graphs:
            writes.add(graph, triples)
        described: list[Triple] = []
        for iri in sorted(touched - set(merges)):
            counter = +names.get(iri, Counter())
            if not counter:
                continue
            state = known.get(iri)
            entity_type = types.get(iri) or state.type
            all_keys = keys.get(iri, set()) | (set(state.keys) if state else set())
            described += describe_entity(iri, entity_type, counter, all_keys)
        # the touched entities' descriptions: only the triples that change are written
        values = " ".join(_iri(e) for e in sorted(touched))
        writes.extend(replace_data(self.db, ENTITIES_GRAPH, f"VALUES ?s {{ {values} }} ?s ?p ?o", described,
                                   sorted(merges.items())))
        # statements (kg/statements.py): regroup the quotations this batch adds, drops or resembles
        quotes = [quote for records in batch for quote in quotes_in_article(records)]
        statements = statement_update_parts(self.db, quotes, dropped, merges, self._statements)
        writes.extend(statements.writes)
        self._commit(writes)
        self._surface_counts.committed(stored, sorted(merges.items()), batch_counts(batch))
        self._statements.committed(statements.replaced, statements.written)

    def _commit(self, writes: Writes) -> None:
        """Write a batch and publish it, all or nothing (see the module's docstring).

        A SPARQL server gets it as one update, which it applies as one transaction.
        """
        if self.path is None:
            self.db.update(writes.update())
            return
        pending = self.path / PENDING
        fd = os.open(pending, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        sync_directory(self.path)
        try:
            if writes.operations:
                self.db.update(" ;\n".join(writes.operations))
            added = writes.nquads()
            if added:
                self.db.bulk_load(added, format=ox.RdfFormat.N_QUADS)
            self.publish()
        except BaseException:
            self._roll_back()
            raise
        pending.unlink()

    def _roll_back(self) -> None:
        """Put the database back as the newest snapshot has it, after a batch failed while being written.

        Dropping the only reference closes the database. Were another one kept
        (an :meth:`rdflib_dataset`), reopening would fail: the store is then
        unusable, but restored on disk all the same.
        """
        del self.db
        self._surface_counts.clear()
        self._statements.clear()
        self._recover()
        self.db = ox.Store(str(self.path / "oxigraph"))

    def _link_people(self, batch: list[ArticleRecords]
                     ) -> tuple[list[ArticleRecords], dict[str, str], dict[str, str]]:
        """Re-key the batch's people and organizations against the store's (see :mod:`kg.link`).

        Returns the re-keyed batch, the key changes (old key -> new key, kept
        as extra ``nkg:key`` values) and the store entities to rename (old IRI
        -> new IRI).
        """
        found = batch_linkables(batch)
        if not found:
            return batch, {}, {}
        stored = self._linkables(set(found), {head(k) for k in found})
        mapping = {k: c.key for k, c in stored.items() if k in found and c.key != k}
        candidates = [c for k, c in found.items() if k not in mapping]
        candidates += [c for k, c in stored.items() if k == c.key and k not in found]
        for key, candidate in found.items():
            if key in stored and stored[key].key == key:
                candidate.titles |= stored[key].titles
                candidate.employers |= stored[key].employers
        mapping.update(plan(candidates))
        mapping = {k: mapping.get(v, v) for k, v in mapping.items()}
        merges = {entity_iri(k.split(":", 1)[0], k): entity_iri(v.split(":", 1)[0], v) for k, v in mapping.items()
                  if k in stored and stored[k].key == k}
        return [rekey(records, mapping) for records in batch], mapping, merges

    def _linkables(self, keys: set[str], heads: set[str]) -> dict[str, Linkable]:
        """Stored people and organizations with one of these keys or heads, by every key they carry.

        Each entry's ``key`` is the entity's own key (the one its IRI is made of). Their job titles and
        employers are a second query: read with the keys, every title would be repeated for every employer
        and every key (rows grow with the square of the articles a person is in).
        """
        key_values = " ".join(_literal(k) for k in sorted(keys))
        head_values = " ".join(_literal(s) for s in sorted(heads))
        rows = self.db.query(
            f"SELECT ?e ?k ?n WHERE {{ {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ VALUES ?x {{ {key_values} }} ?e <{NKG.key}> ?x }} }} "
            f"UNION {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ VALUES ?s {{ {head_values} }} "
            f"?e <{NKG.surnameKey}>|<{NKG.headKey}> ?s }} }} "
            f"GRAPH {_iri(ENTITIES_GRAPH)} {{ ?e <{NKG.key}> ?k ; <{SCHEMA.name}> ?n }} }}")
        found: dict[str, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
        names: dict[str, str] = {}
        for row in rows:
            names[row["e"].value] = row["n"].value
            found[row["e"].value][0].add(row["k"].value)
        if found:
            entities = " ".join(_iri(e) for e in sorted(found))
            for row in self.db.query(
                    f"SELECT DISTINCT ?e ?t ?o WHERE {{ VALUES ?e {{ {entities} }} "
                    f"{{ GRAPH ?g {{ ?e <{SCHEMA.jobTitle}> ?t }} }} UNION {{ GRAPH ?g {{ ?e <{SCHEMA.worksFor}> ?o }} }} }}"):
                _, titles, employers = found[row["e"].value]
                if row["t"] is not None:
                    titles.update(row["t"].value.lower().split())
                if row["o"] is not None:
                    employers.add(row["o"].value)
        out: dict[str, Linkable] = {}
        for iri, (entity_keys, titles, employers) in found.items():
            own = next((k for k in entity_keys if entity_iri(k.split(":", 1)[0], k) == iri), None)
            if own is None:
                continue
            candidate = Linkable(own, is_partial(own, names[iri]), titles, employers)
            for key in entity_keys:
                out[key] = candidate
        return out

    def _entities_in(self, graphs: list[str]) -> set[str]:
        if not graphs:
            return set()
        values = " ".join(_iri(g) for g in graphs)
        rows = self.db.query(f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {values} }} "
                             f"GRAPH ?g {{ ?m <{ITSRDF.taIdentRef}> ?e }} }}")
        return {row["e"].value for row in rows}

    def _entity_states(self, entities: set[str]) -> dict[str, EntityState]:
        if not entities:
            return {}
        values = " ".join(_iri(e) for e in entities)
        rows = self.db.query(f"SELECT ?e ?key WHERE {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ "
                             f"VALUES ?e {{ {values} }} ?e <{NKG.key}> ?key }} }}")
        keys: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            keys[row["e"].value].add(row["key"].value)
        return {e: EntityState(e, sorted(k)[0].split(":", 1)[0], frozenset(k)) for e, k in keys.items()}

    # --- reading ------------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        """Evaluate a SPARQL query with Oxigraph (the union of graphs is the default graph)."""
        try:
            return self.db.query(sparql, use_default_graph_as_union=True, **kwargs)
        except SyntaxError as exc:
            raise KGError(f"SPARQL syntax error: {exc}") from exc

    def export(self, fmt: str, output: BinaryIO | str) -> None:
        """Write the whole graph (articles, entities, ontology) and its description in format ``fmt``
        (:mod:`kg.export`).

        The description (:mod:`kg.void`) is in its own named graph in N-Quads
        and TriG, and part of the union in the triple formats.
        """
        export(self.db, fmt, output)

    def dataset_description(self, endpoint: str | None = None) -> list[ox.Triple]:
        """The VoID/DCAT description of the graph (:mod:`kg.void`), naming ``endpoint`` as its SPARQL endpoint."""
        return describe_dataset(self.db, endpoint)

    def rdflib_dataset(self) -> Dataset:
        """The store as an rdflib Dataset (through oxrdflib), for rdflib's API.

        Triple-pattern reads go straight to Oxigraph; use :meth:`query` for SPARQL.
        A store on a SPARQL server is copied into memory first.
        """
        db = self.db
        if isinstance(db, RemoteDB):
            db = ox.Store()
            db.extend(self.db.quads_for_pattern(None, None, None, None))
        return Dataset(store=OxigraphStore(store=db))

    def load(self, path: Path) -> int:
        """Add the quads of an N-Quads or TriG export (another store's, say) in bulk; how many were read.

        The export's description of its dataset (:mod:`kg.void`) is left out:
        the store describes itself. A SPARQL server gets them through the
        Graph Store Protocol, :data:`LOAD_CHUNK` quads a request.
        """
        fmt = check_load_format(path)
        void = ox.NamedNode(VOID_GRAPH)
        try:
            quads = (quad for quad in ox.parse(path=str(path), format=fmt) if quad.graph_name != void)
            count = 0
            for chunk in iter(lambda: list(islice(quads, LOAD_CHUNK)), []):
                if isinstance(self.db, RemoteDB):
                    self.db.load(ox.serialize(chunk, None, ox.RdfFormat.N_QUADS))
                else:
                    self.db.bulk_extend(chunk)
                count += len(chunk)
        except (OSError, SyntaxError) as exc:
            raise KGError(f"{path}: cannot load: {exc}") from exc
        finally:
            self._surface_counts.clear()
            self._statements.clear()
        self.publish()
        return count

    def compact(self) -> None:
        """Flush, then compact the database after a build (sorted, merged files for the readers).

        The compacted database is published as the only snapshot, so that
        readers share its files and the files it replaced can be freed (a
        reader still on an older snapshot keeps its open files until it
        moves on).
        """
        self.db.flush()
        self.db.optimize()
        self.publish(keep=1)


def check_location(location: str | Path, create: bool = True) -> None:
    """Raise :class:`KGError` unless ``location`` holds a store, or (``create``) could hold a new one.

    ``create``: a store another process is writing is refused too
    (:class:`~kg.locking.StoreLocked`), before any work is done. A SPARQL
    server's URL is not checked here: the first request to it is.
    """
    if is_remote(location):
        return
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise KGError(f"{path}: store path is a file, not a directory")
    if not (path / MARKER).exists():
        if not create:
            raise KGError(f"{path}: no kg store here (run `kg build` first)")
        if path.exists() and any(path.iterdir()):
            raise KGError(f"{path}: directory is not empty and is not a kg store")
    elif create:
        WriteLock(path).check()


def check_load_format(path: Path) -> ox.RdfFormat:
    """The format :meth:`Store.load` reads ``path`` in, from its extension, or :class:`KGError`."""
    fmt = LOAD_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KGError(f"{path}: cannot load {path.suffix or 'a file without extension'}: "
                      f"give an export in {' or '.join(LOAD_FORMATS)}")
    return fmt


def ontology() -> Graph:
    """The project's ontology (shipped Turtle), part of every export."""
    return Graph().parse(data=data_text("ontology.ttl"), format="turtle")


@lru_cache(maxsize=None)
def _aliases_by_key() -> dict[str, list[tuple[int, dict]]]:
    """Alias-data entries by the resolution key of their canonical name (with their position)."""
    out: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for position, entry in enumerate(alias_table().values()):
        out[f"{entry['type']}:{name_key(entry['name'], entry['type'])}"].append((position, entry))
    return out


def alias_entries(entity_type: str, keys: Iterable[str]) -> list[dict]:
    """The alias-data entries whose canonical name has one of ``keys``, in the data file's order."""
    index = _aliases_by_key()
    found = {pos: entry for key in set(keys) if key.startswith(f"{entity_type}:") for pos, entry in index.get(key, ())}
    return [found[pos] for pos in sorted(found)]


def describe_entity(iri: str, entity_type: str, names: Counter, keys: set[str]) -> list[Triple]:
    """The entities-graph description of one entity from everything the store knows.

    The name is the alias data's canonical name when there is one, else the
    most frequent of the names that spell the entity's own key (the one its
    IRI is made of), else the best of all its names.
    """
    entries = alias_entries(entity_type, keys)
    wikidata = next((e["wikidata"] for e in entries if e.get("wikidata")), None)
    preferred = [e["name"] for e in entries]
    if not preferred:
        own = next((k for k in keys if entity_iri(entity_type, k) == iri), None)
        preferred = [n for n in names if f"{entity_type}:{name_key(n, entity_type)}" == own]
    return entity_triples(iri, entity_type, names, preferred, wikidata, sorted(keys))


__all__ = ["FORMATS", "Store", "check_load_format", "check_location", "alias_entries", "describe_entity", "ontology"]
