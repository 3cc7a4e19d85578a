"""The word rules that settle what DIET cannot be trusted with (bot/nlu/message_rules.py) and
how QuestionGuard applies them to DIET's intent."""

from __future__ import annotations

import pytest

from bot.actions.feedback import SURE_CONFIDENCE
from bot.nlu.message_rules import (
    Opinion,
    asks,
    asks_what_the_bot_does,
    bare_no,
    bare_yes,
    cancels,
    explicit_opinion,
    follows_up,
    greets_or_introduces,
    opinion,
    requests_something,
    winds_up,
)
from bot.nlu.question_guard import UNSURE_CONFIDENCE, ruled_intent, unsure_opinion


@pytest.mark.parametrize(
    "message",
    [
        "cho tôi xin số hotline",
        "cho xin link tải báo cáo để đọc rồi góp ý",
        "xin công thức nấu canh chua",
        "cho minh xin so dien thoai ban tiep dan",
        "gửi giúp mình file word của báo cáo",
    ],
)
def test_requests_are_told(message):
    assert requests_something(message)


@pytest.mark.parametrize(
    "message",
    [
        "cho mình xin số liệu hộ nghèo năm 2020",
        "chỉ số PCI năm 2020 là bao nhiêu",
        "cho em hỏi tỉnh có bao nhiêu khu công nghiệp",
        "góp ý: nên tăng số bác sĩ",
    ],
)
def test_questions_and_opinions_are_not_requests(message):
    assert not requests_something(message)


@pytest.mark.parametrize(
    "message",
    [
        *["thôi", "hủy", "huỷ", "không góp ý nữa", "thoi khong gop y nua", "thôi, để sau nhé"],
        *["khỏi", "thôi em hủy nha, để em suy nghĩ thêm", "dừng", "dừng lại"],
        # Reconsidering or putting it off drops the opinion too.
        *["để em suy nghĩ thêm", "thôi nghĩ lại rồi", "để mai tính", "để bữa khác"],
        "đợi chút, để mình nghĩ lại",
        *["để khi khác nha, giờ bận rồi", "thôi khỏi, để khi khác", "thôi ko cần nữa, để mai"],
        "thoi ko co gi dau, bo qua nha",
    ],
)
def test_cancelling(message):
    assert cancels(message)


@pytest.mark.parametrize(
    "message",
    [
        *["không", "ok", "thôi chào ad nhé", "Tỉnh có bao nhiêu khu công nghiệp?"],
        *["đúng", "đúng rồi", "dạ đúng", "dung roi", "dạ đúng rồi ạ"],  # fold like "dừng" but agree
        "Thôi, tỉnh nên đầu tư thêm trường học",
        *["tôi nghĩ lại thì chỉ tiêu này hợp lý", "để mai tính tiếp chuyện hộ nghèo"],
    ],
)
def test_not_cancelling(message):
    assert not cancels(message)


@pytest.mark.parametrize(
    "message",
    [
        "còn năm 2025?",
        "thế còn cấp huyện",
        "cụ thể hơn được không",
        "cái thứ hai là gì",
        "vậy còn y tế thì sao",
        "so với nhiệm kỳ trước thì sao",
        "tới đây thì sao",
        "cấp xã thì thế nào ad",
    ],
)
def test_elliptical_follow_ups(message):
    assert follows_up(message)


@pytest.mark.parametrize(
    "message", ["con cảm ơn ạ", "chào ad", "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?"]
)
def test_complete_messages_are_not_follow_ups(message):
    assert not follows_up(message)


