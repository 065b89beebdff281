"""Indexing: files -> pages of lines -> cleaned blocks -> section-aware chunks -> store.

Modules, in the order data flows through them:
``loading`` (safe per-file extraction), ``pdf_lines`` (pypdf layout attributes),
``cleaning`` (furniture removal, joins), ``structure`` (headings, paragraphs, bullets),
``chunking``, ``metadata`` (authority, type, dates, judgement), ``pipeline`` (incremental runs).
"""
