import pytest

from index.chunking import chunk_paragraphs
from index.knowledge import Paragraph

SECTION = ("Phần thứ nhất: KẾT QUẢ", "1. Kinh tế")


def paragraph(text: str, section: tuple[str, ...] = SECTION) -> Paragraph:
    return Paragraph("report", section, text, 1)


def test_windows_of_sentences_with_overlap():
    text = " ".join(f"Câu số {i} nói về kinh tế." for i in range(1, 6))
    chunks = chunk_paragraphs([paragraph(text)], size=2, overlap=1)
    assert [len(c.sentences) for c in chunks] == [2, 2, 2, 2]
    assert chunks[0].sentences[1] == chunks[1].sentences[0]
    assert chunks[-1].sentences[-1] == "Câu số 5 nói về kinh tế."


def test_ids_are_stable_and_change_only_with_the_text():
    first = chunk_paragraphs([paragraph("Một câu. Hai câu.")])
    again = chunk_paragraphs([paragraph("Một câu. Hai câu.")])
    edited = chunk_paragraphs([paragraph("Một câu đã sửa. Hai câu.")])
    assert first[0].chunk_id == again[0].chunk_id
    assert first[0].chunk_id != edited[0].chunk_id
    assert first[0].chunk_id.startswith("report-")


def test_lead_in_paragraph_joins_what_it_introduces():
    chunks = chunk_paragraphs(
        [paragraph("Đại hội xác định phương châm là:"), paragraph("“ĐOÀN KẾT - DÂN CHỦ”")]
    )
    assert [c.text for c in chunks] == ["Đại hội xác định phương châm là: “ĐOÀN KẾT - DÂN CHỦ”"]


def test_chunks_respect_max_chars_and_sections():
    long_sentences = " ".join("Câu dài " + "x" * 100 + "." for _ in range(4))
    chunks = chunk_paragraphs(
        [paragraph(long_sentences), paragraph("Khác mục.", ("Phần thứ hai",))],
        size=3,
        overlap=1,
        max_chars=250,
    )
    assert all(len(c.text) <= 250 for c in chunks[:-1])
    assert chunks[-1].section_path == "Phần thứ hai"
    assert chunks[0].section_path == "Phần thứ nhất > 1. Kinh tế"


def test_invalid_window_settings_are_refused_with_the_rule():
    with pytest.raises(ValueError, match="overlap < size"):
        chunk_paragraphs([paragraph("Câu.")], size=2, overlap=2)