@pytest.mark.parametrize(
    ("message", "strength"),
    [
        ("chỉ tiêu số giường bệnh như vậy là thấp", Opinion.STRONG),
        ("sao không đầu tư thêm trường học cho vùng sâu?", Opinion.STRONG),
        ("gop y: nen tang ho tro cho nong dan", Opinion.STRONG),
        ("mục tiêu đó thấp quá, nên nâng lên 75%", Opinion.STRONG),
        ("tỉnh nên đầu tư nhiều hơn cho du lịch", Opinion.STRONG),
        ("Chỉ tiêu 95% BHYT có cao quá không?", Opinion.WEAK),
        ("Có nên mua đất ở Vị Thanh không?", Opinion.WEAK),
        ("Tại sao tỉnh không đặt chỉ tiêu bác sĩ cao hơn?", Opinion.NONE),
        ("tôi cần thông tin về chỉ tiêu giáo dục", Opinion.NONE),
        (
            "Báo cáo chưa có chỗ nào nói về người già neo đơn. Tỉnh cần có chính sách riêng.",
            Opinion.STRONG,
        ),
        ("Nhà tôi ở xa, đường lầy lội quá. Cho hỏi tỉnh có sửa đường không?", Opinion.WEAK),
        ("Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?", Opinion.NONE),
        ("nen kinh te tinh tang truong bao nhieu", Opinion.NONE),
        # Reproaches, judgements and proposals without a keyword.
        ("bác sĩ 10 người trên vạn dân sao đủ, khám cái chờ cả buổi", Opinion.STRONG),
        ("sao du lịch ít khách vậy, báo cáo có nhận là còn hạn chế ko", Opinion.NONE),
        ("giam ngheo moi nam 1% la de qua, truoc gio giam tren 2%", Opinion.STRONG),
        ("chỉ tiêu thu nhập nghe thì hay chứ dân quê em còn xa lắm", Opinion.STRONG),
        ("Chỉ tiêu 82% hộ có hội viên để làm gì, nên lo chất lượng hoạt động", Opinion.STRONG),
        ("tài liệu này để làm gì vậy ad", Opinion.NONE),
        # "nhà máy" is no "mấy"; "đi lại mấy lần, cần …" proposes.
        ("Tôi đồng ý ưu tiên công nghiệp, nhưng phải giữ, đừng để nhà máy xả thải", Opinion.STRONG),
        ("lên xã làm giấy tờ vẫn phải đi lại mấy lần, cần làm thực chất", Opinion.STRONG),
        # Rhetorical forms: "sao theo kịp", "lấy đâu ra", "làm sao mà …", "… chứ bộ".
        ("thu nhập 80 triệu là cao quá, dân làm ruộng sao theo kịp", Opinion.STRONG),
        ("1000 DN mà không hỗ trợ vốn thì lấy đâu ra hả ad?", Opinion.STRONG),
        ("làm sao mà đạt khi thủ tục còn như bây giờ?", Opinion.STRONG),
        ("phần hạn chế viết sơ sài quá", Opinion.STRONG),
        # "sao không … luôn": why not go all the way; "đâu biết gì": nobody knows anything.
        ("chỉ tiêu NTM trên 75% xã sao ko đặt 100% luôn ad", Opinion.STRONG),
        ("đoàn thể nên xuống ấp nghe dân nói, chứ họp trên xã thì dân đâu biết gì", Opinion.STRONG),
        ("65% lao động qua đào tạo chỉ là con số trên giấy thôi", Opinion.STRONG),
        # "mấy" in a judgement counts ("gấp mấy lần"); "tỉ số mấy" and "tối qua" ask.
        ("1.000 doanh nghiệp thì ít quá, tỉnh khác họ gấp mấy lần", Opinion.STRONG),
        ("toi qua viet nam da voi thai lan ti so may", Opinion.NONE),
        ("mỗi phụ nữ sinh mấy con là hợp lý", Opinion.WEAK),
        ("cám ơn bạn rất nhiều", Opinion.NONE),
        # "nghe thì hay chứ … còn lâu mới tới", "qua loa", "viết chung chung", "không có … gì
        # hết" (nothing at all), "mấy cái mục tiêu này" (these), "…, phí đất của dân".
        ("thu nhập 80 triệu nghe thì hay chứ dân như tui còn lâu mới tới", Opinion.STRONG),
        ("báo cáo toàn khen, hạn chế thì nói qua loa", Opinion.STRONG),
        ("phần đối ngoại viết chung chung, không nêu được kết quả cụ thể nào", Opinion.STRONG),
        ("tui thấy phần văn hóa viết sơ sài, không có số liệu gì hết", Opinion.STRONG),
        ("mấy cái mục tiêu này đẹp trên giấy thôi", Opinion.STRONG),
        ("mới lấp đầy 54% mà cứ quy hoạch thêm, phí đất của dân", Opinion.STRONG),
        ("mấy cái khu công nghiệp đó lấp đầy bao nhiêu %", Opinion.NONE),
        ("báo cáo không nói gì về giá lúa à?", Opinion.NONE),
        ("làm ơn xem lại cái chỉ tiêu giảm nghèo, đặt vậy dân nghèo hoài", Opinion.STRONG),
        ("phần khắc phục hạn chế còn mờ nhạt, chưa thấy giải pháp gì mới", Opinion.STRONG),
        ("chỉ tiêu che phủ cây xanh sao không có, môi trường quan trọng mà", Opinion.STRONG),
        ("nói thiệt chứ phong trào văn hóa ở ấp giờ chỉ có tấm bảng", Opinion.STRONG),
        ("tại sao không có chỉ tiêu về cây xanh?", Opinion.NONE),
        ("báo cáo có nói gì về cây xanh không", Opinion.NONE),
        ("dự án thì khá nhiều mà chậm quá", Opinion.STRONG),
        # "không biết ai …" asks nobody; "trách nhiệm ai lo" in a proposal is demanded, not asked.
        ("phần hạn chế viết chung chung quá, đọc xong ko biết ai chịu trách nhiệm", Opinion.STRONG),
        ("rac thai o cho xa minh ko ai thu gom, tinh nen lam ro trach nhiem ai lo", Opinion.STRONG),
        ("hạn chế đó là trách nhiệm của ai", Opinion.NONE),
        (
            "kcn lap day co 54% ma con mo rong them lam gi, nen lap day cai cu truoc di",
            Opinion.STRONG,
        ),
        ("đường ấp vẫn chưa có đèn, vậy có xứng danh nông thôn mới không?", Opinion.STRONG),
    ],
)
def test_how_surely_a_message_is_an_opinion(message, strength):
    assert opinion(message) is strength


