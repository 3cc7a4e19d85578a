"""Follow-up turns read with the question before them; complete questions start afresh."""

import pytest

from index.followup import resolve


@pytest.mark.parametrize(
    ("message", "previous", "question"),
    [
        (
            "còn bảo hiểm y tế?",
            "Năm 2020 tỷ lệ người tham gia bảo hiểm xã hội bắt buộc là bao nhiêu?",
            "Năm 2020 tỷ lệ người tham gia bảo hiểm y tế là bao nhiêu?",
        ),
        (
            "còn năm 2025?",
            "Năm 2020 tỷ lệ hộ nghèo là bao nhiêu?",
            "năm 2025 tỷ lệ hộ nghèo là bao nhiêu?",
        ),
        (
            "thế còn cấp huyện",
            "tỷ lệ xã đạt chuẩn nông thôn mới là bao nhiêu",
            "tỷ lệ cấp huyện đạt chuẩn nông thôn mới là bao nhiêu?",
        ),
        (
            "vậy còn y tế thì sao",
            "Chỉ tiêu về giáo dục đến năm 2025 là gì?",
            "Chỉ tiêu về y tế đến năm 2025 là gì?",
        ),
        (
            # "thể" of "thể thao" folds like the "thế" that starts a follow-up.
            "thể thao thì sao",
            "Phong trào văn hóa nào được triển khai gắn với xây dựng nông thôn mới?",
            "Phong trào thể thao nào được triển khai gắn với xây dựng nông thôn mới?",
        ),
        (
            # Solutions are for the coming term: the previous question's year is dropped.
            "giải pháp ra sao",
            "năm 2020 có bao nhiêu lượt khách du lịch",
            "giải pháp lượt khách du lịch ra sao?",
        ),
        (
            "cái thứ hai là gì",
            "Nhiệm vụ đột phá thứ nhất là gì?",
            "Nhiệm vụ đột phá thứ hai là gì?",
        ),
        (
            "con nhiem ky toi thi sao",
            "Công tác giảm nghèo nhiệm kỳ qua kết quả thế nào?",
            "Công tác giảm nghèo nhiem ky toi thế nào?",
        ),
        ("năm 2025?", "tỷ lệ hộ nghèo năm 2020", "tỷ lệ hộ nghèo năm 2025?"),
        (
            "còn nông thôn?",
            "tỷ lệ dân thành thị dùng nước sạch",
            "tỷ lệ dân nông thôn dùng nước sạch?",
        ),
        # Chat shorthand of the question before is no topic: "ko" is not carried over.
        (
            "vậy nhiệm kỳ tới tính làm gì",
            "co han che gi ko y tế nhiệm kỳ qua?",
            "nhiệm kỳ tới tính làm gì y tế?",
        ),
        # Any result is measured against the resolution: "nghị quyết" names no topic.
        (
            "vậy là đạt nghị quyết ko ad",
            "ty le truong dat chuan quoc gia hien nay la bao nhieu",
            "là đạt nghị quyết ty le truong chuan quoc gia hien nay?",
        ),
        # Another aspect of the same topic, without the particles of the question before.
        (
            "vay co han che gi ko",
            "nhiệm kỳ qua kinh tế tỉnh mình có kết quả gì nổi bật",
            "co han che nhiệm kỳ qua kinh tế mình gi?",
        ),
        (
            "tới đây thì sao",
            "quốc phòng nhiệm kỳ qua làm được gì",
            "quốc phòng tới đây làm được gì?",
        ),
        ("con nganh xay dung", "Công nghiệp tăng bao nhiêu?", "xay dung tăng bao nhiêu?"),
        ("còn ở cấp xã?", "tỷ lệ huyện đạt chuẩn", "tỷ lệ cấp xã đạt chuẩn?"),
        # Chat shorthand of question words ("ntn", "bn") names no topic: the last one is kept.
        (
            "vay nhiem ky toi giai phap ntn",
            "tệ nạn xã hội thì sao, có hạn chế gì không",
            "nhiem ky toi giai phap ntn tệ nạn xã hội?",
        ),
        # A new sector replaces a topic that names none; the time and the ask are kept.
        (
            "vậy còn y tế?",
            "muc tieu toi 2025 toàn trường chuẩn quốc gia",
            "muc tieu toi 2025 y tế?",
        ),
        # An insurance replaces such a topic as a sector does.
        (
            "bao hiem y te thi sao",
            "chỉ tiêu bác sĩ với giường bệnh đến 2025",
            "chỉ tiêu đến 2025 bao hiem y te?",
        ),
        # ... written short as citizens do.
        ("còn khcn thì sao", "giáo dục nhiệm kỳ tới làm gì?", "khcn nhiệm kỳ tới làm gì?"),
        # "vượt" and "điểm" ask about the last topic like "đạt" and "hạn chế" do.
        (
            "vuot ke hoach bao nhieu",
            "Đến năm 2020 bao nhiêu phần trăm hộ dân được dùng điện?",
            "vuot ke hoach Đến năm 2020 hộ dân dùng điện bao nhieu?",
        ),
        # What the turn asks for ("bao nhiêu") stays with the carried topic.
        (
            "nhiệm kỳ trước đạt bao nhiêu",
            "Muc tieu nong thon moi den 2025 cua tinh la bao nhieu % xa?",
            "nhiệm kỳ trước đạt nong thon moi xa bao nhiêu?",
        ),
        # "thì sao," inside a turn that names no topic before it marks a follow-up.
        (
            "nhiem ky truoc thi sao, co dat ko",
            "du lịch 5 năm qua thế nào",
            "nhiem ky truoc co dat du lịch?",
        ),
        # A sector with what is asked about it is a whole question.
        (
            "cong nghiep co han che j ko",
            "Giá trị sản xuất nông nghiệp tăng bình quân bao nhiêu?",
            "cong nghiep co han che j ko",
        ),
        # "More detail about X" narrows the last question to X.
        (
            "cụ thể hơn về công an thì sao",
            "Nhiệm kỳ tới quốc phòng an ninh có nhiệm vụ gì?",
            "Nhiệm kỳ tới quốc phòng an ninh có nhiệm vụ gì công an?",
        ),
        # A list item is only ever about the last answer, however it is asked for.
        ("con so 7", "chỉ tiêu số 5 là gì", "chỉ tiêu so 7 là gì?"),
        ("cái cuối là gì", "Các nhiệm vụ đột phá là gì?", "Các nhiệm vụ đột phá là gì cuối?"),
        ("ý thứ ba cụ thể hơn", "Các nhiệm vụ chủ yếu?", "Các nhiệm vụ chủ yếu thứ ba?"),
        # ... but "ý" of "ý kiến" is a word of the topic, not a pointer ("ý thứ hai").
        (
            "con chi tieu so 3 thi sao",
            "Chỉ tiêu số 11 lấy ý kiến nhân dân là gì vậy?",
            "chi tieu so 3 lấy ý kiến nhân dân?",
        ),
        (
            "cai dau tien la gi",
            "co bao nhieu chi tieu chu yeu",
            "co bao nhieu chi tieu chu yeu dau tien?",
        ),
        # A term named with "giai đoạn" is a time like any other; "làm sao để đạt" names no topic.
        (
            "the giai doan 2020-2025 dat muc tieu giam bn",
            "ty le ho ngheo nam 2020 con bn",
            "giai doan 2020-2025 dat muc tieu giam bn ty le ho ngheo con?",
        ),
        (
            "lam sao de dat dc, giai phap la gi",
            "5 nam toi thanh lap moi bao nhieu doanh nghiep",
            "lam sao de dat dc, giai phap 5 nam toi thanh lap moi doanh nghiep la gi?",
        ),
        (
            # A turn that names no aspect of its own keeps the previous one ("chỉ tiêu").
            "đạt mấy cái",
            "nhiệm kỳ 2015 2020 nghị quyết đề ra bao nhiêu chỉ tiêu",
            "đạt mấy cái nhiệm kỳ 2015 2020 chỉ tiêu?",
        ),
        (
            # "mỗi năm" asks for a rate of the last answer's topic, over its period.
            "mỗi năm giảm bn",
            "Tỷ lệ hộ nghèo của tỉnh năm 2020 còn bao nhiêu?",
            "mỗi năm giảm bn Tỷ lệ hộ nghèo năm 2020?",
        ),
        (
            # "ưu tiên" names no topic: what is prioritised is the last answer's topic.
            "nhiệm kỳ tới ưu tiên gì",
            "cải cách hành chính nhiệm kỳ qua trọng tâm là gì",
            "nhiệm kỳ tới ưu tiên cải cách hành chính trọng tâm gì?",
        ),
        (
            # A topic keeps its syllables that fold like question words ("bộ máy", "tai nạn").
            "co han che ko",
            "nhiem ky qua sap xep bo may dat dc gi",
            "co han che nhiem ky qua sap xep bo may?",
        ),
        (
            # A closing "rồi" is the past tense, which the new term replaces.
            "nhiem ky toi thi sao",
            "nong thon moi tinh minh dc bao nhieu xa r",
            "nong thon moi tinh minh dc bao nhieu xa nhiem ky toi?",
        ),
    ],
)
def test_a_follow_up_swaps_what_it_changes_into_the_previous_question(message, previous, question):
    resolved = resolve(message, previous)
    assert resolved.question == question and not resolved.more_detail


