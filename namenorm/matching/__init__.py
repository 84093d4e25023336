"""Resolving one name: scoring, inflection, the resolver and its decisions."""
