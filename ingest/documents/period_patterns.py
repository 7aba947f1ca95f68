"""The period phrases of each language as regular expressions, with their kinds (`in`,
`by`, `months_y`, `fyp` …) and the cheap trigger words that let a text skip a pattern.
Data more than logic: periods.py turns a match into a Mention. Split from periods.py."""

from __future__ import annotations

import regex

YEAR = r"((?:19|20)\d\d)"
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# "of this year" and its kin close a relative period phrase ("the first five months of ...").
_THIS = {"en": "this year|the year", "fr": "cette année|l'année en cours",
         "de": "dieses Jahres|des laufenden Jahres", "es": "este año|el año",
         "pt": "este ano|o ano"}
_NUMWORD = r"(\d{1,2}|[a-zà-ÿ]+)"


_ORD_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_LATIN: list[tuple[str, str]] = [
    (r"\b(1\d)(?:th|e|ème|\.|º|°)?\s+(?:Five-Year Plan|plan quinquennal|Fünfjahresplans?|"
     r"Plano Quinquenal|Plan Quinquenal)", "fyp"),
    (r"since the (?:beginning|start) of (?:this|the) year|so far this year|year to date|"
     r"depuis le début de (?:l'année|cette année)|seit (?:Anfang|Beginn) (?:dieses|des) Jahres|"
     r"desde (?:o início do ano|el (?:inicio|comienzo) del año|principios de año|o começo do ano)",
     "ytd"),
    (rf"\bfirst {_NUMWORD} months(?: of (?:{YEAR}|{_THIS['en']}))?", "months"),
    (rf"\b{_NUMWORD} premiers mois(?: de (?:l'année )?(?:{YEAR}|{_THIS['fr']}))?", "months"),
    (rf"\bersten {_NUMWORD} Monaten?(?: (?:des Jahres )?(?:{YEAR}|{_THIS['de']}))?", "months"),
    (rf"\bprimeros {_NUMWORD} meses(?: de(?:l año)? (?:{YEAR}|{_THIS['es']}))?", "months"),
    (rf"\bprimeiros {_NUMWORD} meses(?: de (?:{YEAR}|{_THIS['pt']}))?", "months"),
    # "from January to November 2023", "De enero a noviembre de 2023", "January-November"
    (rf"\b(?:from\s+|de\s+|von\s+|entre\s+)?({_MONTH_ALT})\s*(?:to|through|until|-|–|à|a|"
     rf"bis|y|e|and|et|und)\s*({_MONTH_ALT})(?:,?\s+(?:de\s+|of\s+)?{YEAR})?\b", "mspan"),
    (rf"\b(first|second) half(?: of (?:{YEAR}|{_THIS['en']}))?|"
     rf"\b(premier|second) semestre(?: {YEAR})?|"
     rf"\b(ersten|zweiten) Halbjahr(?: {YEAR})?|"
     rf"\b(primer|segundo|primeiro) semestre(?: de {YEAR})?",
     "half"),
    (rf"\b(first|second|third|fourth) quarter(?: of {YEAR})?", "quarter"),
    (rf"\bfirst three quarters(?: of {YEAR})?|trois premiers trimestres(?: {YEAR})?|"
     rf"ersten drei Quartalen(?: {YEAR})?", "q3"),
    # \b first: the cheap test fails at most positions before the lookbehinds run
    (rf"\b(?<!\d\.?\s)(?<!\d\s(?:de|del)\s)({_MONTH_ALT})\s+(?:de\s+)?{YEAR}\b", "month"),
    (rf"\b(?:from|between|de|von|entre|für die Jahre)\s+{YEAR}\s*(?:to|and|à|a|bis|e|y|-|–)\s*"
     rf"{YEAR}\b", "span"),
    (rf"\b(?:during|over|in|for the period|période|période de|período|period)\s+{YEAR}\s*[-–]\s*"
     rf"{YEAR}\b", "span"),
    (rf"\b(?:by(?: the end of)?|d'ici(?: à| la fin de)?|à l'horizon|bis(?: zum Jahr| Ende)?|"
     rf"para(?: el año)?|hasta|de aquí a|até(?: o final de)?)\s+{YEAR}\b(?!\s*[-–])", "by"),
    (rf"\b(?:in|during|throughout|for|of|in the year|at the end of|end of|year-end|en|"
     rf"de l'année|au cours de|fin|im Jahr|im Jahre|Ende|durante|en el año|em|no ano de|"
     rf"fim de|a finales de)\s+{YEAR}\b(?!\s*[-–/]\s*\d)", "in"),
    (rf"\b{YEAR}'s\b", "in"),
    (rf"(?:^|(?<=\n)|(?<=[.!?]\s))(?:In\s+|En\s+|Em\s+|Im Jahr\s+)?{YEAR}(?=,|\s+\p{{Ll}})", "in"),
    # A year standing alone next to a verb ("stieg 2023 um 6 Prozent", "grew 5% in 2023's ..."):
    # a time reference. Last, so every richer pattern above claims its years first.
    (rf"(?<![\d.,/\p{{L}}-]){YEAR}(?![\d\p{{L}}%])(?!\s*[-–/]\s*\d)(?![.,]\d)", "bare"),
    (r"\b(?:this year|cette année|dieses Jahr(?:es)?|este año|este ano)\b", "this"),
    (r"(?<!(?:over|than|from|with|to|à|de|que|als|gegenüber|sobre|com|a)\s)\b(?:last year|"
     r"l'année dernière|l'an dernier|im vergangenen Jahr|letztes Jahr|el año pasado|"
     r"no ano passado)\b", "last"),
]
# Words one of which a pattern needs; a text without them skips that pattern's scan.
TRIGGERS = {
    "fyp": ("plan", "quinquen", "fünfjahres"), "ytd": ("since", "so far", "to date", "depuis",
                                                       "seit", "desde"),
    "months": ("month", "mois", "monat", "meses"), "half": ("half", "semestre", "halbjahr"),
    "mspan": ("january", "janvier", "januar", "enero", "janeiro", "february", "février",
              "februar", "febrero", "fevereiro", "march", "mars", "märz", "marzo", "março",
              "april", "avril", "abril", "may", "mai", "mayo", "maio", "june", "juin", "juni",
              "junio", "junho", "july", "juillet", "juli", "julio", "julho"),
    "quarter": ("quarter",), "q3": ("quarters", "trimestres", "quartalen"),
    "this": ("this year", "cette année", "dieses jahr", "este año", "este ano"),
    "last": ("last year", "dernière", "dernier", "vergangenen", "letztes", "pasado", "passado"),
}
LATIN_RE = [(regex.compile(p, regex.I if k != "in" or "^" not in p else 0), k)
             for p, k in _LATIN]

