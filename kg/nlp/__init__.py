"""The spaCy side of the project: pipeline construction and rule components."""
from .pipeline import COMPONENTS, build_pipeline

__all__ = ["COMPONENTS", "build_pipeline"]
