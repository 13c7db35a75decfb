"""HTML pages: the start page, entity pages and article pages."""
from flask import Blueprint

bp = Blueprint("pages", __name__)
