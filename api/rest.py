"""``/api/*``: the JSON API (quotes by speaker, entity search and detail, articles, OpenAPI)."""
from flask import Blueprint

bp = Blueprint("rest", __name__, url_prefix="/api")
