import pytest

from index.chunking import Chunk, chunk_paragraphs
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


def list_item(text: str, section: tuple[str, ...] = SECTION) -> Paragraph:
    return Paragraph("report", section, text, 1, list_item=True)


def test_a_bulleted_list_is_one_chunk_with_numbered_items():
    section = ("Phần thứ hai", "3. Nhiệm vụ đột phá")
    chunks = chunk_paragraphs(
        [
            list_item("Hoàn thành quy hoạch. Đầu tư hạ tầng.", section),
            list_item("Hoàn thiện thể chế.", section),
            list_item("Cải cách hành chính.", section),
            paragraph("Đoạn sau danh sách.", section),
        ],
        size=2,
        overlap=1,
    )
    assert [c.sentences for c in chunks[:1]] == [
        ("Hoàn thành quy hoạch. Đầu tư hạ tầng.", "Hoàn thiện thể chế.", "Cải cách hành chính.")
    ]
    assert chunks[0].item_numbers == (1, 2, 3) and chunks[0].is_list
    assert chunks[0].unit_texts()[2] == "Nhiệm vụ đột phá thứ ba: Cải cách hành chính."
    assert "thứ hai: Hoàn thiện thể chế" in chunks[0].lexical_text()
    assert not chunks[1].is_list and chunks[1].unit_texts() == ["Đoạn sau danh sách."]


def test_a_list_longer_than_max_chars_is_windowed_and_keeps_its_numbers():
    items = [list_item(f"Mục số {i} " + "x" * 80 + ".") for i in range(1, 5)]
    chunks = chunk_paragraphs(items, size=2, overlap=1, max_chars=200)
    assert len(chunks) > 1
    assert chunks[0].item_numbers == (1, 2) and chunks[-1].item_numbers[-1] == 4


def test_dense_text_reads_shouted_text_in_lower_case_but_keeps_acronyms():
    chunk = chunk_paragraphs([paragraph("Chủ đề là: “PHÁT HUY SỨC MẠNH ĐOÀN KẾT” của UBND.")])[0]
    assert "“phát huy sức mạnh đoàn kết” của UBND" in chunk.embedding_text()
    assert chunk.embedding_text().startswith("Phần thứ nhất: KẾT QUẢ")


def test_a_passage_with_a_percentage_is_found_by_the_word_rate():
    """ "tỷ lệ xã đạt chuẩn … bao nhiêu" is answered by "(đạt 32/51 xã, chiếm 62,7%)"."""
    with_rate = Chunk("a", "report", ("Kinh tế",), "đạt 32/51 xã, chiếm 62,7%", ("…",))
    without = Chunk("b", "report", ("Kinh tế",), "đạt 32/51 xã", ("…",))
    assert "tỷ lệ" in with_rate.lexical_text() and "tỷ lệ" not in without.lexical_text()