@pytest.mark.parametrize("message", ["cụ thể hơn được không", "chi tiết hơn", "nói rõ hơn đi ad"])
def test_asking_for_more_detail_repeats_the_question_at_length(message):
    resolved = resolve(message, "Nhiệm vụ đột phá thứ hai là gì?")
    assert resolved.question == "Nhiệm vụ đột phá thứ hai là gì?" and resolved.more_detail


@pytest.mark.parametrize(
    "message",
    [
        "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?",
        "tỉnh có bao nhiêu cụm công nghiệp",
        "còn tỷ lệ lao động qua đào tạo năm 2020 đạt bao nhiêu",
        "bo may thi sao, co tinh gian bien che ko",
        "y tế nhiệm kỳ tới làm gì",  # a sector and what is asked about it
        "nhiem ky toi ve do thi lam gi",
    ],
)
def test_a_complete_question_starts_afresh(message):
    assert resolve(message, "Chỉ tiêu về giáo dục đến năm 2025 là gì?").question == message


@pytest.mark.parametrize("message", ["còn năm 2025?", "cái thứ hai là gì", "cụ thể hơn được không"])
def test_a_follow_up_without_a_previous_answer_needs_context(message):
    resolved = resolve(message, None)
    assert resolved.question == message and resolved.needs_context


