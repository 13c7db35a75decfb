"""``/graph``: the interactive graph view (pyvis over networkx), whole graph or one entity's neighbourhood.

The page is the project's own template: the nodes and edges pyvis produces
go into a ``<script type="application/json">`` block and ``static/graph.js``
draws them with vis-network, served from pyvis's bundled copy (no CDN, no
inline script code).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyvis
from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
)
from pyvis.network import Network

from kg.errors import KGError
from kg.network import MAX_DEPTH, TYPES, UnknownEntity, entity_network
from kg.vocab import iri_of_entity_id

from .db import get_store

bp = Blueprint("graph_view", __name__)

MAX_LIMIT = 5000
VIS_FILES = ("vis-network.min.js", "vis-network.css")
TYPE_STYLES = {
    "Person": {"color": "#e4572e", "shape": "dot"},
    "Organization": {"color": "#2e86de", "shape": "square"},
    "Place": {"color": "#2a9d5c", "shape": "triangle"},
    "MilitaryBase": {"color": "#7b5ea7", "shape": "diamond"},
    "Event": {"color": "#e0a100", "shape": "star"},
}
TYPE_LABELS = {"Person": "Person", "Organization": "Organization", "Place": "Place",
               "MilitaryBase": "Military base", "Event": "Event"}


@cache
def vis_folder() -> Path:
    """pyvis's newest bundled copy of vis-network (``lib/vis-X.Y.Z``)."""
    folders = (Path(pyvis.__file__).parent / "lib").glob("vis-*")
    return max(folders, key=lambda path: tuple(int(n) for n in re.findall(r"\d+", path.name)))


@bp.get("/graph/vis/<filename>")
def vis_asset(filename: str):
    """vis-network's script and stylesheet, served from the pyvis package (works offline)."""
    if filename not in VIS_FILES:
        abort(404)
    return send_from_directory(vis_folder(), filename, max_age=86400)


@dataclass(frozen=True)
class GraphRequest:
    """What ``/graph`` was asked to show, read from the query string."""

    entity: str | None
    depth: int
    types: tuple[str, ...]
    comentions: bool
    limit: int


class InvalidQuery(ValueError):
    """A query-string value the user can fix."""


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    text = request.args.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidQuery(f"{name} must be a whole number from {low} to {high}, not {text!r}")
    return int(text)


def read_request() -> GraphRequest:
    """The graph request from the query string; :class:`InvalidQuery` for numbers out of range.

    ``type`` may repeat or list types with commas; :func:`entity_network` rejects unknown ones.
    """
    types = tuple(dict.fromkeys(t.strip() for value in request.args.getlist("type") for t in value.split(",")
                                if t.strip()))
    default_limit = current_app.config["GRAPH_NODE_LIMIT"]
    return GraphRequest(entity=request.args.get("entity", "").strip() or None,
                        depth=_whole_number("depth", 1, 1, MAX_DEPTH), types=types or TYPES,
                        comentions=request.args.get("comentions") in ("1", "on", "true"),
                        limit=_whole_number("limit", default_limit, 1, MAX_LIMIT))


def entity_url(entity_id: str) -> str:
    """The entity page of an entity id (``/entity/<id>``)."""
    return f"{request.script_root}/entity/{quote(entity_id)}"


def node_tooltip(node: dict) -> str:
    """Plain-text hover text of a node: name, type, roles and counts."""
    lines = [node["name"], TYPE_LABELS[node["type"]]]
    if node["roles"]:
        lines.append("Roles: " + "; ".join(node["roles"]))
    lines.append(f"Quotes: {node['quotes']} · Mentions: {node['mentions']} · Articles: {node['articles']}")
    lines.append(f"Connections shown: {node['degree']}")
    return "\n".join(lines)


def edge_tooltip(source: dict, edge: dict, target: dict) -> str:
    """Plain-text hover text of an edge: who, relation, whom and how often."""
    unit = edge["counts"] if edge["count"] != 1 else edge["counts"].rstrip("s")
    return f"{source['name']} {edge['label']} {target['name']}\n{edge['count']} {unit}"


def vis_data(network: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Nodes and edges for vis-network, built by pyvis from a styled copy of ``network``."""
    display = nx.MultiDiGraph()
    focus = network.graph.get("focus")
    for iri, node in network.nodes(data=True):
        display.add_node(node["entity_id"], label=node["label"], title=node_tooltip(node), type=node["type"],
                         url=entity_url(node["entity_id"]), size=int(10 + 5 * math.sqrt(node["degree"])),
                         borderWidth=4 if iri == focus else 1, focus=iri == focus, **TYPE_STYLES[node["type"]])
    for source, target, relation, edge in network.edges(keys=True, data=True):
        ends = network.nodes[source], network.nodes[target]
        options = {"arrows": {"to": {"enabled": False}}, "dashes": True} if relation == "mentioned_with" else {}
        display.add_edge(ends[0]["entity_id"], ends[1]["entity_id"], relation, label=edge["label"],
                         relation=relation, title=edge_tooltip(ends[0], edge, ends[1]),
                         weight=1 + math.log2(edge["count"]), **options)
    net = Network(directed=True)
    net.from_nx(display)
    return {"nodes": net.nodes, "edges": net.edges}


def _error(message: str, status: int):
    return render_template("graph.html", error=message), status


@bp.get("/graph")
def graph():
    """The whole graph, or ``?entity=ID&depth=N``'s neighbourhood; ``?type=`` keeps only some types."""
    try:
        query = read_request()
    except InvalidQuery as exc:
        return _error(str(exc), 400)
    iri = iri_of_entity_id(query.entity) if query.entity else None
    try:
        if query.entity and iri is None:
            raise UnknownEntity(query.entity)
        network = entity_network(get_store(), iri, query.depth, query.types, query.limit, query.comentions)
    except UnknownEntity:
        return _error(f"No entity {query.entity!r} in this store.", 404)
    except KGError as exc:
        return _error(str(exc), 400)
    data = vis_data(network) | {"styles": TYPE_STYLES}
    shown = {t: sum(1 for n in data["nodes"] if n["type"] == t) for t in TYPES}
    return render_template("graph.html", data=data, network=network, query=query,
                           focus=network.nodes[iri] if iri else None,
                           focus_url=entity_url(query.entity) if iri else None, shown=shown,
                           types=TYPES, type_labels=TYPE_LABELS, type_styles=TYPE_STYLES, max_depth=MAX_DEPTH)
