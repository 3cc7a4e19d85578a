from index.diacritics import DiacriticRestorer

KNOWLEDGE = [
    "Tỷ lệ hộ nghèo giảm còn 3,1%.",
    "Có 3/8 đơn vị cấp huyện đạt chuẩn nông thôn mới.",
    "Hỗ trợ doanh nghiệp đổi mới.",
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
