"""kg: a knowledge-graph builder for news articles."""
import logging

__version__ = "0.1.0"

# A library logs only where its user sends it (kg.logs.configure; the command line's --log-file/--log-level).
logging.getLogger("kg").addHandler(logging.NullHandler())
