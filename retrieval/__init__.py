"""Retrieval: hybrid dense (Chroma) + lexical (BM25) search with filters and a glossary."""
