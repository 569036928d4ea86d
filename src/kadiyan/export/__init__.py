"""Exports for other tools: GEXF for Gephi."""
