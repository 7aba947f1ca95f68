"""Language knowledge of the extractor that is not a unit: counted nouns, qualifier words,
markers of targets and forecasts, growth and decline words, shares, sectors.

Chinese entries are written in simplified characters: matching runs on the simplified view
of a text (see textnorm). Latin entries are matched case-insensitively on word boundaries.

Over 300 lines because it is data, not logic: word tables only, one per kind of word, kept in
one file so that each word has one home (the code that uses them is in scan, label_* and geo).
"""

from __future__ import annotations

LATIN = ("en", "fr", "de", "es", "pt")
CJK = ("zh", "ja")

# Counted head nouns: surface → (subject, indicator). German entries also match as the tail
# of a compound (Industrieprojekte, Fortune-500-Unternehmen).
_PROJ = ("projects", "project_count")
_ENT = ("enterprises", "enterprise_count")
_F500 = ("Fortune 500 companies", "enterprise_count")
_CR = ("countries and regions", "other")
# 市场主体: registered businesses of every form (companies, sole traders), counted as enterprises.
_MKT = ("market entities", "enterprise_count")
HEAD_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "projects": _PROJ, "project": _PROJ, "deals": ("deals", "project_count"),
        "agreements": ("deals", "project_count"), "contracts": ("deals", "project_count"),
        "enterprises": _ENT, "companies": _ENT, "firms": _ENT, "businesses": _ENT,
        "market entities": _MKT, "market players": _MKT,
        "startups": _ENT, "start-ups": _ENT, "listed companies": ("listed companies",
                                                                   "enterprise_count"),
        "platforms": ("platforms", "other"), "countries and regions": _CR,
        "countries": ("countries", "other"), "regions": ("regions", "other"),
        "institutions": ("institutions", "other"), "institutes": ("institutions", "other"),
        "universities": ("institutions", "other"), "media outlets": ("media outlets", "other"),
        "outlets": ("media outlets", "other"), "events": ("events", "other"),
        "activities": ("events", "other"), "exhibitions": ("exhibitions", "other"),
        "fairs": ("exhibitions", "other"), "patents": ("patents", "other"),
        "jobs": ("jobs", "other"), "parks": ("parks", "other"), "zones": ("zones", "other"),
        "centers": ("centers", "other"), "centres": ("centers", "other"),
        "bases": ("bases", "other"), "cities": ("cities", "other"),
        "counties": ("counties", "other"), "households": ("households", "other"),
        "factories": ("factories", "other"), "plants": ("factories", "other"),
        "stores": ("stores", "other"), "brands": ("brands", "other"),
        "products": ("products", "other"), "industries": ("industries", "other"),
        "clusters": ("clusters", "other"), "programs": ("programs", "other"),
        "programmes": ("programs", "other"), "talents": ("talents", "other"),
        "schools": ("schools", "other"), "hospitals": ("hospitals", "other"),
        "scenarios": ("application scenarios", "other"), "stations": ("stations", "other"),
        "employees": ("employees", "other"), "workers": ("employees", "other"),
        "students": ("students", "other"), "visitors": ("visitors", "other"),
        "tourists": ("visitors", "other"), "researchers": ("researchers", "other"),
    },
    "fr": {
        "entités": _MKT, "projets": _PROJ, "projet": _PROJ, "accords": ("deals", "project_count"),
        "contrats": ("deals", "project_count"), "entreprises": _ENT, "sociétés": _ENT,
        "firmes": _ENT, "plateformes": ("platforms", "other"), "pays et régions": _CR,
        "pays": ("countries", "other"), "régions": ("regions", "other"),
        "institutions": ("institutions", "other"), "instituts": ("institutions", "other"),
        "universités": ("institutions", "other"), "médias": ("media outlets", "other"),
        "événements": ("events", "other"), "activités": ("events", "other"),
        "expositions": ("exhibitions", "other"), "salons": ("exhibitions", "other"),
        "brevets": ("patents", "other"), "emplois": ("jobs", "other"),
        "salariés": ("employees", "other"), "employés": ("employees", "other"),
        "visiteurs": ("visitors", "other"), "étudiants": ("students", "other"),
        "parcs": ("parks", "other"), "zones": ("zones", "other"), "centres": ("centers", "other"),
        "bases": ("bases", "other"), "villes": ("cities", "other"),
        "ménages": ("households", "other"), "usines": ("factories", "other"),
        "magasins": ("stores", "other"), "marques": ("brands", "other"),
        "produits": ("products", "other"), "pôles": ("clusters", "other"),
        "talents": ("talents", "other"), "écoles": ("schools", "other"),
        "hôpitaux": ("hospitals", "other"),
    },
    "de": {
        "projekte": _PROJ, "projekten": _PROJ, "projekt": _PROJ,
        "vereinbarungen": ("deals", "project_count"), "verträge": ("deals", "project_count"),
        "marktteilnehmer": _MKT, "unternehmen": _ENT, "firmen": _ENT, "betriebe": _ENT,
        "konzerne": _ENT,
        "plattformen": ("platforms", "other"), "ländern und regionen": _CR,
        "länder und regionen": _CR, "ländern": ("countries", "other"),
        "länder": ("countries", "other"), "regionen": ("regions", "other"),
        "institutionen": ("institutions", "other"), "institute": ("institutions", "other"),
        "hochschulen": ("institutions", "other"), "medien": ("media outlets", "other"),
        "veranstaltungen": ("events", "other"), "aktivitäten": ("events", "other"),
        "ausstellungen": ("exhibitions", "other"), "messen": ("exhibitions", "other"),
        "patente": ("patents", "other"), "arbeitsplätze": ("jobs", "other"),
        "parks": ("parks", "other"), "zonen": ("zones", "other"), "zentren": ("centers", "other"),
        "städte": ("cities", "other"), "städten": ("cities", "other"),
        "haushalte": ("households", "other"), "fabriken": ("factories", "other"),
        "werke": ("factories", "other"), "marken": ("brands", "other"),
        "produkte": ("products", "other"), "branchen": ("industries", "other"),
        "cluster": ("clusters", "other"), "fachkräfte": ("talents", "other"),
        "schulen": ("schools", "other"), "krankenhäuser": ("hospitals", "other"),
        "abkommen": ("deals", "project_count"), "mitarbeiter": ("employees", "other"),
        "beschäftigte": ("employees", "other"), "besucher": ("visitors", "other"),
    },
    "es": {
        "proyectos": _PROJ, "acuerdos": ("deals", "project_count"),
        "contratos": ("deals", "project_count"), "empresas": _ENT, "compañías": _ENT,
        "entidades": _MKT,
        "plataformas": ("platforms", "other"), "países y regiones": _CR,
        "países": ("countries", "other"), "regiones": ("regions", "other"),
        "instituciones": ("institutions", "other"), "medios": ("media outlets", "other"),
        "eventos": ("events", "other"), "actividades": ("events", "other"),
        "exposiciones": ("exhibitions", "other"), "ferias": ("exhibitions", "other"),
        "patentes": ("patents", "other"), "empleos": ("jobs", "other"),
        "parques": ("parks", "other"), "centros": ("centers", "other"),
        "ciudades": ("cities", "other"), "hogares": ("households", "other"),
        "fábricas": ("factories", "other"), "marcas": ("brands", "other"),
        "productos": ("products", "other"), "talentos": ("talents", "other"),
        "trabajadores": ("employees", "other"), "empleados": ("employees", "other"),
        "visitantes": ("visitors", "other"),
    },
    "pt": {
        "projetos": _PROJ, "projectos": _PROJ, "acordos": ("deals", "project_count"),
        "contratos": ("deals", "project_count"), "empresas": _ENT, "companhias": _ENT,
        "entidades": _MKT,
        "plataformas": ("platforms", "other"), "países e regiões": _CR,
        "países": ("countries", "other"), "regiões": ("regions", "other"),
        "instituições": ("institutions", "other"), "veículos de mídia": ("media outlets", "other"),
        "eventos": ("events", "other"), "atividades": ("events", "other"),
        "exposições": ("exhibitions", "other"), "feiras": ("exhibitions", "other"),
        "patentes": ("patents", "other"), "empregos": ("jobs", "other"),
        "parques": ("parks", "other"), "centros": ("centers", "other"),
        "cidades": ("cities", "other"), "fábricas": ("factories", "other"),
        "marcas": ("brands", "other"), "produtos": ("products", "other"),
        "talentos": ("talents", "other"), "funcionários": ("employees", "other"),
        "trabalhadores": ("employees", "other"), "visitantes": ("visitors", "other"),
    },
    "zh": {
        "项目": _PROJ, "企业": _ENT, "公司": _ENT, "上市公司": ("listed companies",
                                                                "enterprise_count"),
        "媒体": ("media outlets", "other"), "大院大所": ("institutions", "other"),
        "院所": ("institutions", "other"), "机构": ("institutions", "other"),
        "高校": ("institutions", "other"), "平台": ("platforms", "other"),
        "国家和地区": _CR, "国家": ("countries", "other"), "行业": ("industry categories",
                                                                  "other"),
        "商品": ("goods categories", "other"), "活动": ("events", "other"),
        "展会": ("exhibitions", "other"), "专利": ("patents", "other"),
        "园区": ("parks", "other"), "基地": ("bases", "other"), "城市": ("cities", "other"),
        "工厂": ("factories", "other"), "门店": ("stores", "other"), "品牌": ("brands", "other"),
        "产品": ("products", "other"), "集群": ("clusters", "other"),
        "场景": ("application scenarios", "other"), "学校": ("schools", "other"),
        "医院": ("hospitals", "other"), "主体": ("business entities", "enterprise_count"),
    },
    "ja": {
        "プロジェクト": _PROJ, "企業": _ENT, "会社": _ENT, "メディア": ("media outlets", "other"),
        "機関": ("institutions", "other"), "プラットフォーム": ("platforms", "other"),
        "国と地域": _CR, "イベント": ("events", "other"),
    },
}
# Nouns of time: "40 years of history", "17 consecutive years" are never figures.
TIME_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("years", "year", "months", "month", "days", "day", "weeks", "week", "hours", "hour",
           "decades", "centuries", "consecutive", "straight", "successive", "th", "st", "nd",
           "rd"),
    "fr": ("ans", "an", "années", "année", "mois", "jours", "jour", "semaines", "heures",
           "décennies", "siècles", "e", "ème", "er", "consécutives", "consécutifs"),
    "de": ("jahre", "jahren", "jahr", "monate", "monaten", "tage", "tagen", "wochen",
           "stunden", "jahrzehnte", "jährige", "jährigen"),
    "es": ("años", "año", "meses", "mes", "días", "semanas", "horas", "décadas", "º", "ª"),
    "pt": ("anos", "ano", "meses", "mês", "dias", "semanas", "horas", "décadas", "º", "ª"),
}
# Chinese and Japanese counter words (the noun is counted by them), and time counters.
CJK_COUNTERS = "个家项户场类件所座台条种只款支例套处栋艘架部间张社"
CJK_TIME = ("月", "年", "日", "天", "周", "季度", "小时", "工作日", "星期", "カ月", "ヶ月", "か月",
            "時間", "周年", "世纪")

