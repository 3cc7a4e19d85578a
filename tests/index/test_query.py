"""The query parser: the question part of a chat message, its written-out words, typos."""

import pytest

from index.query import Lexicon, QueryParser, load_lexicon, question_part
from reportbot.settings import PROJECT_ROOT

LEXICON = load_lexicon(PROJECT_ROOT / "knowledge")
VOCABULARY = ["ho", "ngheo", "nong", "thon", "moi", "giuong", "benh", "xa", "dat", "chuan"]


@pytest.mark.parametrize(
    ("message", "question"),
    [
        (
            "Chào ad, mình là giáo viên ở Long Mỹ, trường mình thiếu giáo viên lắm. "
            "Cho mình hỏi nhiệm kỳ tới tỉnh có giải pháp gì về giáo viên không ạ?",
            "nhiệm kỳ tới tỉnh có giải pháp gì về giáo viên không?",
        ),
        (
            "dạ cho con hỏi tỷ lệ hộ nghèo năm 2020 là bao nhiêu",
            "tỷ lệ hộ nghèo năm 2020 là bao nhiêu",
        ),
        ("ad ơi tỷ lệ hộ nghèo bn vậy ta", "tỷ lệ hộ nghèo bn"),
        (
            "mình ở Phụng Hiệp, muốn biết tới giờ bn xã đạt chuẩn NTM rồi",
            "tới giờ bn xã đạt chuẩn NTM rồi",
        ),
        # "chưa" asks only at the end: "mà chưa có việc" tells the asker's situation.
        (
            "Em mới học xong cao đẳng mà chưa có việc. "
            "Nhiệm kỳ tới tạo việc làm cho bao nhiêu người vậy ad?",
            "Nhiệm kỳ tới tạo việc làm cho bao nhiêu người?",
        ),
        (
            "vợ chồng mình làm ruộng thu nhập chưa tới 50tr/năm, "
            "mục tiêu thu nhập tới 2025 là bao nhiêu",
            "mục tiêu thu nhập tới 2025 là bao nhiêu",
        ),
        (
            "hi, e la sv. cho e hoi ung pho bien doi khi hau tinh da lam gi",
            "ung pho bien doi khi hau tinh da lam gi",
        ),
        (
            "Tôi làm ruộng ở Phụng Hiệp. Năm nay mặn vô ruộng nhiều. Tỉnh có chống sạt lở ko?",
            "Tỉnh có chống sạt lở ko?",
        ),
        ("Báo cáo có nói gì về sạt lở bờ sông không?", "sạt lở bờ sông"),
        ("bc co de cap den chuyen doi so ko ad", "chuyen doi so"),
        # ... and asked after the question.
        (
            "bệnh nặng toàn phải chuyển lên Cần Thơ, báo cáo có nói tới chuyện này k",
            "bệnh nặng toàn phải chuyển lên Cần Thơ",
        ),
        ("han man tinh lam j de chong, bao cao co noi hok", "han man tinh lam j de chong"),
        # A sentence that asks "có … ko" in chat is kept with the one before it.
        (
            "sao du lịch ít khách vậy. báo cáo có nhận là còn hạn chế ko",
            "sao du lịch ít khách vậy. báo cáo có nhận là còn hạn chế ko",
        ),
        # A clause that only says who is asking, before a comma.
        (
            "mình là nông dân ở Phụng Hiệp, báo cáo có nói gì về chống hạn mặn không",
            "chống hạn mặn",
        ),
        ("nha em o Long My, em lam ruong, ty le ho ngheo bn", "ty le ho ngheo bn"),
        (
            "e mở tiệm tạp hóa nhỏ, báo cáo có hỗ trợ dn vừa và nhỏ ko",
            "báo cáo có hỗ trợ dn vừa và nhỏ ko",
        ),
        # ... and after the question.
        (
            "tỷ lệ hộ nghèo năm 2020 bao nhiêu vậy, mình đang làm ruộng ở Vị Thủy",
            "tỷ lệ hộ nghèo năm 2020 bao nhiêu",
        ),
        # ... or who in their family.
        (
            "Chính sách cho người có công thực hiện ra sao vậy ạ, ba em là thương binh hạng 2",
            "Chính sách cho người có công thực hiện ra sao",
        ),
        # "về chuyện / vấn đề X": the topic is X ("chuyển đổi số" is no "chuyện").
        ("bc có nói gì về chuyện sạt lở không", "sạt lở"),
        ("bc co noi gi ve chuyen doi so ko", "chuyen doi so"),
        # "X thì báo cáo có nói (đến Y) không": the topic is X (and Y).
        ("chợ nổi thì báo cáo có nhắc tới du lịch không", "chợ nổi du lịch"),
        ("kenh rach o nhiem thi bc co noi gi ko, hom qua em moi di qua", "kenh rach o nhiem"),
        # ... unless it tells what happens to the asker: then X alone is the question.
        (
            "truong e thieu gv tram trong, bc co noi ve chuyen thieu giao vien ko",
            "thieu giao vien",
        ),
        # Closing particles go ("vậy" as v, z), a loan ("cho vay") stays.
        ("tiep xuc doi thoai voi dan dc bn cuoc v", "tiep xuc doi thoai voi dan dc bn cuoc"),
        ("ho ngheo dc ngan hang chinh sach cho vay", "ho ngheo dc ngan hang chinh sach cho vay"),
        ("nông thôn mới", "nông thôn mới"),
        # A bare "hỏi chút" opening a clause starts the question ("đại hội" is no "hỏi").
        (
            "Tôi là trưởng ấp ở Phụng Hiệp, hỏi chút: hộ nghèo còn bao nhiêu",
            "hộ nghèo còn bao nhiêu",
        ),
        ("đại hội chút nữa khai mạc chưa", "đại hội chút nữa khai mạc chưa"),
    ],
)
def test_the_question_part_drops_greetings_introductions_and_framing(message, question):
    assert question_part(message) == question


