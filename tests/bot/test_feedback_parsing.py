import pytest

from bot.feedback_parsing import announces, parse_feedback, self_identified_group
from bot.nlu.question_guard import reads_as_question


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        (
            "Tôi muốn góp ý về chỉ tiêu thu nhập bình quân đầu người",
            "chỉ tiêu thu nhập bình quân đầu người",
        ),
        ("gop y ve bao hiem y te", "bao hiem y te"),
        ("tôi có ý kiến về mục tiêu giảm nghèo", "mục tiêu giảm nghèo"),
        ("tôi muốn góp ý", ""),
        ("góp ý", ""),
        ("ok, tôi có ý kiến", ""),
        ("cho em góp ý chút", ""),
        ("dạ cho con xin phép góp ý ạ", ""),
        ("gop y ve bao hiem y te nhe", "bao hiem y te"),
        ("cho tôi góp vài ý về giáo dục được không", "giáo dục"),
        ("ad cho minh gop y ve bao cao dc ko", "bao cao"),
        (
            "chào ad, tôi là giáo viên về hưu ở Vị Thanh, tôi có ý kiến về chỉ tiêu giáo dục",
            "chỉ tiêu giáo dục",
        ),
        # Chat forms: "để mik góp ý", "1 ý nữa", "vài điều muốn góp ý"; "cán bộ" is no "cần".
        ("vay de mik gop y chut", ""),
        ("ok, gio mik gop y nha", ""),
        ("oke de mik gop 1 y", ""),
        ("a con 1 y nua ad", ""),
        ("e la sv, e muon phan anh 1 chut dc ko", ""),
        ("mik gop y o day dc hok ad", ""),
        ("ad oi mik gop them y kien ti nha", ""),
        # Time words and "thôi" before the announcement carry nothing.
        ("hom nay tui muon gop y chut", ""),
        ("thôi mình muốn góp ý 1 chút", ""),
        ("tui mún góp ý chút", ""),  # "mún": "muốn" as chat spells it
        # Disagreement announced, its content still to come.
        ("Có chỗ mình chưa đồng ý trong báo cáo này", "báo cáo"),
        ("có điểm tôi không đồng ý về chỉ tiêu giảm nghèo", "chỉ tiêu giảm nghèo"),
        ("Tôi có vài điều muốn góp ý về công tác cán bộ", "công tác cán bộ"),
        # Verbs of saying before "ý kiến".
        ("em muốn nêu ý kiến về chuyển đổi số", "chuyển đổi số"),
        ("toi xin bay to y kien ve giao thong", "giao thong"),
    ],
)
def test_announcements_ask_for_the_opinion(message, topic):
    parsed = parse_feedback(message)
    assert not parsed.has_opinion and parsed.topic == topic


@pytest.mark.parametrize(
    "message",
    [
        "Góp ý: nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân",
        "Tôi đề nghị tỉnh quan tâm hơn nữa đến tình trạng ma túy ở nông thôn",
        "Tôi muốn góp ý là nên tăng số bác sĩ",
        "theo tôi tỉnh nên xây thêm trường học",
    ],
)
def test_messages_that_carry_the_opinion_are_saved_at_once(message):
    assert parse_feedback(message).has_opinion and not announces(message)


def test_group_only_when_the_citizen_says_who_they_are():
    assert self_identified_group("Nên nâng lên 90 triệu. Tôi là đoàn viên") == "đoàn viên"
    assert self_identified_group("em la hoi vien hoi nong dan") == "hội viên"
    assert self_identified_group("cần quan tâm người dân nông thôn") is None


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Mục tiêu tăng trưởng kinh tế giai đoạn 2020-2025 là bao nhiêu?", True),
        ("so bac si tren 10.000 dan muc tieu la bn", True),
        ("Góp ý: nên nâng chỉ tiêu bác sĩ lên 12 người", False),
        ("Tôi đề nghị tỉnh quan tâm đến ma túy ở nông thôn", False),
        ("nước sạch", True),
        ("nên tăng lương", False),
    ],
)
def test_question_guard_reads_questions(message, question):
    assert reads_as_question(message) is question


def test_a_proposal_after_kien_nghi_is_the_opinion_itself():
    parsed = parse_feedback("kien nghi lam them tram bom o Long My, ruong toi mua mua ngap hoai")
    assert parsed.has_opinion and parsed.topic == ""


def test_a_topic_that_starts_like_a_verb_is_still_a_topic():
    parsed = parse_feedback("tôi muốn góp ý về giảm nghèo bền vững ở nông thôn")
    assert not parsed.has_opinion and parsed.topic == "giảm nghèo bền vững ở nông thôn"
