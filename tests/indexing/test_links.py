"""Links in a corpus folder are not followed out of it (issue 12 item 8)."""

from __future__ import annotations

from indexing.pipeline import OUTSIDE_LINK, Indexer


def test_a_link_out_of_the_folder_is_skipped_and_never_quoted(
    make_settings, corpus_copy, embed_model, tmp_path
):
    secret = tmp_path / "private" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:Secret Admin Person:/root:/bin/bash\n" * 20)
    (corpus_copy / "passwd.txt").symlink_to(secret)
    (corpus_copy / "private-folder").symlink_to(secret.parent, target_is_directory=True)

    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    summary = indexer.index()
    assert summary.count("added") == 2  # the two shipped reports
    skipped = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert skipped.get("passwd.txt") == OUTSIDE_LINK
    documents = indexer.store.get_chunks()["documents"]
    assert not any("Secret Admin Person" in d for d in documents)

    named = indexer.index([corpus_copy / "passwd.txt"])  # named on the command line: read
    assert named.count("added") == 1