# Qualifier words before a figure (as regex fragments, the figure follows).
QUALIFIERS_BEFORE: dict[str, list[tuple[str, str]]] = {
    "en": [("more than", "gt"), ("over", "gt"), ("above", "gt"), ("exceeding", "gt"),
           ("exceeded", "gt"), ("exceeds", "gt"), ("exceed", "gt"), ("topped", "gt"),
           ("tops", "gt"), ("top", "gt"), ("in excess of", "gt"), ("upwards of", "gt"),
           ("broke through", "gt"), ("surpassed", "gt"), ("surpassing", "gt"),
           ("at least", "gte"), ("no less than", "gte"), ("not less than", "gte"),
           ("milestone of", "gte"), ("mark of", "gte"), ("up to", "lte"),
           ("no more than", "lte"), ("at most", "lte"), ("a maximum of", "lte"),
           ("less than", "lt"), ("fewer than", "lt"), ("under", "lt"), ("below", "lt"),
           ("about", "approx"), ("around", "approx"), ("nearly", "approx"),
           ("almost", "approx"), ("approximately", "approx"), ("roughly", "approx"),
           ("close to", "approx"), ("some", "approx"), ("an estimated", "approx"),
           ("approx.", "approx"), ("circa", "approx")],
    "fr": [("plus de", "gt"), ("plus d'", "gt"), ("au-delà de", "gt"), ("dépassé", "gt"),
           ("dépassant", "gt"), ("supérieur à", "gt"), ("supérieure à", "gt"),
           ("au moins", "gte"), ("le cap des", "gte"), ("le cap de", "gte"),
           ("le seuil des", "gte"), ("jusqu'à", "lte"), ("moins de", "lt"),
           ("moins d'", "lt"), ("environ", "approx"), ("près de", "approx"),
           ("près d'", "approx"), ("presque", "approx"), ("quelque", "approx"),
           ("autour de", "approx"), ("approximativement", "approx"), ("dépasser", "gt"),
           ("dépasse", "gt"), ("dépassera", "gt"), ("dépassent", "gt"),
           ("dépasseront", "gt"), ("franchi", "gt")],
    "de": [("mehr als", "gt"), ("über", "gt"), ("überschritten", "gt"), ("oberhalb von", "gt"),
           ("mindestens", "gte"), ("meilenstein von", "gte"), ("marke von", "gte"),
           ("bis zu", "lte"), ("höchstens", "lte"), ("weniger als", "lt"), ("unter", "lt"),
           ("rund", "approx"), ("etwa", "approx"), ("ca.", "approx"), ("circa", "approx"),
           ("fast", "approx"), ("knapp", "approx"), ("nahezu", "approx"),
           ("annähernd", "approx"), ("ungefähr", "approx"), ("übersteigen", "gt"),
           ("überstieg", "gt"), ("übersteigt", "gt"), ("übertraf", "gt"), ("übertreffen", "gt"),
           ("überschreiten", "gt"), ("überschreitet", "gt")],
    "es": [("más de", "gt"), ("superior a", "gt"), ("superó", "gt"), ("al menos", "gte"),
           ("como mínimo", "gte"), ("hasta", "lte"), ("menos de", "lt"),
           ("alrededor de", "approx"), ("cerca de", "approx"), ("casi", "approx"),
           ("aproximadamente", "approx"), ("unos", "approx"), ("unas", "approx"),
           ("supere", "gt"), ("supera", "gt"), ("superar", "gt"), ("superará", "gt"),
           ("superaron", "gt"), ("superen", "gt"), ("superan", "gt"), ("superaría", "gt"),
           ("sobrepasó", "gt"), ("rebasó", "gt")],
    "pt": [("mais de", "gt"), ("acima de", "gt"), ("superior a", "gt"), ("superou", "gt"),
           ("ultrapassou", "gt"), ("pelo menos", "gte"), ("no mínimo", "gte"),
           ("de até", "lte"), ("até", "lte"), ("menos de", "lt"), ("cerca de", "approx"),
           ("aproximadamente", "approx"), ("quase", "approx"), ("em torno de", "approx"),
           ("por volta de", "approx"), ("supere", "gt"), ("supera", "gt"), ("superar", "gt"),
           ("superará", "gt"), ("ultrapasse", "gt"), ("ultrapassar", "gt"),
           ("ultrapassará", "gt"), ("superem", "gt"), ("superam", "gt"),
           ("ultrapassem", "gt"), ("ultrapassam", "gt")],
    "zh": [("超过", "gt"), ("超出", "gt"), ("突破", "gt"), ("跨越", "gt"), ("跨过", "gt"),
           ("迈上", "gt"), ("逾", "gt"), ("超", "gt"),
           ("多于", "gt"), ("不低于", "gte"), ("不少于", "gte"), ("至少", "gte"),
           ("不超过", "lte"), ("最多", "lte"), ("最高", "lte"), ("不到", "lt"), ("不足", "lt"),
           ("将近", "approx"), ("接近", "approx"), ("大约", "approx"), ("约为", "approx"),
           ("约达", "approx"), ("约", "approx"), ("超过了", "gt"), ("达到了", "eq"),
           ("近", "approx")],
    "ja": [("約", "approx"), ("超", "gt"), ("最大", "lte"), ("およそ", "approx")],
}
QUALIFIERS_AFTER: dict[str, list[tuple[str, str]]] = {
    "en": [("or more", "gte"), ("or above", "gte"), ("plus", "gt")],
    "fr": [("ou plus", "gte")], "de": [("oder mehr", "gte")], "es": [("o más", "gte")],
    "pt": [("ou mais", "gte")],
    "zh": [("以上", "gte"), ("以下", "lte"), ("左右", "approx"), ("上下", "approx")],
    "ja": [("以上", "gte"), ("を上回", "gt"), ("超", "gt"), ("余り", "gt"), ("近く", "approx"),
           ("程度", "approx"), ("未満", "lt"), ("以下", "lte")],
}

