from index.diacritics import DiacriticRestorer

KNOWLEDGE = [
    "Tỷ lệ hộ nghèo giảm còn 3,1%.",
    "Có 3/8 đơn vị cấp huyện đạt chuẩn nông thôn mới.",
    "Hỗ trợ doanh nghiệp đổi mới.",
    "Công tác đối ngoại mang lại một số kết quả tích cực.",
    "Tai nạn giao thông giảm cả 3 tiêu chí.",
]


def test_unaccented_questions_get_the_knowledge_diacritics():
    restorer = DiacriticRestorer(KNOWLEDGE)
    assert restorer.restore_words(["ty", "le", "ho", "ngheo"]) == "tỷ lệ hộ nghèo"


def test_abbreviations_are_written_out_in_accented_questions_too():
    restorer = DiacriticRestorer(KNOWLEDGE)
    expansions = {"bn": "bao nhieu", "ntm": "nong thon moi", "dn": "doanh nghiep", "j": "gi"}
    text = "Có bn đơn vị cấp huyện đạt chuẩn NTM, hỗ trợ DN là j?"
    restored = restorer.expand_abbreviations(text, expansions)
    assert restored == (
        "Có bao nhiêu đơn vị cấp huyện đạt chuẩn nông thôn mới, hỗ trợ doanh nghiệp là gì?"
    )


def test_words_typed_without_diacritics_in_an_accented_question_are_restored():
    # A follow-up typed plainly, read with a question typed with marks.
    restorer = DiacriticRestorer(KNOWLEDGE)
    assert restorer.restore_unmarked_runs("doi ngoai nhiệm kỳ qua?") == "đối ngoại nhiệm kỳ qua?"
    # A lone plain word may be spelt so: "tai" of "tai nạn" stays.
    assert restorer.restore_unmarked_runs("Tai nạn giao thông giảm") == "Tai nạn giao thông giảm"
