"""Mentions in running text: tokens, candidate spans, document context, decisions."""
