"""Housekeeping of the Rasa models folder."""

import os

from reportbot.serve import prune_models


def test_only_the_newest_model_is_kept(tmp_path):
    for age, name in enumerate(["newest", "middle", "oldest"]):
        model = tmp_path / f"{name}.tar.gz"
        model.write_bytes(b"model")
        os.utime(model, (1_000_000 - age, 1_000_000 - age))
    (tmp_path / "notes.txt").write_text("not a model")

    assert prune_models(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newest.tar.gz", "notes.txt"]
    assert prune_models(tmp_path) == 0
