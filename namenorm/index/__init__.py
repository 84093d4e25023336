"""The compiled index: derived aliases, hash tables and candidate retrieval, saved indexes."""
