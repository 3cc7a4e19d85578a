"""The grading rules of `reportbot eval`, on replies written out by hand."""

from index.answer import Reply
from index.cases import Case
from index.evaluate import evaluate

REPLIES = {
    "khu công nghiệp?": Reply("answer", "Tỉnh có 02 khu công nghiệp."),
    "giá vàng?": Reply("fallback", "Báo cáo không đề cập."),
    "góp ý: nên tăng chỉ tiêu": Reply("feedback_prompt", "Bạn muốn góp ý..."),
    "chào ad": Reply("fallback", "Báo cáo không đề cập."),
}
ANSWER = Case("a", "khu công nghiệp?", "answer", ("02 khu công nghiệp",))
FALLBACK = Case("f", "giá vàng?", "fallback")


def ask(message: str) -> Reply:
    return REPLIES[message]


def test_a_set_without_opinions_or_small_talk_has_no_intent_accuracy():
    report = evaluate(ask, [ANSWER, FALLBACK], with_intents=True)
    assert report["answer"]["answer_accuracy"] == 1.0 and report["fallback"]["accuracy"] == 1.0
    assert report["intents"] == {"n": 0, "accuracy": None, "by_kind": {}}


def test_intents_are_graded_by_the_kind_of_reply():
    cases = [Case("o", "góp ý: nên tăng chỉ tiêu", "feedback"), Case("g", "chào ad", "greet")]
    report = evaluate(ask, cases, with_intents=True)
    assert report["intents"] == {
        "n": 2,
        "accuracy": 0.5,
        "by_kind": {"feedback": 1.0, "greet": 0.0},
    }
    assert [f["id"] for f in report["failures"]] == ["g"]
    assert evaluate(ask, cases)["skipped"] == 2