def test_shorthand_and_abbreviations_are_written_out_from_the_lexicon():
    parser = QueryParser(LEXICON)
    assert parser.words("bn xã đạt NTM, có mấy KCN dc ko?") == [
        *["bao", "nhieu", "xa", "dat", "nong", "thon", "moi", "co", "may"],
        *["khu", "cong", "nghiep", "duoc", "khong"],
    ]


def test_the_lexicon_names_each_phrase_once_per_group():
    # YAML keeps the last of two equal keys silently; an edit would then do nothing.
    seen: set[tuple[str, str]] = set()
    repeated, group = [], ""
    for line in (PROJECT_ROOT / "knowledge" / "lexicon.yaml").read_text("utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            group = line.split(":")[0]
        elif line.startswith("  ") and ":" in line and not line.strip().startswith("#"):
            key = (group, line.split(":")[0].strip())
            if key in seen:
                repeated.append(key)
            seen.add(key)
    assert repeated == []


def test_conscription_is_read_in_the_reports_words():
    assert QueryParser(LEXICON).words("tuyển quân") == ["goi", "cong", "dan", "nhap", "ngu"]


def test_both_spellings_of_ty_le_are_read_as_the_reports():
    assert QueryParser(LEXICON).words("tỉ lệ hộ nghèo") == ["ty", "le", "ho", "ngheo"]


def test_words_that_only_address_the_bot_disappear():
    assert QueryParser(LEXICON).words("ad cho hỏi j") == ["cho", "hoi", "gi"]


def test_an_ordinal_digit_is_written_as_the_report_writes_it():
    query = QueryParser(LEXICON).parse("đột phá thứ 2 là j")
    assert query.words[2:4] == ("thu", "hai") and query.item_number == 2
    assert QueryParser(LEXICON).parse("Các nhiệm vụ đột phá là gì?").item_number is None


def test_a_typo_one_letter_away_from_a_single_known_word_is_mended():
    parser = QueryParser(Lexicon(), VOCABULARY)
    assert parser.words("ty le ho nghoe giuongg benh") == [
        *["ty", "le", "ho", "ngheo", "giuong", "benh"]
    ]


def test_unknown_words_far_from_the_vocabulary_stay_as_typed():
    assert QueryParser(Lexicon(), VOCABULARY).words("gia vang hom nay") == [
        "gia",
        "vang",
        "hom",
        "nay",
    ]


def test_a_query_keeps_the_message_and_whether_it_was_accented():
    query = QueryParser(LEXICON).parse("  Chào ad!  Tỷ lệ hộ nghèo bn?  ")
    assert query.message == "Chào ad! Tỷ lệ hộ nghèo bn?"
    assert query.accented and query.text == "Tỷ lệ hộ nghèo bn?"


@pytest.mark.parametrize(
    "question",
    [
        "Tổng vốn đầu tư toàn xã hội huy động được bao nhiêu?",
        "Đại hội lần thứ mấy?",
        "Tỉnh hỗ trợ cho hội nông dân những gì?",
    ],
)
def test_the_word_hoi_of_xa_hoi_or_dai_hoi_is_not_an_ask(question):
    assert question_part(question) == question


def test_long_numbers_are_written_with_thousand_dots_as_the_report_does():
    assert QueryParser(Lexicon()).words("tren 10000 dan nam 2025") == [
        "tren",
        "10.000",
        "dan",
        "nam",
        "2025",
    ]


def test_context_after_the_question_is_dropped_too():
    message = "Cho em hỏi chủ đề của Đại hội là gì ạ? Em là sinh viên, đang làm bài tập."
    assert question_part(message) == "chủ đề của Đại hội là gì?"


@pytest.mark.parametrize(
    "question",
    ["Chỉ tiêu về giáo dục đến năm 2025 là gì?", "Đa dạng hóa sản phẩm du lịch thế nào?"],
)
def test_content_words_that_look_like_greetings_stay(question):
    assert question_part(question) == question


def test_everyday_phrases_are_read_in_the_reports_words():
    parser = QueryParser(LEXICON)
    words = parser.parse("Báo cáo có nói gì về tình hình nghiện hút không ad?").words
    assert "ma" in words and "tuy" in words and "nghien" not in words
    assert parser.related_words("tình hình nghiện hút") == ["ma", "tuy"]


def test_a_phrase_is_matched_on_whole_words_only():
    parser = QueryParser(LEXICON)
    assert "ma" not in parser.words("nghiên cứu khoa học được đầu tư ra sao")
    assert parser.words("cho mình hỏi") == ["cho", "minh", "hoi"]
    assert parser.related_words("cho mình hỏi") == []


@pytest.mark.parametrize(
    ("message", "number"),
    [
        ("đột phá thứ hai", 2),
        ("dot pha thu 3 la j", 3),
        ("chỉ tiêu số 7 là gì", 7),
        ("tỷ lệ hộ nghèo", None),
        ("cái đầu tiên là gì", 1),
    ],
)
def test_the_list_item_a_question_names(message, number):
    assert QueryParser(LEXICON).parse(message).item_number == number


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("tỷ lệ hộ nghèo năm 2020 là bao nhiêu", True),
        ("ho ngheo con bn %", True),
        ("mấy phần trăm dân số dùng nước sạch", True),
        ("tỷ lệ hộ nghèo giảm ra sao", False),
        ("mấy năm qua du lịch phát triển thế nào", False),
        # "bn" after the closing particle, or before "ơi", is "bạn" (you), not "bao nhiêu".
        ("xa dat chuan nong thon moi la bn", True),
        ("vay bn xa dat chuan nong thon moi", True),
        ("cải cách hành chính trọng tâm là gì vậy bn", False),
        ("tỉnh có liên kết vùng ko bn", False),
        ("bn oi tinh co lien ket vung ko", False),
    ],
)
def test_whether_a_question_asks_for_a_figure(message, asks):
    assert QueryParser(LEXICON).parse(message).asks_for_figure is asks


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("Chào ad, mình ở Cần Thơ. Cho hỏi tỷ lệ hộ nghèo của Cần Thơ là bao nhiêu?", "can tho"),
        ("soc trang co bao nhieu xa dat nong thon moi", "soc trang"),
        ("chỉ tiêu tăng trưởng của TP.HCM nhiệm kỳ tới", "tp hcm"),
        ("tỉnh kết nghĩa với tỉnh nào bên Lào vậy", "ben lao"),
        # Where someone goes: the question is still about Hậu Giang.
        ("bệnh nặng phải lên Cần Thơ, báo cáo có nói hạn chế y tế không", None),
        ("tỷ lệ lao động qua đào tạo đến 2025 là bao nhiêu", None),
    ],
)
def test_a_place_the_report_never_names_is_found_when_asked_about(message, place):
    assert QueryParser(LEXICON).parse(message).other_place == place


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("cu the la nhung huyen nao dat chuan vay ad", True),
        ("2 KCN của tỉnh tên là gì", True),
        ("kể tên các khu công nghiệp", True),
        ("ten cac diem du lich do la gi", True),
        ("tỉnh hợp tác với nước nào", True),
        # Whether there are any, a market, a movement's name: no places to name.
        ("tới 2025 có thêm huyện nào ko", False),
        ("giai đoạn tới có thêm huyện nào đạt chuẩn ko", False),
        ("có xã nào đạt nông thôn mới nâng cao chưa", False),
        ("tỉnh có những huyện nào đạt chuẩn", True),
        ("xuất khẩu gạo sang thị trường nào nhiều nhất", False),
        ("phong trào thi đua dân vận tên là gì", False),
    ],
)
def test_whether_a_question_asks_to_name_places(message, asks):
    assert QueryParser(LEXICON).parse(message).asks_which_place is asks


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("đại hội khai mạc ngày nào vậy ad", True),
        ("hạn chót góp ý là ngày mấy", True),
        ("mỗi ngày tỉnh thu gom bao nhiêu tấn rác", False),
        ("trung tâm hành chính công làm việc mấy giờ", True),
        ("bây giờ tỷ lệ hộ nghèo là bao nhiêu", False),
    ],
)
def test_whether_a_question_asks_for_a_day(message, asks):
    assert QueryParser(LEXICON).parse(message).asks_which_day is asks


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("chừng nào chính quyền điện tử chạy xong vậy", True),
        ("cao toc bao gio thong xe ad", True),
        ("bệnh viện huyện lúc nào cũng quá tải, tỉnh có giải pháp gì", False),
        ("quy hoạch tỉnh tầm nhìn đến năm nào", False),
    ],
)
def test_whether_a_question_asks_when(message, asks):
    assert QueryParser(LEXICON).parse(message).asks_when is asks


def test_the_provinces_own_places_are_recognised():
    parser = QueryParser(Lexicon(own_places=["nga bay", "vi thanh"]))
    assert parser.names_own_place("phát triển đô thị: Ngã Bảy, Vị Thanh, Long Mỹ")
    assert not parser.names_own_place("công nhận thêm 01 đơn vị cấp huyện")


@pytest.mark.parametrize("message", ["", "   ", ",", ", ,"])
def test_an_empty_message_has_an_empty_question_part(message):
    assert question_part(message) == ""


@pytest.mark.parametrize(
    ("message", "counted"),
    [
        ("cụ thể giảm bao nhiêu vụ tai nạn", "vu"),
        ("tinh co bn xa dat chuan nong thon moi", "xa"),
        # A rate, an amount, or "mấy" meaning "the" ("ô nhiễm ở mấy khu công nghiệp").
        ("tỷ lệ hộ nghèo giảm bao nhiêu %", None),
        ("thu nhập bình quân bao nhiêu triệu", None),
        ("ô nhiễm ở mấy khu công nghiệp thì sao", None),
    ],
)
def test_what_a_question_counts(message, counted):
    assert QueryParser(LEXICON).parse(message).counted == counted
