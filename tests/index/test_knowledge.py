from pathlib import Path

from index.chunking import chunk_paragraphs
from index.knowledge import load_documents, parse_document, section_label

REPORT = Path(__file__).resolve().parents[2] / "knowledge" / "report.md"


def test_section_label_cites_the_part_before_the_colon():
    assert section_label("Phần thứ nhất: KẾT QUẢ THỰC HIỆN") == "Phần thứ nhất"
    assert section_label("2.1. Huy động mọi nguồn lực") == "2.1. Huy động mọi nguồn lực"


def test_report_sections_follow_the_report():
    doc = parse_document(REPORT)
    assert doc.title.startswith("Tóm tắt Báo cáo chính trị")
    assert doc.paragraphs[0].text == doc.title and doc.paragraphs[0].section == ("Tiêu đề",)
    paragraph = next(p for p in doc.paragraphs if "265/331" in p.text)
    assert paragraph.section == (
        "Phần thứ nhất: KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XIII, "
        "NHIỆM KỲ 2015 - 2020",
        "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC",
        "2. Về thực hiện nhiệm vụ văn hóa - xã hội",
    )
    targets = [
        p for p in doc.paragraphs if p.section and p.section[-1].startswith("4. Các chỉ tiêu")
    ]
    assert [p.text.split()[0] for p in targets[1:]] == [f"({i})" for i in range(1, 12)]


def test_page_break_splits_are_joined_and_markup_removed():
    doc = parse_document(REPORT)
    texts = [p.text for p in doc.paragraphs]
    assert any("hoàn thành sớm mục tiêu xây dựng nông thôn mới" in t for t in texts)
    assert not any("**" in t or t.startswith("- ") for t in texts)


def test_more_than_one_document(tmp_path: Path):
    (tmp_path / "a.md").write_text("# A\n\n## Một\n\nCâu một. Câu hai.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n## Hai\n\nCâu ba.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a document\n", encoding="utf-8")
    docs = load_documents(tmp_path)
    assert [d.doc_id for d in docs] == ["a", "b"]
    chunks = chunk_paragraphs([p for d in docs for p in d.paragraphs])
    assert [(c.doc, c.section_path, c.text) for c in chunks] == [
        ("a", "Tiêu đề", "A"),
        ("a", "Một", "Câu một. Câu hai."),
        ("b", "Tiêu đề", "B"),
        ("b", "Hai", "Câu ba."),
    ]


def test_numbered_paragraphs_are_one_list_and_keep_their_numbers(tmp_path: Path):
    (tmp_path / "a.md").write_text(
        "# A\n\n## Chỉ tiêu\n\nCó 2 chỉ tiêu sau:\n\n(1) Tăng trưởng 6%.\n\n(2) Hộ nghèo giảm 1%.\n",
        encoding="utf-8",
    )
    paragraphs = load_documents(tmp_path)[0].paragraphs
    assert [p.list_item for p in paragraphs] == [False, False, True, True]
    chunk = chunk_paragraphs(paragraphs)[-1]
    assert chunk.item_numbers == (0, 1, 2)
    assert chunk.sentences[2] == "(2) Hộ nghèo giảm 1%."