def test_a_reproach_is_not_a_question_and_a_view_inside_a_question_is_not_explicit():
    assert not asks("sao không đầu tư thêm trường học cho vùng sâu?")
    assert asks("sao chi tieu lao dong qua dao tao chi dat 65%")
    assert asks("ty le tre suy dinh duong muc tiu la bao nhiu")
    assert asks("tinh co hop tac voi cac tinh khac ko, phat trien chung vung")
    assert not explicit_opinion("Em thấy báo cáo có nói tỉnh sẽ xây bệnh viện, khi nào xây?")


def test_where_to_send_asks_and_a_closing_dau_does_not():
    assert asks("góp ý thì gửi qua đâu vậy ad")
    assert not asks("mình đổi ý rồi, không gửi đâu")  # "đâu" closes a refusal


def test_bare_yes_and_no():
    assert bare_yes("ok") and bare_yes("dạ vâng") and bare_yes("ừ")
    assert bare_no("không") and bare_no("ko") and not bare_no("không phải vậy, cho hỏi thêm")


@pytest.mark.parametrize(
    ("intent", "message", "ruled"),
    [
        ("give_feedback", "cho mình xin số hotline để góp ý", "request"),
        ("ask_report", "cho xin link tải báo cáo", "request"),
        ("give_feedback", "không góp ý nữa", "cancel"),
        ("goodbye", "thôi", "cancel"),
        ("deny", "còn năm 2025?", "ask_report"),
        ("greet", "thế còn cấp huyện", "ask_report"),
        ("give_feedback", "cái thứ hai là gì", "ask_report"),
        ("affirm", "ok, tôi có ý kiến", "give_feedback"),
        ("inform", "ok, tôi có ý kiến", "give_feedback"),
        ("give_feedback", "tôi có ý kiến", "give_feedback"),
        ("give_feedback", "cho em góp ý chút", "give_feedback"),
        ("request", "ok, tôi có ý kiến", "give_feedback"),
        # Thanks that take leave; leave taken with a wind-up; how to give an opinion is help.
        ("thanks", "cam on ad nha, chao tam biet", "goodbye"),
        ("ask_report", "thôi ra đồng đây, hôm nào rảnh hỏi tiếp", "goodbye"),
        ("give_feedback", "ad chỉ mình cách gửi ý kiến góp ý với", "help"),
        ("ask_report", "sao không đầu tư thêm trường học cho vùng sâu?", "give_feedback"),
        ("ask_report", "gop y: nen tang so bac si", "give_feedback"),
        ("out_of_scope", "chỉ tiêu số giường bệnh như vậy là thấp", "give_feedback"),
        ("give_feedback", "Mục tiêu tăng trưởng kinh tế là bao nhiêu?", "ask_report"),
        ("help", "bình đẳng giới được đề cập thế nào", "ask_report"),
        ("ask_report", "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?", None),
        ("give_feedback", "nên nâng chỉ tiêu bác sĩ lên 12", "give_feedback"),
        ("help", "bạn làm được gì", "help"),
        ("cancel", "rac thai nhua", "ask_report"),
        ("cancel", "thôi không cần nữa đâu ad", None),
        ("ask_report", "bot nay hoi dc nhung gi vay", "help"),
        ("give_feedback", "chao ad, minh la nong dan o Phung Hiep", "greet"),
        ("help", "tôi có thể góp ý những chỉ tiêu nào?", None),
        ("inform", "tôi là đoàn viên", None),
        ("affirm", "ok", None),
        # A yes/no question ending in a particle is a question, never an opinion to store.
        ("give_feedback", "nhiem ky qua tai nan giao thong co giam ko ad", "ask_report"),
        # Asking leave to give an opinion announces one; so does the last clause after a greeting.
        ("request", "ad cho minh gop y ve bao cao dc ko", "give_feedback"),
        (
            "greet",
            "chào ad, tôi là giáo viên về hưu, tôi có ý kiến về chỉ tiêu giáo dục",
            "give_feedback",
        ),
        ("goodbye", "tới đây thì sao", "ask_report"),
        # "nữa" (more) alone does not cancel, nor does "thối" (rotten) in a question.
        ("cancel", "chủ đề đại hội nữa", "ask_report"),
        ("cancel", "cam sanh nha em bi vang la thoi re xu ly sao ad", "ask_report"),
        # "cho mình hỏi" says it asks; a view after it is still an opinion.
        ("give_feedback", "cho mik hỏi thủ tục nhận trợ cấp cho người cao tuổi", "ask_report"),
        (
            "give_feedback",
            "em muốn hỏi chỉ tiêu hộ nghèo, em thấy nên giảm mạnh hơn",
            "give_feedback",
        ),
        ("give_feedback", "cho em hỏi về hội nông dân", "ask_report"),
        # A greeting that goes on to ask is a question; a short "how are you" stays small talk.
        (
            "greet",
            "chào ad, mình là điều dưỡng ở Vị Thanh, muốn hỏi chỉ tiêu bác sĩ đến 2025",
            "ask_report",
        ),
        ("greet", "chào bạn, bạn khỏe không", "greet"),
        ("greet", "chao ad, minh la nong dan o Phung Hiep", "greet"),
        # A message that opens with a view is an opinion; "mấy" in it counts, it does not ask.
        (
            "ask_report",
            "theo toi tinh nen xay them truong cho vung sau, hoc sinh chay xe 10 may cay so",
            "give_feedback",
        ),
        (
            "ask_report",
            "Mình thấy mục tiêu giảm nghèo là hợp lý, nhưng cần chú ý mấy hộ dễ tái nghèo",
            "give_feedback",
        ),
        ("ask_report", "theo tôi thì tỉnh có mấy khu công nghiệp?", None),
        ("ask_report", "xã cần mấy tiêu chí để đạt chuẩn", None),
        # "tối qua" folds like "tồi quá"; "tỉ số mấy" asks: a question read as off-topic is left
        # to the answer action, which refuses what the report does not say.
        ("out_of_scope", "toi qua viet nam da voi thai lan ti so may", "ask_report"),
        ("out_of_scope", "tội phạm giảm đc bao nhiêu %", "ask_report"),
        ("out_of_scope", "thôi kệ đi, chán quá", None),
        ("out_of_scope", "ad năm nay bao nhiêu tuổi rồi", None),
        ("out_of_scope", "ban ten la gi vay", None),
        ("ask_report", "mục tiêu bhyt tới 2025 là nhiêu", None),
        # "… là khó", "… là khiêm tốn", "… thì nên …", "ghi nhận giúp: …" state a view.
        ("ask_report", "ad ghi nhan giup: chi tieu 82% ho co doan vien la kho", "give_feedback"),
        (
            "out_of_scope",
            "Tăng trưởng 6,3 - 6,7% là khiêm tốn, tỉnh có vị trí thuận lợi thì nên đặt 7 - 8%",
            "give_feedback",
        ),
        ("ask_report", "muốn đạt chuẩn thì cần những tiêu chí gì", None),
        # Announcing an opinion in chat words asks for it; "thôi, … gửi sau" cancels it.
        ("ask_report", "mik muon phan anh ve van de rac thai", "give_feedback"),
        ("ask_report", "e co 1 y kien nho", "give_feedback"),
        ("give_feedback", "Thôi, để tôi suy nghĩ thêm rồi gửi sau.", "cancel"),
        # DIET's cancel for "… nữa" without a cancelling word: the other rules still apply.
        ("cancel", "Tôi còn một ý kiến nữa", "give_feedback"),
        ("cancel", "Góp ý: sau cùng 38dbaadf", "give_feedback"),
        # A choice closed by "vậy", "tỉ số nhiêu z": questions, not opinions.
        ("give_feedback", "ad ơi chủ nhật này trời nắng hay mưa vậy", "ask_report"),
        ("give_feedback", "tối qua đội tuyển đá tỉ số nhiêu z", "ask_report"),
        # An elder proposing in their own name; "mấy" and "không ai" in a proposal ask nothing.
        (
            "ask_report",
            "Bác đề xuất giữ lại đất lúa, đừng lấy hết làm khu công nghiệp",
            "give_feedback",
        ),
        ("ask_report", "mấy con kênh nội đồng bồi lắng rồi, tỉnh nên nạo vét sớm", "give_feedback"),
        ("ask_report", "rác ở chợ không ai thu gom, xã nên làm rõ trách nhiệm", "give_feedback"),
        ("ask_report", "cô có đề xuất gì không", None),
        ("greet", "chào ad nha, e ở Long Mỹ", "greet"),
        # "mình góp ý: …" and "…: nên …" are opinions whatever DIET says; "mấy" in them counts.
        ("ask_report", "tôi góp ý: nên xử lý mấy lò gạch xả khói gần trường", "give_feedback"),
        ("ask_report", "góp ý về giao thông: nên mở rộng đường tỉnh", "give_feedback"),
        # "chào" closing a message, or with words of leaving, takes leave.
        ("request", "thoi minh di ngu day, chao ad", "goodbye"),
        ("greet", "chào ad nha, mai hỏi tiếp", "goodbye"),
        ("greet", "chào ad, mai có họp tổ không", "ask_report"),
        # A question for the report, then a remark on it, asks; a proposal after it proposes.
        ("give_feedback", "Giao thông có hạn chế gì ko? tui thấy đường xấu quá", "ask_report"),
        ("ask_report", "Giao thông có hạn chế gì ko? tỉnh nên sửa đường", "give_feedback"),
        ("cancel", "Góp ý: thôi đừng làm đường đó nữa", "give_feedback"),
        # A greeting that only asks leave to ask, or DIET's "inform" for a greeting, is a greeting.
        # Leave taken with a "hôm nào" that asks nothing stays DIET's goodbye.
        ("goodbye", "thôi ra đồng đây, hôm nào rảnh hỏi tiếp", None),
        # Thanks read as an opinion or as off-topic.
        ("give_feedback", "cám ơn bạn rất nhiều", "thanks"),
        ("out_of_scope", "thx ad", "thanks"),
        ("ask_report", "Chào buổi sáng, cho tôi hỏi chút", "greet"),
        ("inform", "Chào bạn, mình là nông dân trồng khóm ở Long Mỹ", "greet"),
        # "còn khó khăn" after an answer asks for the difficulties; it judges nothing.
        ("give_feedback", "con kho khan", "ask_report"),
        # DIET's request with nothing asked for is a question; "lên đâu" asks where.
        ("request", "3 Nghị quyết về phát triển đô thị là cho những đô thị nào?", "ask_report"),
        ("give_feedback", "e muốn làm lại căn cước thì lên đâu làm ạ", "ask_report"),
        # A proposal after a comma, "ý kiến của mình là …", and "mấy" (some) in a proposal.
        (
            "ask_report",
            "chinh quyen dien tu thi hay nhung nguoi gia dau biet xai, phai co nguoi huong dan",
            "give_feedback",
        ),
        ("ask_report", "y kien cua minh la nen tang so bac si len thi moi du", "give_feedback"),
        ("ask_report", "nên lắp thêm đèn đường ở mấy đoạn đường vắng cho an toàn", "give_feedback"),
        # "mấy năm nay" (these years) asks nothing.
        (
            "ask_report",
            "giá mía mấy năm nay rớt thê thảm, tỉnh cần có cách bao tiêu",
            "give_feedback",
        ),
        # "ý mình hỏi" is what I meant to ask; "không phải" is "is not", not "must".
        (
            "give_feedback",
            "ko, ý mình hỏi chỉ tiêu nước sạch ở nông thôn cơ chứ ko phải ntm",
            "ask_report",
        ),
        # "1% thôi sao?" (only that?) and "làm sao đạt nổi" (how could we) reproach a target;
        # "vậy thôi sao" asks for more.
        ("ask_report", "giảm hộ nghèo mỗi năm 1% thôi sao, giờ đặt thấp vậy", "give_feedback"),
        ("ask_report", "thu nhập 80 triệu nghe cao quá, dân quê làm sao đạt nổi", "give_feedback"),
        ("give_feedback", "vậy thôi sao ad", "ask_report"),
        ("give_feedback", "dân vận là sao mà nghe nói là điểm nhấn vậy ad?", "ask_report"),
        # "Cần Thơ" is no "cần" (need); asking the bot to compare is a request.
        ("give_feedback", "so sánh giúp mình hộ nghèo với Sóc Trăng, Cần Thơ coi", "request"),
        # "à nhầm, ý em là …" corrects what was asked.
        ("give_feedback", "a nham, y e la ty le ho dung dien", "ask_report"),
        # "sao lại gọi là …" asks why the report says so; "sao lại bỏ …" reproaches.
        ("give_feedback", "sao lai goi la diem nhan", "ask_report"),
        ("give_feedback", "sao lại gọi công tác dân vận là điểm nhấn", "ask_report"),
        ("ask_report", "sao lại bỏ chỉ tiêu giường bệnh, phải giữ chứ", "give_feedback"),
        # A proposal with its subject first: "mấy" is "some", not "how many".
        (
            "ask_report",
            "tỉnh nên đầu tư mạnh cho du lịch sông nước, giờ mấy điểm du lịch còn vắng hoe",
            "give_feedback",
        ),
        # A last "thôi" after what is asked for is "only": a question, no cancel.
        ("cancel", "cap tinh thoi", "ask_report"),
        ("cancel", "em hong muon nua thoi", None),
        # Greeting the editors, or calling for someone, asks nothing of the report.
        ("request", "xin chào ban biên tập", "greet"),
        ("deny", "có ai không", "greet"),
        ("ask_report", "hello ad, co ai o day k", "greet"),
        ("ask_report", "co ai ko, cho hoi ty le ho ngheo nam 2020", None),
        # "là nhiêu" ending with the one addressed is "là bao nhiêu", not the judgement "là nhiều".
        ("give_feedback", "bác ở Ngã Bảy hỏi số giường bệnh năm 2025 là nhiêu cháu", "ask_report"),
        # "lấy tiền đâu mà …", "thì làm sao đủ,": nobody could; "năm nào … cũng": every year.
        (
            "ask_report",
            "chỉ tiêu nước sạch 100% nghe hay đó, mà dân nghèo lấy tiền đâu mà lắp đồng hồ nước",
            "give_feedback",
        ),
        (
            "out_of_scope",
            "trạm y tế xã chỉ có 1 y sĩ thì làm sao đủ, dân chờ cả buổi",
            "give_feedback",
        ),
        ("ask_report", "làm sao đủ điều kiện vay vốn hộ nghèo", None),
        (
            "ask_report",
            "Tôi nuôi cá tra ở Phụng Hiệp. Đề nghị tỉnh hỗ trợ vốn, chứ năm nào giá cá cũng xuống",
            "give_feedback",
        ),
        # Praise is an opinion too.
        (
            "ask_report",
            "xã mình làm đường giao thông nông thôn tốt thiệt, bà con rất hoan nghênh",
            "give_feedback",
        ),
        # Where to send an opinion is asked, not given.
        ("give_feedback", "ý kiến góp ý thì gửi qua đâu vậy bot", "ask_report"),
        # Spelt "nhiêu", it is "bao nhiêu" however the message ends; "bnhiu" too.
        (
            "give_feedback",
            "Tôi chạy xe ôm. Năm 2020 tỷ lệ dân có thẻ BHYT là nhiêu vậy bot",
            "ask_report",
        ),
        ("give_feedback", "den 2025 ty le lao dong qua dao tao phai dat bnhiu %", "ask_report"),
        # A choice between two answers asks.
        ("give_feedback", "thu nhap binh quan cua tinh tang hay giam so voi 2015", "ask_report"),
        ("give_feedback", "so xa ntm cua tinh nhieu hay it hon huyen ben", "ask_report"),
        # Asking the bot's advice ("nên … không") is a question, not a proposal.
        ("give_feedback", "nha em dinh mo tiem tap hoa, theo ad nen mo ko", "ask_report"),
        ("give_feedback", "tôi thấy nên giữ chỉ tiêu này, đường sá hay ngập lắm", "give_feedback"),
        # "Chào" takes leave too; with who is writing, it greets.
        ("goodbye", "chào bạn, mình ở Long Mỹ nè", "greet"),
        ("goodbye", "chào ad nha, mình đi làm đây", None),
        # "còn nhiêu %" asks; "cho em hỏi …" and a question is no thanks.
        ("give_feedback", "dạ cho em hỏi năm 2020 hộ nghèo toàn tỉnh còn nhiêu % ạ", "ask_report"),
        ("thanks", "nha e trong khom. cho e hoi khom lam chuoi gia tri dc chua ad", "ask_report"),
        ("inform", "chao ad, cho minh hoi chut", "greet"),
        ("ask_report", "Xin chào, có ai trực ko ạ?", "greet"),
        # "chào" opening a message that asks leave to ask greets; after "ok" it takes leave.
        ("goodbye", "chào ad nha, cho mình hỏi chút", "greet"),
        ("greet", "ok chao ad", "goodbye"),
        ("greet", "thôi chào bạn nhé", "goodbye"),
        ("greet", "dạ chào ad", None),
        # "là nhiu %" asks, spelt the chat way; thanks or goodbye with no word of either and a
        # question is a question.
        (
            "greet",
            "nhà e ở vùng sâu, hỏi thử tỷ lệ hộ dân có điện năm 2020 là nhiu %",
            "ask_report",
        ),
        ("thanks", "cong ty nao bi phat vi xa thai", "ask_report"),
        ("thanks", "cảm ơn ad, hôm nay thế nào", None),
        # "Chào" opening a question takes no leave; calling for whoever is on duty greets.
        ("goodbye", "Chào ad, mình muốn làm lại sổ đỏ bị mất thì cần giấy tờ gì?", "ask_report"),
        ("goodbye", "chào ad nhé, có gì mình hỏi lại sau", None),
        ("ask_report", "chào ad 👋 có ai trực ở đây ko ạ", "greet"),
        # Thanks with wishes is no opinion; thanks with a proposal is.
        ("give_feedback", "cam on ad nhieu, chuc ad mot ngay vui", "thanks"),
        ("give_feedback", "cảm ơn ad, mình đề nghị tỉnh làm thêm đường", "give_feedback"),
        # "không có con số nào" says there is none: a view, not a question.
        (
            "ask_report",
            "em nghĩ nên có thêm chỉ tiêu về số khách du lịch, chứ mà ko có con số nào để phấn đấu",
            "give_feedback",
        ),
    ],
)
def test_ruled_intents(intent, message, ruled):
    assert ruled_intent(intent, message) == ruled


