"""Extractors: small pipeline components, one job each (see kg.pipeline)."""