_CN_NUM = r"[\d一二三四五六七八九十]{1,3}"
_CJK: list[tuple[str, str]] = [
    (r"十[四五六三]五", "fyp_cn"),
    (r"今年以来|年初以来|今年前", "ytd"),
    (rf"{YEAR}\s*[-—–~至到]\s*{YEAR}\s*年", "span"),
    (rf"(?:到|(?<!截)至|力争到|争取到){YEAR}\s*年(?:底|末)?|{YEAR}\s*年までに", "by"),
    (rf"{YEAR}\s*年\s*(?:1|一)\s*[-—–~至到]\s*({_CN_NUM})\s*月", "months_y"),
    (rf"{YEAR}\s*年\s*前\s*({_CN_NUM})\s*(?:个|か|ヶ|カ)?月", "months_y"),
    (rf"(?<!\d)(?:1|一)\s*[-—–~至到]\s*({_CN_NUM})\s*月|前\s*({_CN_NUM})\s*(?:个|か|ヶ|カ)?月",
     "months"),
    (rf"{YEAR}\s*年\s*(上|下)半年", "half_y"),
    (r"(上|下)半年", "half"),
    (rf"{YEAR}\s*年\s*前三季度|{YEAR}\s*年\s*1-9月", "q3_y"),
    (r"前三季度", "q3"),
    (rf"{YEAR}\s*年\s*(?:第)?([一二三四1-4])季度", "quarter_y"),
    (r"(?<![前\d])(?:第)?([一二三四])季度", "quarter"),
    (rf"{YEAR}\s*年\s*(\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*日)", "month"),
    (rf"{YEAR}\s*年(?!\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)", "in"),
    (r"(?<![比较同于与为是])去年(?!同期|的)", "last"),
    (r"全年", "fullyear"),
    (r"今年", "this"),
]
CJK_RE = [(regex.compile(p), k) for p, k in _CJK]