# Kind markers. Forecasts anywhere in the sentence; targets in the figure's clause.
FORECAST = {
    "en": r"expected|expects|forecasts?|projected|predicted|estimated to|is likely|are likely",
    "fr": r"devrait|devraient|prévisions?|attendu|attendue|estimé à",
    "de": r"erwartet|voraussichtlich|Prognose|dürfte|dürften",
    "es": r"se espera|previsto|prevé que|pronóstico|estimado",
    "pt": r"esperado|espera-se|previsto|previsão|estimado",
    "zh": r"预计|有望|预测|预期",
    "ja": r"見込み|見通し|予想",
}
TARGET = {
    "en": r"will|shall|plans? to|planned|aims? to|aiming to|eyes to|eyes|seeks? to|strives? to|"
          r"targets?|goal|is set to|are set to|intends? to|commit(?:s|ted)? to",
    "fr": r"prévoit|prévoient|vise|visent|objectif|va|vont|sera|seront|aura|auront|fera|"
          r"feront|\w{4,}(?:ra|ront)",
    "de": r"wird|werden|plant|planen|soll|sollen|Ziel|anstreben|will|wollen",
    "es": r"prevé|planea|objetivo|meta|pretende|va a|van a|\w{2,}(?:rá|rán)",
    "pt": r"planeja|pretende|meta|objetivo|vai|vão|espera|visa|\w{2,}(?:rá|rão)",
    "zh": r"将|计划|目标|力争|争取|拟|规划|预期目标|确保",
    "ja": r"目指|予定|目標|計画し|計画では|方針",
}
# "Under the action plan, ..." governs the whole sentence.
PLAN_LEAD = {
    "en": r"^(?:under|according to|in line with|as per|per)\s+(?:the|this|its)\b[^,]{0,60}"
          r"\bplan\b",
    "fr": r"^(?:dans le cadre d[eu]|selon|conformément à)\b[^,]{0,60}\bplan\b",
    "de": r"^(?:im rahmen|gemäß|laut|nach)\b[^,]{0,60}plans?\b",
    "es": r"^(?:según|de acuerdo con|en el marco de)\b[^,]{0,60}\bplan\b",
    "pt": r"^(?:de acordo com|segundo|no âmbito d[oa])\b[^,]{0,60}\bplano\b",
    "zh": r"(?:计划|规划|方案)(?:提出|明确|要求)",
    "ja": r"計画に基づき",
}
GROWTH = {
    "en": r"grow|grew|grown|growing|growth|increase|increased|increases|rise|rose|risen|up|"
          r"jumped|jump|spiked|surged|soared|climbed|expanded|expand|expands|expanding|grows|rises|"
          r"gained|year-on-year|yoy|y-o-y",
    "fr": r"hausse|augmentation|augmenté|progressé|progression|croissance|crû|accru",
    "de": r"Wachstum|Zuwachs|gestiegen|stieg|stiegen|steigt|steigen|wuchs|wuchsen|wächst|"
          r"gewachsen|Anstieg|Plus|erhöht|erhöhte|zugelegt|legte|legten|steigerte|steigerten",
    "es": r"crecimiento|creció|crecieron|crece|aumento|aumentó|aumentaron|subió|subieron|alza|"
          r"incremento",
    "pt": r"crescimento|cresceu|cresceram|cresce|aumento|aumentou|aumentaram|alta|subiu|"
          r"subiram|incremento",
    "zh": r"增长|增加|上涨|提高|提升|上升|增速|增幅|涨幅|扩大|同比|比上年",
    "ja": r"増加|伸び|上昇|成長|増",
}
DECLINE = {
    "en": r"fell|fall|fallen|falling|drop|dropped|decline|declined|decrease|decreased|down|"
          r"dipped|shrank|contracted|cut|cutting|reduced|reduce|reducing|reduction|lowered|"
          r"slid|slumped|plunged|slipped|slipping|eased|retreated|sank|shrinking|declining|"
          r"decreasing",
    "fr": r"baisse|recul|reculé|diminution|diminué|chute|chuté|réduction|réduit|réduire|"
          r"baissé|reculent|diminuent|chutent",
    "de": r"Rückgang|gesunken|sank|sanken|sinkt|sinken|gefallen|fiel|fielen|fällt|Minus|"
          r"verringert|verringerte|verringerten|reduziert|reduzierte|gesenkt|senkte|"
          r"zurückgegangen|ging|gingen|schrumpfte|schrumpften|geschrumpft",
    "es": r"caída|cayó|cayeron|cae|disminuyó|disminuyeron|descenso|bajó|bajaron|reducción|"
          r"redujo|redujeron|reducir|retrocedió",
    "pt": r"queda|caiu|caíram|cai|diminuiu|diminuíram|recuo|recuou|recuaram|redução|reduziu|"
          r"reduziram|reduzir",
    "zh": r"下降|降低|减少|回落|下滑|负增长|缩小|收窄|下跌",
    "ja": r"減少|低下|下落|減",
}
# Words after a rate that make it a fall when nothing before it says which way it went.
DECLINE_AFTER = {
    "en": r"less|lower|fewer|down|below",
    "fr": r"de moins|moins|en moins|en baisse|inférieur",
    "de": r"weniger|niedriger|zurückgegangen|zurückgingen|zurückging|gesunken|sanken|sank|"
          r"gefallen|fielen|fiel|geschrumpft|schrumpfte|schrumpften|verringert|abgenommen|"
          r"nahmen ab|nahm ab|gingen zurück|ging zurück|im Minus",
    "es": r"menos|inferior|por debajo",
    "pt": r"a menos|menos|inferior|abaixo",
}
# Relative time words: a figure so dated takes the document's year (LABELS.md), not a period
# carried over from an earlier sentence.
RELATIVE_NOW = (r"currently|at present|presently|so far|to date|up to now|now|in recent years|"
                r"actuellement|à ce jour|jusqu'à présent|désormais|inzwischen|derzeit|mittlerweile|"
                r"bislang|bisher|aktuell|actualmente|hasta ahora|hasta la fecha|atualmente|"
                r"até agora|até o momento")