@pytest.mark.parametrize(
    "message",
    [
        "Tôi thấy 36 giường bệnh trên vạn dân là còn thấp, bệnh viện lúc nào cũng chật",
        "chi tieu bac si nhu vay la thap qua, benh vien huyen luc nao cung qua tai",
    ],
)
def test_always_is_not_a_question_and_a_judgement_after_it_is_an_opinion(message):
    assert not asks(message) and opinion(message) is Opinion.STRONG


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("chao ad, minh la nong dan o Phung Hiep", True),
        ("Xin chào, chúc bạn một ngày tốt lành", True),
        ("em là sinh viên ở Vị Thanh", True),
        ("chào ad, tỉnh có bao nhiêu khu công nghiệp", False),
        ("mình là nông dân, đề nghị tỉnh hỗ trợ giá lúa", False),
    ],
)
def test_a_greeting_or_introduction_alone(message, expected):
    assert greets_or_introduces(message) is expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("bot nay hoi dc nhung gi vay", True),
        ("bạn làm được gì", True),
        ("mình hỏi được gì ở đây?", True),
        ("bot nay tra loi dc nhung chuyen gi v ad", True),
        ("mình có thể hỏi những nội dung nào", True),
        ("e mới vô, ko biết xài sao hết", True),
        ("sử dụng đất thế nào", False),
        ("ad ơi tỉnh làm được gì cho nông dân", False),
        ("cho hỏi những gì được nêu về giáo dục", False),
    ],
)
def test_asking_what_the_bot_does(message, expected):
    assert asks_what_the_bot_does(message) is expected


