"""What a citizen's message does, read from its words: asks, gives an opinion, requests
something, cancels, or follows up on the last answer.

DIET learns these from examples; the rules here catch what a few hundred examples cannot settle
(an opinion phrased as a question, "thôi" inside the feedback form, "cho tôi xin số hotline"
that mentions "góp ý"). Every rule reads the folded text (lower case, no diacritics), so a
message typed without diacritics is read the same way.
"""

from __future__ import annotations

import enum
import re
import unicodedata

from index.text import fold

# How citizens name themselves in chat (folded): "tôi", "em", "mình", "mik", "t"...
PERSON = r"(?:toi|em|minh|mik|mk|tui|chau|con|chung toi|t|e|m)"
# Particles that may close a chat message ("… không ad", "… thì sao vậy", "ok nha").
_CLOSING_PARTICLES = r"(?:\s+(?:a|ad|admin|ban|vay|z|v|nhi|nha|nhe|ha|ta))*"

# How chat messages end by addressing someone older or younger ("… là nhiêu con").
_KIN = r"(?:con|chau|em|anh|chi|co|chu|bac|ban)"
# Words a choice question sets against each other ("cao hay thấp", "tăng hay giảm").
_COMPARABLE = (
    r"(?:cao|thap|tang|giam|nhieu|it|dat|nhanh|cham|tot|xau|dung|sai|hon|kem|lon|nho|co|duoc"
    r"|khong|ko|chua)"
)
# A question that wants an answer: question words, "có ... không", "tại sao".
_QUESTION_WORDS = re.compile(
    r"\b(?:bao nhieu|bao nhiu|bao nhieo|bnhieu|bnhiu|bnh|bn|la gi|gi|j|the nao|ntn|ra sao|nao(?! vet)|"
    # "mấy năm nay" (these few years) asks nothing; "nạo vét" (dredge) folds like "nào"
    # "nhà máy", "máy móc", "may mắn" fold like "mấy"
    r"(?<!\bnha )may(?! (?:moc|mac|man|tinh|bay)\b)(?! (?:nam|thang|bua|hom) (?:nay|qua|gan day|roi|truoc))"
    # "mấy cái mục tiêu này": these, not how many
    r"(?! cai (?:\w+ ){0,3}(?:nay|do|kia)\b)|"
    r"(?:o|len|den|toi|ra|vo|vao|di|qua) dau|"
    # "không ai" is nobody; "không biết ai chịu trách nhiệm" says nobody can tell
    r"khi nao|bao gio|(?<!khong )(?<!ko )(?<!k )(?<!chang )(?<!cha )(?<!biet )ai|"
    r"tai sao|vi sao|lam sao|the sao|sao|bao lau|co phai)\b"
    # "lúc nào cũng chật", "ai cũng biết", "gì cũng", "năm nào thương lái cũng ép giá": always,
    # everyone, anything; no question.
    r"(?!(?:\s+\w+){0,3}\s+cung\b)"
    # "có … không", and "(theo ad) nên làm ko" (asks advice; "có nên … không" stays an opinion
    # worded as a question, Opinion.WEAK)
    r"|\b(?:co|da|duoc|dc|nen)\b.*\b(?:khong|ko|k|chua|hong|hok)"
    rf"{_CLOSING_PARTICLES}\s*(?:[.?!,]|\bhay\b|$)"
    r"|\b(?:khong|ko|k|chua|a|ha|vay|z|v)\s*\?\s*$"
    # "mục tiêu bhyt tới 2025 là nhiêu (con)": "là (bao) nhiêu" shortened, at the end.
    # "nhiu" is how chat spells it without marks ("là nhiu %").
    rf"|\bla nhie?u{_CLOSING_PARTICLES}(?:\s+{_KIN})?\s*\??\s*$"
    # "cao hay thấp hơn", "tăng hay giảm", "đạt hay không": a choice between two answers
    rf"|\b{_COMPARABLE} hay (?:la )?(?:khong |ko |chua )?{_COMPARABLE}\b"
    # "nắng hay mưa vậy": any choice closed by a particle that asks
    r"|\b\w+ hay (?:la )?\w+ (?:vay|z|v|ta|nhi|ha)\b"
    # "tỉ số nhiêu z ad", "được nhiêu rồi": "(bao) nhiêu" shortened after a noun of quantity
    rf"|\b(?:so|duoc|dc|dat) nhie?u(?: roi| r)?{_CLOSING_PARTICLES}\s*\??\s*$"
    # "hộ nghèo còn nhiêu %": a share asked for
    r"|\bnhie?u\s*(?:%|phan tram)"
)
# "còn nhiêu", "là nhiêu": "(bao) nhiêu" shortened; spelt so, it is no "nhiều" (many), which
# folds alike ("là nhiều" judges).
_SHORT_HOW_MANY = re.compile(r"(?<!\bbao )\bnhiêu\b(?! khê)")
# Words that ask what the report says, not whether something is so.
_ASKS_WHAT = re.compile(r"\b(?:gi|j|nao|bao nhieu|bn|the nao|ntn|ra sao|nhu the nao)\b")
# "cho mình hỏi …", "em muốn hỏi …": says it is a question (not "hội viên", "hội nghị").
_SAYS_IT_ASKS = re.compile(
    rf"\b(?:(?:cho|xin) (?:{PERSON} )?|(?:{PERSON} )?muon |{PERSON} (?:xin )?|y {PERSON} (?:la )?)"
    r"(?:duoc |dc |muon |dinh )?hoi\b"
    r"(?!\s+(?:vien|dong|nghi|nhap|nong dan|phu nu|cuu chien binh|lien hiep|chu thap))"
)
# "… cho tôi hỏi chút": says a question will come, and stops there.
_ONLY_ASKS_LEAVE = re.compile(
    _SAYS_IT_ASKS.pattern + r"(?:\s+(?:chut|xiu|ti|mot chut|mot ti|nhe|nha|a|ad|voi|duoc khong"
    r"|dc ko|dc k|duoc ko|duoc k))*[\s.!?]*$"
)
# "sao không đầu tư thêm …?", "sao lại bỏ …": a reproach worded as a question.
_RHETORICAL = re.compile(
    r"(?:^|[.,;!?]\s*)(?:ma |vay |the |chu |nhung )?(?<!tai )(?<!vi )sao "
    r"(?:tinh |minh |ta |chinh quyen |nha nuoc |bao cao |ho |cac cap |lai |van |cu |con )*"
    r"(?:khong|ko|k|chua|chang|lai|cu|van)\b"
    # "sao lại gọi (dân vận chính quyền) là điểm nhấn": asks why the report says so
    r"(?! (?:goi|noi|xem|coi|danh gia|nhan dinh|cho|bao)(?: \w+){0,5} la\b)"
    # "bác sĩ 10 người trên vạn dân sao đủ": how could it be enough
    r"|(?<!lam )\bsao (?:ma )?(?:theo )?(?:du|kip)\b(?! (?:lich|hoc|khach|dieu kien))"
    # "thì lấy đâu ra", "làm sao mà đạt … khi …", "… chứ bộ", "mà giờ lại đặt thấp hơn?"
    r"|\blay dau ra\b|\blam sao ma\b|\bchu bo\b|\bma (?:gio|h|bay gio|nay) lai\b"
    # "dân nghèo lấy tiền đâu mà mua", "có tiền đâu mà đóng": nobody could; "thì làm sao đủ,"
    r"|\b(?:lay|co|kiem) (?:\w+ )?dau ma\b|\blam sao (?:ma )?(?:du|kip)\s*(?:[,.!;?]|$)"
    # "1% thôi sao": only that figure? ("vậy thôi sao" asks for more); "làm sao đạt nổi": how
    # could anyone manage it ("nổi" folds like "nói": "là sao mà nghe nói" asks)
    r"|\d\s*(?:%|phan tram)?\s*thoi sao\b"
    r"|\b(?:lam sao|sao) (?:ma )?(?:\w+ )?(?:dat|theo|kham|lam|chiu|song|ganh|tra|lo) noi\b"
    # "… để làm gì, nên lo chất lượng", "mở rộng thêm làm gì, nên lấp đầy cái cũ": asked, and
    # answered with the citizen's own proposal
    r"|\blam gi\s*[,.;!?]+\s*(?:ma |thi )?(?:nen|phai)\b"
    # "vậy có xứng danh nông thôn mới không": whether it deserves the name
    r"|\bco xung (?:danh|dang)\b"
    # "sao ko đặt 100% luôn": why not go all the way; "thì dân đâu biết gì": nobody knows
    r"|(?<!tai )(?<!vi )\bsao (?:khong|ko|k) (?:\S+ ){1,5}luon\b"
    r"|\bdau (?:biet|hieu|thay|nghe|duoc|dc) (?:gi|j)\b"
    # "chỉ tiêu che phủ cây xanh sao không có": why is it missing
    r"|(?<!tai )(?<!vi )\bsao (?:khong|ko|k|chua) co\s*(?:[,.!;]|$)"
)
# The citizen says it is their view, or proposes something in their own name.
_FIRST_PERSON_VIEW = re.compile(
    # not "ý mình hỏi là …" (what I meant to ask) nor "à nhầm, ý em là …" (what I meant)
    rf"\b(?:theo|y kien cua|y) {PERSON}\b(?! (?:la\b|hoi|muon hoi|dinh hoi)\b)"
    rf"|\b{PERSON} (?:thay|nghi|cho rang|mong|de nghi|kien nghi|de xuat|gop y|ung ho|"
    r"phan doi|khong dong y|khong dong tinh|dong y|khong ung ho|xin gop y|xin kien nghi|"
    r"xin de xuat|xin de nghi)\b"
    # "Chú đề xuất …", "bác thấy …"; "cô", "chị", "bà" fold like "có", "chỉ", "ba": proposals only
    r"|\b(?:chu|bac|anh|ong) (?:thay|nghi|cho rang|mong|de nghi|kien nghi|de xuat|gop y)\b"
    r"|\b(?:co|chi|ba) (?:de nghi|kien nghi|de xuat|xin gop y|xin kien nghi)\b"
)
# A message that opens with the citizen's view: "theo tôi tỉnh nên …", "mình thấy mục tiêu …".
_OPENS_WITH_VIEW = re.compile(
    rf"^(?:(?:da|vang|ad oi|chao ad)[ ,]+)*(?:theo {PERSON}|{PERSON} (?:thay|nghi|cho rang))\b"
)
# "trách nhiệm (của) ai": whose duty it is, which a proposal or judgement demands be made clear.
_WHOSE = re.compile(r"\btrach nhiem (?:cua )?ai\b")
# "mấy" also counts ("10 mấy cây số", "chú ý mấy hộ mới thoát nghèo"), but asks after the verbs
# of quantity ("có mấy", "cần mấy", "được mấy").
_MAY = re.compile(
    r"(?<!\bco )(?<!\bcan )(?<!\bduoc )(?<!\bdc )(?<!\bdat )(?<!\bla )(?<!\bmat )(?<!\bcon )"
    r"(?<!\bso )"  # "tỉ số mấy"
    r"\bmay\b"
)
# "Góp ý: …", "mình góp ý: …", "Kiến nghị - …", "đề nghị tỉnh …" at the start of the message.
_OPINION_PREFIX = re.compile(
    r"^(?:(?:ok|da|vang|u|thua|kinh thua|ad|ad oi)[ ,.]+)*"
    rf"(?:(?:{PERSON} (?:xin )?)?(?:gop y|y kien|kien nghi|de nghi|de xuat|phan anh)\s*[:\-–]"
    r"|ghi nhan (?:giup|gium|dum|ho)\b"
    rf"|(?:y kien|gop y|de xuat|kien nghi) cua {PERSON} (?:la|:)"
    r"|(?:de nghi|kien nghi|de xuat|mong) (?:tinh|xa|huyen|nha nuoc|chinh quyen|lanh dao|"
    r"ubnd|cac cap|nganh|so|cong an|bao cao|cho|bo sung|tang|giam|xem xet|dau tu|xay|sua|ho tro)\b)"
)
# A judgement of a target or of a situation: "là thấp", "quá ít", "chưa hợp lý".
_JUDGEMENT = re.compile(
    # ("rất nhiều", "khá nhiều" only count: "cám ơn bạn rất nhiều")
    r"\b(?:qua|hoi|kha|rat|con|van|that su|thiet) (?:thap|cao|it|(?<!rat )(?<!kha )nhieu|"
    r"kho(?! khan)|cham|yeu|kem|"
    r"ngan|xa voi|thap|met moi|te|toi|bat cap|ruom ra|so sai|chung chung)\b"
    # ("tối qua" is last night, "tới làm" to come and do)
    r"|\b(?:thap|cao|it|kem|cham|xau|te|yeu|kho|xa|so sai|chung chung) "
    r"(?:qua|lam|that|ghe|qua troi)\b"
    # "chỉ là con số trên giấy", "thì phí đất ruộng của dân"
    r"|\btren giay (?:thoi|to)\b|\bcon so tren giay\b"
    r"|(?:\b(?:thi|la|qua)|[,;.]) phi (?:dat|tien|cong|cua)\b"
    # "viết chung chung", "nói qua loa", "toàn khen", "còn lâu mới tới"
    r"|\b(?:viet|noi|danh gia) (?:chung chung|so sai|qua loa)\b|\bqua loa\b|\btoan khen\b"
    r"|\bcon lau moi\b"
    # "còn mờ nhạt", "thiếu trầm trọng", "vẫn như cũ", "nghèo hoài" (forever), "nói thiệt chứ …"
    r"|\bmo nhat\b|\btram trong\b|\bvan nhu cu\b|\b(?:ngheo|hoai|vay|noi|hen|cho|doi) hoai\b"
    # praise: "rất hoan nghênh", "làm tốt thiệt", "đáng khen"
    r"|\b(?:hoan nghenh|dang khen|dang bieu duong)\b|\btot (?:thiet|that su|ghe)\b"
    r"|^noi (?:thiet|that) (?:chu|ma|la)\b"
    # "dễ quá" ("dễ lắm" folds like "để làm")
    r"|\bde (?:qua|ghe|qua troi)\b"
    r"|\bla (?:thap|cao|it|nhieu|hop ly|khong hop ly|chua hop ly|vua suc|kho dat|kho|phu hop|"
    r"chua du|thiet thoi|sai|dung|can thiet|chua sat|qua)\b"
    r"|\b(?:chua|khong) (?:hop ly|sat thuc te|sat|phu hop|kha thi|dat yeu cau|du|tuong xung|"
    r"cong bang|minh bach|quan tam|thoa dang)\b"
    r"|\b(?:bat hop ly|vo ly|thiet thoi|lang phi|hinh thuc|kho dat|xa voi|thieu thuc te|khiem ton|"
    r"bat cap|xuong cap|lay loi|o nhiem|qua tai|nhung nhieu|gay kho|kho khan qua)\b"
)
# A proposal stated at the start of a sentence or by its subject: "Tỉnh cần có chính sách …".
_STATED_PROPOSAL = re.compile(
    r"^(?:de nghi|kien nghi|de xuat|can|nen|phai|mong)\b|\bthi (?:nen|can|phai)\b"
    r"|[,;:] (?:nhung |ma )?(?:de nghi|kien nghi|de xuat|nen|phai|can(?! bo| tho))\b"
    r"|\b(?:tinh|xa|huyen|nha nuoc|chinh quyen|lanh dao|cac cap|nganh|ta|minh|bao cao) "
    r"(?:rat |nen |can |phai |cung )*(?:can|nen|phai|nen co|can co|phai co)\b"
)
# A sentence that opens with a proposal ("cần" left out: it folds like "cán" of "cán bộ").
_PROPOSAL_START = re.compile(
    r"^(?:(?:tinh|xa|huyen|nha nuoc|chinh quyen|lanh dao|cac cap|nganh) )?"
    r"(?:de nghi|kien nghi|de xuat|nen|phai)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# Words that propose an action. "cần"/"nên" fold like "cán"/"nền", hence the exclusions.
_PROPOSAL = re.compile(
    r"\b(?:nen(?! (?:kinh te|quoc phong|hanh chinh|van hoa|mong|nong nghiep|cong nghiep))|"
    r"can(?! bo| cu| thiet bi| hoi| biet| tim| tra| thong tin| giup| ho tro| tho)|"  # Cần Thơ
    # "không phải" is "is not", not "must"
    r"(?<!khong )(?<!ko )(?<!k )(?<!hong )phai|de nghi|kien nghi|de xuat|mong|hy vong|gop y|ung ho|"
    r"phan doi|dong y|dong tinh|bo sung|dieu chinh|xem xet lai|xem lai)\b"
)
# Asking to be given something the report does not hold: a number, a link, an address, a recipe.
_REQUEST = re.compile(
    rf"\b(?:(?:cho|xin) (?:{PERSON} )?(?:xin |duoc |nhan |voi )?"
    rf"|gui (?:cho |giup )?(?:{PERSON} )?|cung cap (?:cho {PERSON} )?|chi (?:cho|giup) {PERSON} )"
    r"(?:cai |cac |mot |ca )?"
    r"(?:so (?:dien thoai|dt|hotline|duong day nong|tai khoan|zalo|lien lac|lien he|fax)|sdt|"
    r"dien thoai|hotline|duong day nong|link|duong link|duong dan|file|"
    r"ban (?:day du|goc|pdf|word|in|dien tu|mem|full)|tai lieu|dia chi|email|mail|zalo|fanpage|"
    r"facebook|trang web|website|web|cong thuc|mau don|bieu mau|so tai khoan|stk|ma qr|"
    r"thong tin lien he)\b"
)
_HOW_TO_COOK = re.compile(r"\b(?:cong thuc|cach) (?:nau|lam mon|lam banh|pha che|uop|kho|chien)\b")
# Asking the bot to work something out: "so sánh giúp mình … coi", "tính dùm em …".
_ASKS_TO_WORK_OUT = re.compile(
    # ("tỉnh hỗ trợ" folds like "tính hộ": "hộ" is left out)
    rf"\b(?:so sanh|tinh|tra cuu|tra|tim|kiem|check) (?:giup|gium|dum) (?:{PERSON}\b)?"
)
_FILLERS = r"(?:(?:thoi|ok|oke|vay|u|da|vang|a|ad oi|ban oi)[ ,.!]+)*"
_CANCEL = re.compile(
    rf"^{_FILLERS}(?:{PERSON} )?(?:"
    r"huy(?: bo)?(?: gop y)?(?: (?:giup|gium) (?:toi|em|minh))?|thoi(?: khoi| bo| bo di)?|"
    r"bo (?:qua|di)|bo gop y(?: nay)?(?: di)?|dung(?: lai)?(?: gop y)?|ngung|thoat(?: ra)?|"
    r"cancel|stop|exit|khoi(?: gop y| gui| can| ghi)?|"
    r"de (?:sau|mai|luc khac|hom khac|bua khac|khi khac)(?: tinh| gop| gui)?|"
    # "để em suy nghĩ thêm", "thôi nghĩ lại rồi", "đổi ý rồi": reconsidering drops it too.
    rf"(?:de )?(?:{PERSON} )?(?:suy nghi|nghi) (?:lai|them)(?: da| chut| xiu)?|doi y|"
    rf"(?:{PERSON} )?(?:khong|ko|k|hong|chua) (?:muon )?(?:gop y|gui|can|ghi)(?: gi)?|"
    # "thôi không có gì đâu": nothing to say after all
    r"(?:khong|ko|k) co gi(?: (?:ca|het))?"
    r")(?: (?:nua|di|nhe|nha|a|dau|thoi|roi))*[ .!]*$"
)
# Any word a cancelling message holds; a message without one is no cancel ("rác thải nhựa").
_CANCEL_WORD = re.compile(
    r"\b(?:huy|bo|dung|ngung|thoi|khoi|khong|ko|k|hong|chua|de sau|cancel|stop|exit|thoat|"
    r"sau|khac|quen|nham|lon|doi y|rut lai|thay doi|suy nghi)\b"
)
# A first clause that cancels in so many words ("thôi em hủy nha, ..."), not a bare "thôi, ...".
_SAYS_CANCEL = re.compile(
    r"\b(?:huy|bo qua|dung|ngung|de sau|gui sau|gop sau|(?:luc|hom|bua|khi|dip) khac|suy nghi them"
    r"|nghi lai|khong (?:muon )?gop y|thoi khoi|(?:khong|ko|k) can nua|(?:khong|ko|k) co gi)\b"
)
# "cấp tỉnh thôi": a last "thôi" after what is asked for means "only", it cancels nothing.
_ONLY_AT_THE_END = re.compile(
    r"^(?!(?:ok|oke|vay|u|da|vang|a|the|ad|thi|ma|nhu)\b)(?:\w+ ){2,}thoi[ .!?]*$"
)
# A bare first clause that holds back ("thôi, …", "đợi chút, để mình nghĩ lại").
_WAIT = frozenset(["thoi", "khoan", "khoan da", "doi chut", "doi xiu", "doi da"])
# "còn năm 2025?", "thế còn cấp huyện", "cụ thể hơn", "cái thứ hai là gì": read with the
# previous answer (bot/actions/answer.py), so never a greeting, a "no" or an opinion.
_FOLLOW_UP = re.compile(
    r"^(?:(?:vay|the|va|nhung|ua|u|da|oh|o|a|con|ad oi|ban oi)[ ,]+)*"
    r"(?:con (?!ai\b|cam on|chao|xin|muon|la\b|tam biet|gop y|co y kien|hoi\b)|the con |vay con |thi sao|cu the hon|chi tiet hon|noi ro hon|ro hon|"
    r"giai thich them|noi them|them (?:chut|ti|nua)|cai (?:thu|so|dau|cuoi|kia|do)|"
    r"(?:muc|y|chi tieu|phan|nhiem vu|giai phap) (?:thu|so) |nam (?:truoc|sau|do)|"
    r"nhiem ky (?:truoc|sau|toi)|so voi|so sanh|"
    # "à nhầm, ý em là tỷ lệ hộ dùng điện": the last question, corrected
    rf"nham\b|y (?:{PERSON} )?la )"
)
# "tới đây thì sao", "cấp xã thì thế nào": a short turn ending so asks about the last answer.
_ENDS_FOLLOW_UP = re.compile(
    rf"\bthi (?:sao|the nao|ra sao|nhu the nao){_CLOSING_PARTICLES}\s*\??$"
)
FOLLOW_UP_ENDING_WORDS = 6
_BARE_YES = re.compile(
    r"^(?:ok|oke|okie|okay|ok ok|uh|u|um|uhm|vang|da|da vang|vang a|da a|co|co a|dung|dung roi|"
    r"dung vay|da dung|da dung roi|dung a|phai|chuan|yes|duoc|dong y|chac chan|ok ban|ok ad|roi|hieu roi|"
    rf"da hieu|biet roi){_CLOSING_PARTICLES}[ .!]*$"
)
_BARE_NO = re.compile(
    r"^(?:khong|ko|k|hong|hok|no|nope|khong a|khong phai|ko phai|khong dau|chua|sai|"
    r"khong nhe|da khong|thoi khoi|khong can|ko can|khong co)[ .!]*$"
)
_PERMISSION = re.compile(
    rf"\b(?:duoc|dc|dk) (?:khong|ko|k|hong|hok|chu){_CLOSING_PARTICLES}\s*\??$"
)
SHORT_WORDS = 6
# "chào ad nhé" as a message's last clause: taking leave.
_CLOSING_GREETING = re.compile(
    r"^(?:chao|tam biet|bye|bai|pp)(?: tam biet)?"
    r"(?: (?:ad|admin|ban|bot|em|anh|chi|co|chu|bac|ca nha|moi nguoi))?"
    r"(?: (?:nha|nhe|nghen|a|nhen|ha))*$"
)
# "ok chào ad", "thôi chào bạn nhé": a closing greeting after a word that winds up a chat.
_WINDING_UP = re.compile(r"^(?:ok|oke|okie|okay|thoi|vay thoi|the thoi|roi|xong)[ ,.!]+")
# Words of thanks and of leaving: a message DIET calls thanks or goodbye without any of them
# ("cong ty nao bi phat vi xa thai") and that asks is a question.
_THANKS_WORDS = re.compile(r"\b(?:cam on|camon|thank|thanks|tks|thx)\b")
_LEAVE_WORDS = re.compile(r"\b(?:chao|tam biet|bye|bai|gap lai|di day|ngu day|off)\b")
# Words of leaving: "mai hỏi tiếp", "hỏi lại sau", "hẹn gặp lại", "đi ngủ đây", "ra đồng đây",
# "hôm nào rảnh hỏi tiếp", "mai mình góp sau".
_LEAVE = re.compile(
    r"\b(?:mai (?:hoi|noi|tinh|gap)|hoi (?:lai |tiep |them )?sau|hen gap lai|tam biet"
    r"|di (?:ngu|lam|hoc) (?:day|nha|nhe)|di day|(?:di|ra|ve) \w+ day"
    r"|hom (?:nao|khac|sau) (?:\w+ ){0,2}hoi (?:tiep|them|lai)|gop (?:y )?sau)\b"
)
# "vậy thôi nha ad", "ok thôi": winding up a chat, and nothing more.
_ONLY_WINDS_UP = re.compile(
    r"^(?:(?:ok|oke|u|da|vang|roi)[ ,]+)*(?:vay |the )?thoi"
    r"(?: (?:nha|nhe|nghen|nhen|ha|a|ad|admin|ban|bot))*[ .!]*$"
)
# A greeting at the start: "chào ad", "xin chào", "alo".
_GREETING = re.compile(r"^(?:xin chao|chao|kinh chao|hello|hi|alo|helo)\b")
# "có ai ở đây không": calls for someone to talk to, asks nothing of the report.
_ANYONE_THERE = re.compile(
    r"\bco ai (?:(?:dang|con|o|day|do|truc|on|online|page|fanpage|tra loi|rep|ho tro) )*"
    r"(?:khong|ko|k|hong|hok|hem)\b"
    rf"{_CLOSING_PARTICLES}[\s?.!]*"
)
# Who is writing: "mình là nông dân ở Phụng Hiệp", "tôi tên Lan", "em đang làm giáo viên".
# Not "ý em là …" (what I meant).
_INTRODUCTION = re.compile(
    rf"(?<!\by )\b{PERSON} (?:la|ten(?: la)?|dang (?:lam|song|o)|o|song o|lam)\b"
)
# What the bot can do: "bạn làm được gì", "bot này hỏi được những gì", "mình hỏi được gì".
_ABOUT_THE_BOT = re.compile(
    r"\b(?:ban|bot|chatbot|tro ly|em)(?: nay)? (?:co the )?(?:hoi|lam|tra loi|biet|giup)"
    r"(?: (?:duoc|dc))?(?: (?:nhung|cai|chuyen|van de|noi dung))* (?:gi|j)\b"
    rf"|^(?:{PERSON} )?(?:co the )?hoi (?:duoc |dc )?(?:nhung )?(?:(?:noi dung|van de|cai|chuyen) )?"
    r"(?:gi|j|nao)(?: (?:duoc|dc))?(?: (?:o day|vay|a|ad|nhi|the))*\s*\??$"
    # "cái này dùng sao vậy ad", "ko biết xài sao", "chỉ mình cách gửi góp ý"
    r"|\b(?:xai|dung|su dung) (?:sao|the nao|nhu the nao|ntn)\b"
    rf"|\b(?:chi|huong dan) (?:{PERSON} )?cach\b"
)


class Opinion(enum.IntEnum):
    """How surely a message reads as an opinion."""

    NONE = 0
    # A proposal, view or judgement inside a question ("có nên … không?"): ask before storing.
    WEAK = 1
    # A proposal, view or judgement stated, a reproach, or "Góp ý: …".
    STRONG = 2


# "máy sấy", "máy cày" (machines) fold like "mấy" (how many): spelt with their marks, no question.
_MACHINE = re.compile(r"\bmáy\b")
# "mà không có con số nào": there is none; "nào" asks nothing there.
_NONE_AT_ALL = re.compile(
    r"\b(?:khong|ko|k|chang|cha) (?:co|neu|nhac)(?: duoc| dc)? (?:\w+ ){0,4}"
    r"(?:nao|(?:gi|j) (?:het|ca))\b"
    r"|\b(?:khong|ko|chua) thay (?:\w+ ){0,3}(?:gi|j|nao)(?: (?:moi|het|ca))?\b"
)


def _marked_fold(text: str) -> str:
    """``fold`` once the words its diacritics tell apart are written out: "nhiêu" (how many) as
    "bao nhiêu", "máy" (machine) apart from "mấy" (how many)."""
    lowered = _SHORT_HOW_MANY.sub("bao nhiêu", unicodedata.normalize("NFC", text.lower()))
    return fold(_MACHINE.sub("máy_", lowered))


def asks(text: str) -> bool:
    """Worded as a real question (not a reproach such as "sao không xây thêm trường?")."""
    folded = _marked_fold(text)
    if _RHETORICAL.search(folded):
        return False
    if _QUESTION_WORDS.search(_NONE_AT_ALL.sub(" ", folded)) or "?" in folded:
        return True
    # "cho em hỏi, em thấy nên …" says it asks, then gives a view.
    view = (
        _PROPOSAL.search(folded) or _FIRST_PERSON_VIEW.search(folded) or _JUDGEMENT.search(folded)
    )
    return bool(_SAYS_IT_ASKS.search(folded)) and not view


def says_it_asks(text: str) -> bool:
    """ "cho em hỏi khóm làm chuỗi giá trị dc chưa": says in so many words that it asks, and
    asks ("chào ad, cho hỏi chút" has yet to)."""
    folded = fold(text)
    said = _SAYS_IT_ASKS.search(folded)
    return bool(said) and asks(folded[said.end() :])


def asks_permission(text: str) -> bool:
    """ "cho mình góp ý về báo cáo được không": asks leave to do something, not about the report."""
    return bool(_PERMISSION.search(fold(text).strip()))


def last_sentence(text: str) -> str:
    """Citizens tell their situation first and ask or give their view last."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip(" .!?;")]
    return sentences[-1] if sentences else text


def explicit_opinion(text: str) -> bool:
    """Marked as an opinion whatever a classifier says: "Góp ý: …", "sao không …?", or, in a
    last sentence that asks nothing, a stated proposal or the citizen's own judgement or view."""
    folded = _marked_fold(text).strip()
    if _OPINION_PREFIX.search(folded) or _RHETORICAL.search(folded):
        return True
    if _OPENS_WITH_VIEW.match(folded) and "?" not in folded and not asks(_MAY.sub(" ", folded)):
        return True
    last = _marked_fold(last_sentence(text)).strip()
    # "nên lắp đèn ở mấy đoạn đường vắng", "mấy tuyến kênh bồi lắng, tỉnh nên nạo vét": in a
    # proposal, "mấy" is "some", not "how many".
    # "… thì ít quá, tỉnh khác họ gấp mấy lần": after a judgement too ("sinh mấy con là hợp lý"
    # asks what the judgement holds of).
    judged = _JUDGEMENT.search(last)
    counted = _MAY.search(last)
    proposes = (
        _PROPOSAL_START.match(last)
        or _STATED_PROPOSAL.search(last)
        or (judged and counted and judged.start() < counted.start())
    )
    # "tỉnh nên làm rõ trách nhiệm ai lo": whose duty, asked of nobody in a proposal.
    heard = _WHOSE.sub(" ", last) if proposes or judged else last
    if asks(_MAY.sub(" ", heard) if proposes else heard):
        return False
    # "Du lịch có hạn chế gì ko? mình thấy ít khách quá": a question for the report, then a
    # remark on it ("… có thực tế không trời? tui thấy đặt hơi cao" stays an opinion).
    sentences = [_marked_fold(s) for s in _SENTENCE_END.split(text.strip()) if s.strip(" .!?;")]
    asked = any(asks(s) and _ASKS_WHAT.search(s) for s in sentences[:-1])
    if asked and not _PROPOSAL.search(last):
        return False
    return bool(
        _OPINION_PREFIX.search(last)
        or _STATED_PROPOSAL.search(last)
        or _FIRST_PERSON_VIEW.search(last)
        or _JUDGEMENT.search(last)
    )


def opinion(text: str) -> Opinion:
    if explicit_opinion(text):
        return Opinion.STRONG
    folded = _marked_fold(text)
    marked = _PROPOSAL.search(folded) or _FIRST_PERSON_VIEW.search(folded)
    if marked and not asks(text):
        return Opinion.STRONG
    if marked or _JUDGEMENT.search(folded):
        return Opinion.WEAK
    return Opinion.NONE


def requests_something(text: str) -> bool:
    """'cho mình xin số hotline', 'cho xin link tải báo cáo', 'xin công thức nấu lẩu mắm',
    'so sánh giúp mình … coi'."""
    folded = fold(text)
    return any(p.search(folded) for p in (_REQUEST, _HOW_TO_COOK, _ASKS_TO_WORK_OUT))


def cancels(text: str) -> bool:
    """'thôi', 'hủy', 'không góp ý nữa', 'thôi để sau', 'thôi em hủy nha, để em suy nghĩ thêm':
    the whole message, or its first clause, drops the opinion. "đúng", "đúng rồi" fold like
    "dừng" but agree."""
    if bare_yes(text) and "dừng" not in text.lower():
        return False
    folded = fold(text).strip()
    first_clause = re.split(r"[,;.!]", folded, maxsplit=1)[0].strip()
    # "thôi, để tôi suy nghĩ thêm rồi gửi sau": a bare "thôi" first, the reason after it.
    return bool(
        _CANCEL.match(folded)
        or (_CANCEL.match(first_clause) and _SAYS_CANCEL.search(first_clause))
        or (first_clause in _WAIT and _SAYS_CANCEL.search(folded))
    )


def may_cancel(text: str) -> bool:
    """Whether a message may cancel, for a classifier's "cancel" to stand: it holds a word of
    cancelling and is short or asks nothing ("cam sành bị vàng lá thối rễ xử lý sao" holds
    "thoi", folded from "thối", and asks)."""
    folded = fold(text)
    short = len(folded.split()) <= SHORT_WORDS
    if _ONLY_AT_THE_END.match(folded) and _CANCEL_WORD.findall(folded) == ["thoi"]:
        return False
    return bool(_CANCEL_WORD.search(folded)) and (short or not asks(text))


def follows_up(text: str) -> bool:
    """A short elliptical turn that only makes sense with the previous answer."""
    folded = fold(text).strip()
    words = len(folded.split())
    return (words <= 12 and bool(_FOLLOW_UP.match(folded))) or (
        words <= FOLLOW_UP_ENDING_WORDS and bool(_ENDS_FOLLOW_UP.search(folded))
    )


def bare_yes(text: str) -> bool:
    return bool(_BARE_YES.match(fold(text).strip()))


def bare_no(text: str) -> bool:
    return bool(_BARE_NO.match(fold(text).strip()))


def greets_or_introduces(text: str) -> bool:
    """A greeting or a self-introduction that neither asks nor gives an opinion: "chào ad,
    mình là nông dân ở Phụng Hiệp", "Xin chào, chúc bạn một ngày tốt lành"."""
    return _says_hello(text) and not _asks_beyond_leave(text) and opinion(text) is Opinion.NONE


def greets_and_asks(text: str) -> bool:
    """A greeting or an introduction that goes on to ask: "chào ad, mình là điều dưỡng ở Vị
    Thanh, muốn hỏi chỉ tiêu bác sĩ đến 2025" (a short "chào bạn, khỏe không" is small talk, and
    "chào buổi sáng, cho tôi hỏi chút" has yet to ask)."""
    long = len(fold(text).split()) > SHORT_WORDS
    return _says_hello(text) and long and _asks_beyond_leave(text) and opinion(text) is Opinion.NONE


def takes_leave(text: str) -> bool:
    """Says goodbye, asking nothing: "thôi mình đi ngủ đây, chào ad" ("chào" closing a message
    takes leave), "chào ad nha, mai hỏi tiếp"."""
    folded = fold(text).strip()
    clauses = [c.strip() for c in re.split(r"[,.!;]+", folded) if c.strip()]
    # "hôm nào rảnh hỏi tiếp" says when the next question comes, it asks nothing.
    if not clauses or asks(_LEAVE.sub(" ", folded)):
        return False
    closes = len(clauses) > 1 and bool(_CLOSING_GREETING.match(clauses[-1]))
    winding = _WINDING_UP.match(folded)
    closes = closes or bool(winding and _CLOSING_GREETING.match(folded[winding.end() :].strip()))
    return closes or bool((_GREETING.match(folded) or winding) and _LEAVE.search(folded))


def winds_up(text: str) -> bool:
    """Closes the chat: takes leave, or only winds up ("vậy thôi nha ad")."""
    return takes_leave(text) or bool(_ONLY_WINDS_UP.match(fold(text).strip()))


def greets(text: str) -> bool:
    """Opens with a greeting ("chào bạn, …", "xin chào", "alo") or calls for someone ("có ai
    không")."""
    folded = fold(text).strip()
    return bool(_GREETING.match(folded) or _ANYONE_THERE.search(folded))


def introduces(text: str) -> bool:
    """Says who is writing: "mình là nông dân ở Phụng Hiệp", "tôi tên Lan"."""
    return bool(_INTRODUCTION.search(fold(text)))


def _says_hello(text: str) -> bool:
    return greets(text) or introduces(text)


def _asks_beyond_leave(text: str) -> bool:
    """Asks something, not only leave to ask ("cho tôi hỏi chút") or whether anyone is there."""
    folded = _ANYONE_THERE.sub(" ", fold(text)).strip()
    return asks(folded) and not _ONLY_ASKS_LEAVE.search(folded)


def asks_leave_to_ask(text: str) -> bool:
    """Only says a question will come: "chào ad nha, cho mình hỏi chút"."""
    return bool(_ONLY_ASKS_LEAVE.search(fold(text).strip()))


def small_talk_without_its_words(intent: str, text: str) -> bool:
    """A message classified as thanks or goodbye that holds no word of either."""
    words = {"thanks": _THANKS_WORDS, "goodbye": _LEAVE_WORDS}.get(intent)
    return words is not None and not words.search(fold(text))


def says_leave(text: str) -> bool:
    return bool(_LEAVE.search(fold(text)))


def gives_thanks(text: str) -> bool:
    """Holds a word of thanks ("cảm ơn", "thanks", "tks"), whatever else it says."""
    return bool(_THANKS_WORDS.search(fold(text)))


def asks_what_the_bot_does(text: str) -> bool:
    return bool(_ABOUT_THE_BOT.search(fold(text).strip()))
