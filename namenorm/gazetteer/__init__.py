"""The gazetteer: entities and names, the YAML loader and its checks, importers."""
