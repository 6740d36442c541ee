"""Hypothesis strategies that generate Python programs for the fuzz properties."""
