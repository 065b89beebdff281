"""Every chunk is small whatever the input (issue 12 item 9: a one-line 4.9 MB file was one chunk)."""

from __future__ import annotations

from indexing.chunking import MAX_WORD_CHARS
from indexing.pipeline import Indexer


def test_text_with_no_sentence_ends_is_cut_into_bounded_chunks(make_settings, tmp_path, embed_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = " ".join(f"word{i % 97}" for i in range(30_000))  # ~0.2 MB, one line, no full stop
    blob = "x" * 40_000  # and a run with no space at all
    (corpus / "one-line.md").write_text(f"# Notes\n\n{words} {blob} the end\n", encoding="utf-8")
    settings = make_settings(corpus_dir=corpus)
    indexer = Indexer(settings, embed_model=embed_model)
    summary = indexer.index()
    assert summary.count("added") == 1, summary.outcomes
    docs = indexer.store.get_chunks()["documents"]
    limit_words, limit_chars = settings.chunk_max_words, settings.chunk_max_words * MAX_WORD_CHARS
    assert len(docs) > 100
    assert max(len(d.split()) for d in docs) <= limit_words
    assert max(len(d) for d in docs) <= limit_chars + 200  # a heading line may lead a chunk
    assert "".join(docs).count("x") >= 40_000  # nothing dropped