def test_a_machine_is_not_how_many():
    # "máy sấy" folds like "mấy sấy"; spelt with its marks it asks nothing.
    assert not asks("mong tỉnh hỗ trợ máy sấy lúa cho HTX")
    assert asks("tỉnh có mấy khu công nghiệp") and asks("tinh co may khu cong nghiep")


@pytest.mark.parametrize(
    ("intent", "message", "unsure"),
    [
        ("ask_report", "Mình làm nông dân, mong tỉnh hỗ trợ máy sấy lúa cho HTX chứ lúa ướt", True),
        ("out_of_scope", "tỉnh nên làm thêm sân bóng cho thanh niên ở xã", True),
        # A question, or a message without any proposal, view or judgement, stays as DIET read it.
        ("ask_report", "tỉnh có nên làm thêm sân bóng không", False),
        ("ask_report", "tỷ lệ hộ nghèo năm 2020", False),
        ("greet", "chào ad, mình mong được hỏi vài điều", False),
    ],
)
def test_an_opinion_read_as_a_question_is_one_to_ask_about(intent, message, unsure):
    assert unsure_opinion(intent, message) is unsure


def test_an_unsure_opinion_is_asked_about_not_stored_at_once():
    assert UNSURE_CONFIDENCE < SURE_CONFIDENCE


@pytest.mark.parametrize(
    ("message", "closes"),
    [
        ("ok vậy thôi nha ad", True),
        ("thoi di ngu day, pp", True),
        ("vay thoi nha, chao ad", True),
        ("thôi không góp ý nữa", False),
        ("thôi để mai góp", False),
    ],
)
def test_winding_up_a_chat(message, closes):
    assert winds_up(message) is closes
