import pytest

from index.chunking import Chunk
from index.period import question_period, reports_year, single_years, without_time_phrases
from index.query import Lexicon, QueryParser

PARSER = QueryParser(Lexicon({"bhyt": "bao hiem y te"}))


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Tính đến 2020 có bao nhiêu huyện đạt chuẩn nông thôn mới?", -1),
        ("Nhiệm kỳ 2015 - 2020 đạt bao nhiêu chỉ tiêu?", -1),
        ("Mục tiêu nhiệm kỳ 2020-2025 về hộ nghèo?", 1),
        ("Tỷ lệ BHYT năm 2025", 1),
        ("tam nhin den 2030", 1),
        ("5 năm tới tỉnh tạo việc làm cho bao nhiêu lao động", 1),
        ("thoi gian toi tinh lam gi cho du lich", 1),
        ("Tỷ lệ hộ nghèo đã giảm thế nào?", -1),
        # A count of what was achieved is a result; a share without tense says nothing.
        ("mấy huyện đạt chuẩn nông thôn mới", -1),
        ("mục tiêu bao nhiêu xã đạt chuẩn nông thôn mới", 1),
        ("tỷ lệ xã đạt chuẩn nông thôn mới", 0),
        ("so bac si tren 10 nghin dan hien gio la bao nhieu", -1),
        ("bao cao co noi gi ve du lich giai doan truoc ko", -1),
        ("tương lai tỉnh phát triển du lịch ra sao", 1),
        ("qua 5 nam tinh giai quyet viec lam cho bao nhieu nguoi", -1),
        # "được bao nhiêu": how much was achieved.
        ("tỉnh xây được bao nhiêu trường học mới", -1),
        # Achievements are results; raising them is a plan.
        ("the thao tinh minh co thanh tich gi ko", -1),
        ("nhiệm kỳ tới nâng cao thành tích thể thao ra sao", 1),
    ],
)
def test_years_and_tense_words_say_which_period_a_question_asks_about(question, period):
    assert question_period(PARSER.words(question), question, boundary=2020) == period


def test_without_a_boundary_years_do_not_count():
    question = "Tính đến 2020 có bao nhiêu huyện?"
    assert question_period(PARSER.words(question), question) == 0


def test_time_phrases_are_left_out_of_the_words_the_lexical_rankers_match():
    words = ["han", "che", "cua", "nganh", "y", "te", "trong", "nhiem", "ky", "qua", "la", "gi"]
    assert without_time_phrases(words) == [
        "han",
        "che",
        "cua",
        "nganh",
        "y",
        "te",
        "trong",
        "la",
        "gi",
    ]
    assert without_time_phrases(["5", "nam", "toi", "viec", "lam"]) == ["5", "viec", "lam"]
    assert without_time_phrases(["quoc", "phong", "toi", "day", "lam", "gi"]) == [
        "quoc",
        "phong",
        "lam",
        "gi",
    ]
    assert without_time_phrases(["ty", "le", "nam", "2020"]) == ["ty", "le", "nam", "2020"]


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("tỷ lệ hộ nghèo năm 2017 là bao nhiêu", [2017]),
        ("nhiem ky 2015 2020 tang truong bn", []),
        ("Nhiệm kỳ 2015 - 2020 đạt bao nhiêu chỉ tiêu?", []),
        ("từ 2015 đến 2020 và riêng năm 2018", [2018]),
    ],
)
def test_single_years_leave_out_the_terms_a_question_names(question, years):
    assert single_years(question) == years


def _chunk(section: tuple[str, ...], text: str) -> Chunk:
    return Chunk("id", "report", section, text, (text,))


def test_a_passage_reports_the_years_it_names_and_the_end_of_its_term():
    result = _chunk(("Phần thứ nhất: KẾT QUẢ NHIỆM KỲ 2015 - 2020",), "Tỷ lệ hộ nghèo còn 3,1%.")
    target = _chunk(("Các chỉ tiêu nhiệm kỳ 2020 – 2025",), "Lao động qua đào tạo đạt 65%.")
    assert reports_year(result, 2020) and not reports_year(result, 2015)
    assert reports_year(target, 2025) and not reports_year(target, 2020)
    assert reports_year(_chunk(("Mở đầu",), "Năm 2020 là năm cuối."), 2020)