@pytest.mark.parametrize(
    "message",
    [
        "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?",
        "còn tỷ lệ lao động qua đào tạo năm 2020 đạt bao nhiêu",
        # "thị" of "đô thị" folds like the "thì" that marks a follow-up.
        "phát triển đô thị",
        "tỷ lệ hộ nghèo ở thành thị",
    ],
)
def test_a_complete_question_without_a_previous_answer_is_the_question(message):
    resolved = resolve(message, None)
    assert resolved.question == message and not resolved.needs_context


def test_a_topic_too_short_to_stand_alone_is_read_both_ways():
    resolved = resolve("lấp đầy được bao nhiêu rồi", "công nghiệp tăng bình quân bao nhiêu")
    assert resolved.question == "lấp đầy được bao nhiêu rồi"
    assert (
        resolved.alternative == "công nghiệp tăng bình quân bao nhiêu lấp đầy được bao nhiêu rồi?"
    )


def test_a_marked_turn_naming_a_new_topic_is_read_both_ways_and_keeps_its_own_words():
    resolved = resolve("còn phương châm thì sao", "chủ đề đại hội là gì")
    assert resolved.question == "chủ đề đại hội là gì phương châm?"
    assert resolved.alternative == "phương châm" and resolved.own == "phương châm"


def test_a_comparison_is_only_about_the_last_answer():
    resolved = resolve("so với nghị quyết thì sao", "thu nhập bình quân năm 2020 bao nhiêu")
    assert resolved.alternative is None


def test_raising_a_figure_by_a_year_carries_the_topic():
    resolved = resolve(
        "tới năm 2025 tỉnh tính nâng lên bn", "so truong dat chuan quoc gia la bao nhieu"
    )
    assert resolved.question.startswith("tới năm 2025") and "truong" in resolved.question


def test_another_area_after_a_marked_turn_is_read_both_ways():
    resolved = resolve(
        "còn khu vực thành thị đặt bao nhiêu %", "nước sạch nông thôn đến 2025 đặt mấy %"
    )
    assert resolved.question.startswith("nước sạch thành thị đến 2025")
    assert resolved.alternative == "còn khu vực thành thị đặt bao nhiêu %"


def test_a_unit_is_carried_whole():
    # "vị" of "đơn vị" folds like "vì" (why); spelt or not, the topic keeps it.
    resolved = resolve("có hạn chế gì không", "sắp xếp đơn vị hành chính cấp xã thế nào")
    assert "đơn vị hành chính" in resolved.question
    resolved = resolve("co han che gi ko", "sap xep don vi hanh chinh cap xa the nao")
    assert "don vi hanh chinh" in resolved.question


def test_a_new_term_replaces_the_time_the_last_question_named():
    resolved = resolve(
        "con nhiem ky 2020-2025 thi tinh tinh lam gi", "bảo vệ môi trường thời gian qua tỉnh làm gì"
    )
    assert "bảo vệ môi trường" in resolved.question and "thời gian qua" not in resolved.question


def test_growth_is_carried_whole():
    # "tăng" alone is a generic word, "trưởng" alone folds like "trường" (school).
    resolved = resolve("z nhiem ky truoc dat dc bn", "muc tieu tang truong kte nhiem ky 2020-2025")
    assert "tang truong" in resolved.question