RELATIVE_NOW_CJK = r"目前|当前|现有|迄今|至今|現在|これまで"
SHARE = {
    "en": r"share|accounts? for|accounted for|accounting for|proportion|of the country's|"
          r"of the nation's|of the total|of China's",
    "fr": r"part|représente|représentant|représentait|a représenté|proportion|du total|du pays",
    "de": r"Anteil|Anteils|des Landes|der gesamten|entfielen auf|entfiel auf",
    "es": r"participación|representa|representó|representaron|supuso|cuota|del país|del total|"
          r"correspondió a|corresponde a",
    "pt": r"participação|representa|representou|parcela|do país|do total|respondeu por|"
          r"responde por|responderam por|correspondeu a|corresponde a",
    "zh": r"占|比重|占比|份额",
    "ja": r"占め|割合|シェア",
}
# Sectors: surface (lowercase for Latin) → English label.
SECTORS: dict[str, str] = {
    "metaverse": "metaverse", "métavers": "metaverse", "metaverso": "metaverse",
    "元宇宙": "metaverse", "メタバース": "metaverse",
    "above designated size": "industry above designated size",
    "de taille supérieure": "industry above designated size",
    "ab einer bestimmten größe": "industry above designated size",
    "acima do tamanho designado": "industry above designated size",
    "规上工业": "industry above designated size", "规模以上工业": "industry above designated size",
    "primary industry": "primary industry", "secondary industry": "secondary industry",
    "tertiary industry": "tertiary industry", "service sector": "tertiary industry",
    "secteur tertiaire": "tertiary industry", "tertiärer sektor": "tertiary industry",
    "secteur des services": "tertiary industry", "dienstleistungssektor": "tertiary industry",
    "tertiären sektors": "tertiary industry", "tertiäre sektor": "tertiary industry",
    "sector terciario": "tertiary industry", "sector servicios": "tertiary industry",
    "setor terciário": "tertiary industry", "setor de serviços": "tertiary industry",
    "secteur secondaire": "secondary industry", "sector secundario": "secondary industry",
    "setor secundário": "secondary industry", "sekundärer sektor": "secondary industry",
    "secteur primaire": "primary industry", "sector primario": "primary industry",
    "setor primário": "primary industry", "primärer sektor": "primary industry",
    "économie numérique": "digital economy", "digitale wirtschaft": "digital economy",
    "digitalwirtschaft": "digital economy", "economía digital": "digital economy",
    "economia digital": "digital economy",
    "第一产业": "primary industry", "第二产业": "secondary industry",
    "第三产业": "tertiary industry", "民营经济": "private economy",
    "private economy": "private economy", "新能源汽车": "new energy vehicles",
    "new energy vehicles": "new energy vehicles", "véhicules à énergie nouvelle":
    "new energy vehicles", "emerging industry": "emerging industries",
    "emerging industries": "emerging industries", "industrie émergente": "emerging industries",
    "industries émergentes": "emerging industries", "aufstrebende": "emerging industries",
    "aufstrebenden industrien": "emerging industries", "setores emergentes": "emerging industries",
    "新兴产业": "emerging industries", "industrial innovation clusters":
    "industrial innovation clusters", "pôles d'innovation industrielle":
    "industrial innovation clusters", "innovationscluster": "industrial innovation clusters",
    "产业创新集群": "industrial innovation clusters", "展会": "exhibitions",
    "exhibitions": "exhibitions", "贷款": "bank loans", "loans": "bank loans",
    "用电量": "industrial electricity use", "制造业": "manufacturing",
    "manufacturing": "manufacturing", "工业投资": "industry", "工业企业": "industry",
    "零售": "retail", "alternative energy": "alternative energy",
    "semiconductor": "semiconductors", "3d printing": "3D printing equipment",
    "software": "information transmission, software and IT services",
    "消费价格": "consumer prices", "consumer prices": "consumer prices",
    "digital economy": "digital economy", "数字经济": "digital economy",
    "tourism": "tourism", "旅游": "tourism", "biomedicine": "biomedicine",
    "生物医药": "biomedicine",
    "integrated circuits": "integrated circuits", "集成电路": "integrated circuits",
    "artificial intelligence": "artificial intelligence", "人工智能": "artificial intelligence",
}
# Place words that are not in places.csv: the world (figure has no geo) and generic mentions.
GLOBAL_WORDS = r"全球|全世界|worldwide|globally|across the world|dans le monde|weltweit|mundial"
# Words of names: a number right after one of these is part of a name, never a figure.
NAME_BEFORE = {
    "en": r"Fortune|Line|Top|top|No\.|Number|Phase|Level|Grade|Route|Gate|Terminal|Industry|"
          r"Room|Building|Hall|Article|Section|Chapter|Version|Series|G|COVID-",
    "fr": r"Fortune|ligne|Ligne|Top|top|n°|N°|phase|Phase|article|Article",
    "de": r"Fortune|Linie|Top|Nr\.|Phase|Artikel|Industrie",
    "es": r"Fortune|línea|Línea|Top|núm\.|nº|fase|artículo",
    "pt": r"Fortune|linha|Linha|Top|nº|fase|artigo",
}
# Names of China and the delta not among a place's own aliases (other languages' exonyms).
EXONYMS: dict[str, tuple[str, ...]] = {
    "CN": ("Chine", "Chinas", "全国", "中国"),
    "YRD": ("Yangtze River Delta", "delta du fleuve Yangtze", "delta du Yangtsé",
            "Jangtse-Delta", "Jangtse-Deltas", "Jangtsedelta", "Delta do Rio Yangtze",
            "delta del río Yangtsé", "長江デルタ", "长江三角洲"),
}
