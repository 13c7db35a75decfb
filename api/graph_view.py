"""``/graph``: the interactive graph view (pyvis over networkx), whole graph or one entity's neighbourhood."""
from flask import Blueprint

bp = Blueprint("graph_view", __name__)
