from index.text import (
    clean_question,
    collapse,
    fold,
    soften_capitals,
    split_sentences,
    tokens,
)


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Tỷ lệ Đảng viên được kết nạp") == "ty le dang vien duoc ket nap"


def test_tokens_keep_vietnamese_numbers_whole():
    assert tokens("đạt 1.044 triệu USD, 3,1% và 32/51 xã") == [
        "dat",
        "1.044",
        "trieu",
        "usd",
        "3,1",
        "va",
        "32/51",
        "xa",
    ]


def test_split_sentences_keeps_numbers_and_quotes():
    paragraph = (
        "Tỷ lệ trường đạt chuẩn quốc gia đạt 80%, tương đương 265/331 trường. "
        "Tỉnh đã ban hành các chính sách. Thu hút 10.000 lao động."
    )
    assert split_sentences(paragraph) == [
        "Tỷ lệ trường đạt chuẩn quốc gia đạt 80%, tương đương 265/331 trường.",
        "Tỉnh đã ban hành các chính sách.",
        "Thu hút 10.000 lao động.",
    ]


def test_split_sentences_does_not_split_before_lower_case():
    assert split_sentences("Các khu, cụm công nghiệp,... dần được khắc phục.") == [
        "Các khu, cụm công nghiệp,... dần được khắc phục."
    ]


def test_clean_question_strips_html_control_characters_and_length():
    text = clean_question("<script>alert(1)</script>\x00Tỷ lệ\u200b   hộ nghèo" + "a" * 5000)
    assert "<" not in text and "\x00" not in text and "\u200b" not in text
    assert text.startswith("alert(1) Tỷ lệ hộ nghèo")
    assert len(text) == 1000


def test_collapse_normalises_case_and_spaces():
    assert collapse("  1.044 Triệu\n USD ") == "1.044 triệu usd"


def test_soften_capitals_lowers_runs_of_three_capital_words_only():
    text = "II. ĐÁNH GIÁ CHUNG về GRDP, lần thứ XIV"
    assert soften_capitals(text) == "II. đánh giá chung về GRDP, lần thứ XIV"
