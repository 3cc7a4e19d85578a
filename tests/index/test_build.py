import dataclasses
import json
from pathlib import Path

import pytest

from index.build import build_index, check_knowledge
from index.store import IndexMissingError, load_index

pytestmark = pytest.mark.slow


def test_build_writes_index_and_manifest(built_settings):
    folder = built_settings.index_dir
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["model"] == built_settings.embedding_model
    assert manifest["dimension"] == 384
    assert manifest["sources"].keys() == {"report.md"}
    assert len(manifest["sources"]["report.md"]) == 64
    assert manifest["chunking"] == {"sentences": 3, "overlap": 1, "max_chars": 1200}
    data = load_index(folder, built_settings.embedding_model)
    assert manifest["chunk_count"] == len(data.chunks) == data.chunk_index.ntotal
    assert len({c.chunk_id for c in data.chunks}) == len(data.chunks)
    assert data.answerability["cases"] > 100


def test_incremental_rebuild_embeds_only_the_edited_paragraph(
    built_settings, knowledge_copy, tmp_path
):
    index_dir = tmp_path / "index"
    settings = dataclasses.replace(
        built_settings, knowledge_dir=knowledge_copy, index_dir=index_dir
    )
    index_dir.mkdir()
    for name in ("cache.npz", "manifest.json"):
        (index_dir / name).write_bytes((built_settings.index_dir / name).read_bytes())
    first = build_index(settings, lambda _m: None)
    assert first.embedded == 0  # everything came from the cache
    before = {c.chunk_id for c in load_index(index_dir, settings.embedding_model).chunks}

    report = knowledge_copy / "report.md"
    text = report.read_text(encoding="utf-8")
    old = "Phong trào thể dục, thể thao quần chúng có bước phát triển"
    assert text.count(old) == 1
    report.write_text(text.replace(old, "Phong trào bơi lội quần chúng có bước phát triển mạnh"))
    second = build_index(settings, lambda _m: None)

    assert 1 <= second.embedded <= 6  # the edited chunk windows and sentence, nothing else
    after_chunks = load_index(index_dir, settings.embedding_model).chunks
    after = {c.chunk_id for c in after_chunks}
    assert len(before - after) == len(after - before) >= 1
    assert any("bơi lội" in c.text for c in after_chunks)


def test_load_refuses_missing_or_corrupt_index_with_the_fix(built_settings, tmp_path):
    with pytest.raises(IndexMissingError, match="reportbot index build"):
        load_index(tmp_path / "nowhere", built_settings.embedding_model)
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("manifest.json", "chunks.jsonl", "answerability.json", "sentences.faiss"):
        (broken / name).write_bytes((built_settings.index_dir / name).read_bytes())
    (broken / "chunks.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexMissingError, match="damaged.*reportbot index build"):
        load_index(broken, built_settings.embedding_model)
    with pytest.raises(IndexMissingError, match="configured model is 'other-model'"):
        load_index(built_settings.index_dir, "other-model")


def test_check_reports_empty_sections_duplicates_and_oversize(built_settings, tmp_path: Path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    long_sentence = "Một câu rất dài " + "x" * 1300 + "."
    (folder / "doc.md").write_text(
        "# Tài liệu\n\n## Trống\n\n## Có nội dung\n\nCâu lặp lại.\n\nCâu lặp lại.\n\n"
        f"{long_sentence}\n",
        encoding="utf-8",
    )
    problems = check_knowledge(dataclasses.replace(built_settings, knowledge_dir=folder))
    assert any("section 'Trống' is empty" in p and "doc.md:3" in p for p in problems)
    assert any("appears 2 times" in p for p in problems)
    assert any("exceeds chunk_max_chars=1200" in p for p in problems)


def test_check_passes_on_the_real_knowledge(built_settings):
    assert check_knowledge(built_settings) == []
