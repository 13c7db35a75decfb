"""The Flask application (SPARQL endpoint, JSON API, HTML views): see issue 4.

It imports :mod:`kg`; :mod:`kg` never imports it.
"""
