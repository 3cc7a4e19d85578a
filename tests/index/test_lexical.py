"""The lexical ranker's shares of a question's words."""

from index.lexical import LexicalRanker

RANKER = LexicalRanker(
    [
        "ty le ho ngheo nam 2020 con 3,1%",
        "ty le truong dat chuan quoc gia 80%",
        "ty le lao dong qua dao tao dat 65%",
    ]
)


def test_the_share_of_words_a_text_holds_weighs_rare_words_more():
    words = ["ty", "le", "ho", "ngheo"]
    assert RANKER.share_in(words, "ty le ho ngheo") == 1.0
    # "tỷ lệ" is in every text and weighs little; "hộ nghèo" is the topic.
    assert RANKER.share_in(words, "ty le truong") < 0.2 < RANKER.share_in(words, "ho ngheo")


def test_question_words_are_left_out_and_unknown_words_weigh_the_most():
    assert RANKER.share_in(["bao", "nhieu", "ho", "ngheo"], "ho ngheo") == 1.0
    assert RANKER.share_in(["ho", "ngheo", "soc", "trang"], "ho ngheo") < 0.5
