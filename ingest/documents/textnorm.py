"""A normalised view of a body for matching, with a map back to the body's offsets.

Matching runs on the view; every span found is mapped back, so figures always carry offsets
into the body exactly as stored. Most normalisations are one character for one character
(traditional → simplified Chinese, full-width digits, exotic spaces); only the pinyin
artefacts some converted mirrors insert ("產(chǎn)業(yè)") are dropped, which needs the map.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Traditional → simplified, for the characters of statistics and economic prose. One to one,
# so the translated text keeps its length. (Variant 産 is common in Hong Kong/Taiwan texts.)
_T2S_PAIRS = (
    "萬万億亿個个點点產产産产業业規规濟济經经總总區区發发項项國国資资額额長长幣币貸贷餘余"
    "電电數数採采購购製制運运輸输軟软體体進进單单準准統统計计劃划對对關关於于為为與与價价"
    "費费場场會会檢检車车輛辆戶户動动類类機机構构務务際际華华創创園园設设築筑實实現现開开"
    "環环衛卫護护醫医療疗農农廠厂礦矿鐵铁銀银險险證证勞劳稅税財财預预決决興兴陽阳蘇苏錫锡"
    "紹绍臺台臨临溫温麗丽滬沪寧宁廣广東东滙汇匯汇兩两幾几歲岁專专傳传僅仅優优儲储兒儿內内"
    "冊册劑剂則则剛刚勝胜勢势協协縣县嚴严圍围圖图塊块壓压夠够獎奖學学寶宝寫写審审屬属層层"
    "島岛嶺岭幫帮庫库廢废張张彈弹徵征態态戰战擁拥據据擔担擴扩擊击條条極极標标樣样橋桥歐欧"
    "歷历歸归沒没灣湾無无熱热爭争畫画當当盤盘確确碼码礎础禮礼種种稱称穩稳積积競竞範范節节"
    "糧粮紀纪約约級级紅红純纯組组結结給给絲丝綠绿維维網网線线綫线練练總总績绩續续職职聯联"
    "聲声腦脑舉举艙舱藝艺蘭兰處处號号衝冲複复視视親亲覽览觀观訂订訊讯記记許许評评試试話话"
    "該该認认語语說说調调論论講讲識识議议讀读變变讓让豐丰負负貨货質质賣卖贈赠趨趋軍军軌轨"
    "較较載载輕轻輪轮轉转辦办過过達达遠远適适選选遺遗還还邊边鄉乡鋼钢錢钱鍵键門门間间閱阅"
    "陸陆隊队隨随雖虽雙双離离靈灵韓韩頁页順顺須须頭头題题風风飛飞館馆騰腾驗验鬥斗魚鱼麥麦"
    "黃黄齊齐齡龄龍龙並并佈布佔占來来係系們们備备債债儀仪兌兑凈净淨净參参員员營营團团報报"
    "夢梦奧奥孫孙將将導导屆届崗岗廈厦彙汇徑径應应慶庆懷怀擇择擬拟攜携換换損损敗败斷断時时"
    "晉晋暢畅曆历棄弃榮荣樂乐權权歡欢殘残氣气漢汉潛潜濱滨狀状獨独畝亩異异眾众碩硕簽签絕绝"
    "綜综緊紧緣缘縮缩織织聞闻腳脚舊旧葉叶虧亏裝装補补覺觉訪访詢询誕诞請请諮咨謀谋謝谢貿贸"
    "賀贺賓宾贊赞趕赶跡迹躍跃輔辅辭辞連连週周遊游遞递郵邮鄰邻釋释鎮镇鏈链閉闭陣阵陳陈隱隐"
    "雲云響响頒颁領领頻频顆颗顧顾顯显飲饮養养駐驻驅驱鬆松麵面後后噸吨標标箱箱種种億亿衆众"
    "稱称營营銷销貸贷額额準准幹干專专級级優优雜杂龐庞瑪玛嘯啸倉仓陰阴門门蕪芜銅铜渦涡壩坝"
    "灘滩蚌蚌宿宿紐纽臺台麗丽舟舟漲涨跌跌揚扬鹽盐淮淮鎮镇崑昆滬沪杭杭寧宁紹绍嘉嘉湖湖衢衢"
    "錢钱區区鄭郑鳳凤譯译訪访詳详圓圆價价貨货測测綫线"
)
_T2S = {ord(_T2S_PAIRS[i]): _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS) - 1, 2)
        if _T2S_PAIRS[i] != _T2S_PAIRS[i + 1]}

_WIDTH = {0xFF10 + i: str(i) for i in range(10)}
_WIDTH.update({
    0xFF05: "%", 0xFF0E: ".", 0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x2007: " ", 0x3000: " ",
    0x2212: "-", 0x2013: "–", 0x2019: "'", 0x2018: "'", 0xFF0B: "+", 0xFF0D: "-",
})
_TABLE = {**_T2S, **_WIDTH}

# "(chǎn)" after a Han character: pinyin inserted by a traditional-character converter.
_PINYIN = regex.compile(
    r"(?<=\p{Han})\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)


@dataclass(frozen=True)
class View:
    text: str
    offsets: tuple[int, ...] | None  # view index → body index; None when identical

    def to_body(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# A line break inside a Chinese number phrase ("0.6个\n百分点", "10813.6\n亿元"): a layout
# artefact of copied PDFs and phone pages, dropped so the unit reads whole.
_WRAPPED_UNIT = regex.compile(r"[ \t]*\n[ \t]*(?=\p{Han})")


def _wrapped_units(text: str) -> list[tuple[int, int]]:
    """Spans of line breaks inside a Chinese number phrase: a handful of newlines per text,
    each checked where it stands (a whole-text regex would test every character)."""
    out = []
    i = text.find("\n")
    while i >= 0:
        a = i
        while a > 0 and text[a - 1] in " \t":
            a -= 1
        if a > 0 and (text[a - 1].isdigit() or (text[a - 1] in "个万亿" and a > 1
                                                  and text[a - 2].isdigit())):
            m = _WRAPPED_UNIT.match(text, a)
            if m is not None:
                out.append(m.span())
        i = text.find("\n", i + 1)
    return out


def normalise(body: str) -> View:
    translated = body if body.isascii() else body.translate(_TABLE)  # every key is non-ASCII
    drops: list[tuple[int, int]] = []
    if "(" in translated and _PINYIN.search(translated):
        drops += [m.span() for m in _PINYIN.finditer(translated)]
    if "\n" in translated and not translated.isascii():
        drops += _wrapped_units(translated)
    if not drops:
        return View(translated, None)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end in sorted(drops):
        if start < pos:
            continue
        parts.append(translated[pos:start])
        offsets.extend(range(pos, start))
        pos = end
    parts.append(translated[pos:])
    offsets.extend(range(pos, len(translated)))
    offsets.append(len(translated))
    return View("".join(parts), tuple(offsets))


def to_simplified(text: str) -> str:
    """One-to-one traditional → simplified (and width) mapping, for vocabulary terms."""
    return text.translate(_TABLE)
