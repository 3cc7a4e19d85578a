"""The shared splitter: every part under the limit, cuts only at sentence or word boundaries."""

from __future__ import annotations

import re

import pytest

from connectors.splitting import split_message

SENTENCE = "Tỷ lệ hộ nghèo giảm còn 3,1% vào năm 2020, vượt chỉ tiêu Nghị quyết đề ra. "


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_a_short_reply_is_one_message():
    assert split_message("Xin chào!", 4096) == ["Xin chào!"]


@pytest.mark.parametrize("limit", [2000, 4096])
def test_long_reply_splits_at_sentence_ends_under_the_limit(limit):
    text = SENTENCE * (limit // len(SENTENCE) * 3)
    parts = split_message(text, limit)
    assert len(parts) >= 3
    assert all(len(part) <= limit for part in parts)
    assert all(part.endswith("đề ra.") for part in parts)
    assert normalised(" ".join(parts)) == normalised(text)


def test_paragraphs_are_preferred_to_sentences():
    first, second = "Mục một. " * 5, "Mục hai. " * 5
    parts = split_message(f"{first.strip()}\n\n{second.strip()}", len(first) + 20)
    assert parts == [first.strip(), second.strip()]


def test_a_quotation_is_not_cut_when_a_sentence_end_outside_it_fits():
    quote = "“Tăng trưởng đạt 7%. Thu nhập tăng. Hộ nghèo giảm.”"
    text = f"Mở đầu. {quote} Kết luận ở đây."
    parts = split_message(text, len("Mở đầu. ") + len(quote) + 5)
    assert parts[1] == f"{quote}" or parts[0].endswith(quote)
    assert all(part.count("“") == part.count("”") for part in parts)


def test_without_sentence_ends_it_cuts_between_words():
    text = "từ " * 100
    parts = split_message(text, 50)
    assert all(len(part) <= 50 for part in parts)
    assert all(word == "từ" for part in parts for word in part.split())


def test_a_closing_quote_stays_with_its_sentence():
    text = "Báo cáo nêu: “Hoàn thành chỉ tiêu.” Sau đó là phần khác rất dài hơn nữa."
    parts = split_message(text, 40)
    assert parts[0].endswith("chỉ tiêu.”")


def test_a_bad_limit_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        split_message("x", 0)
