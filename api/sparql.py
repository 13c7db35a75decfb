"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query only) and its HTML query page."""
from flask import Blueprint

bp = Blueprint("sparql", __name__)
