"""Response headers every route gets: a strict Content-Security-Policy and its companions, and CORS for reads.

The pages load scripts, styles, images and frames (an entity page frames its
graph view) from this server only and run no inline script (the graph view's
data is a JSON ``<script>`` block, which is not executed), so the policy
allows ``'self'`` and nothing else, and only this site may frame a page. Cross-origin
reads are allowed for ``GET``/``HEAD`` (a SPARQL query by URL, the JSON API,
the dataset description), without credentials; ``POST`` answers carry no CORS
header, so a page elsewhere cannot read them.
"""
from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
READ_METHODS = ("GET", "HEAD")


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.method in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method") in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response.headers["Access-Control-Allow-Headers"] = "Accept"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response of ``app``."""
    app.after_request(_add_headers)
