"""Batch files (CSV, TSV, JSON Lines) and worker processes."""
