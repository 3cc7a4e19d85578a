"""Variants of the labelled questions the answerability decision is fitted on."""

from index.cases import Case
from index.text import fold
from index.variants import named_variants

CASES = [
    Case("a1", "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?", "answer", ("3,1%",)),
    Case("f1", "Giá lúa hôm nay bao nhiêu?", "fallback"),
    Case("f2", "Dân số Hậu Giang là bao nhiêu?", "fallback"),
]


def test_each_question_not_naming_the_province_gets_a_variant_that_names_it():
    named = named_variants(CASES)
    assert [c.id for c in named] == ["a1-named", "f1-named"]
    assert all("hau giang" in fold(c.question) for c in named)
    assert [(c.expect, c.answer_contains) for c in named] == [
        ("answer", ("3,1%",)),
        ("fallback", ()),
    ]


def test_named_variants_keep_the_question_and_are_repeatable():
    first, second = named_variants(CASES), named_variants(CASES)
    assert first == second
    assert "ho ngheo nam 2020" in fold(first[0].question)
