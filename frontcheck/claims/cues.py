"""The words that make a sentence a claim: territorial verbs, attribution, denial, negation,
presence, and the phrases that make a place a reference point rather than the claim's place.

Each list covers English, Russian and Ukrainian, by word stems so that case and tense forms
("освобождён", "освободили", "освобождение"; "звільнено", "звільнили") need no table each.
The order of ``ACTION_PATTERNS`` is the order of precedence where two overlap: "отбили
атаку" is ``repelled`` before "отбили" can be ``recaptured``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Cue", "WordPattern", "find_actions", "lowered", "find_cues", "ATTRIBUTION", "DENIAL", "NEGATION",
           "HEDGE", "CLAIM_NOUN", "IRREALIS", "FIRE_CONTROL",
           "PRESENCE", "CASUALTY", "REFERENCE_BEFORE", "ATTEMPT", "QUESTION_TURN",
           "ANSWER_TURN", "AXIS_WORDS", "FIRST_PERSON", "THIRD_PERSON", "PASSIVE_AGENT"]

_F = re.IGNORECASE


class WordPattern:
    """Whole words from a list, matched without regard to case: scanned over the text in
    lower case with a case-sensitive twin, which lets the engine skip ahead on first
    letters (several times faster than IGNORECASE); the IGNORECASE pattern is used only
    when lower-casing would move offsets (a few letters such as "İ" become two)."""

    __slots__ = ("any_case", "lower")

    def __init__(self, pattern: str) -> None:
        self.lower = re.compile(pattern)
        self.any_case = re.compile(pattern, _F)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = text.lower()
        return (self.lower, low) if len(low) == len(text) else (self.any_case, text)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int | None = None) -> Iterator[re.Match[str]]:
        pattern, subject = self._pick(text)
        return pattern.finditer(subject, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self._pick(text)
        return pattern.search(subject, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self._pick(text)
        return pattern.match(subject, pos, len(text) if endpos is None else endpos)


def _rx(*parts: str) -> WordPattern:
    return WordPattern(_words(*parts))


def _words(*parts: str) -> str:
    return r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w])"


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str
    origin: str = ""     # "lexicon" for a cue of ``lexicon_cues`` (named in the claim's fields)


_ATTACK_NOUN = r"(?:атак\w*|штурм\w*|наступ\w*|попыт\w*|спроб\w*|контратак\w*|контрнаступ\w*)"
ACTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("repelled", _words(
        r"repel\w*", r"repuls\w+", r"beat(?:en)?\s+back", r"fought\s+off", r"thwart\w*",
        r"foil\w*", r"stopped\s+(?:an?|the|\d+|\w+)\s+(?:\w+\s+)?(?:attacks?|assaults?)",
        r"(?:blocked|halted|stopped|stalled)\s+(?:\w+\s+){0,3}(?:attacks?|assaults?|advances?|offensive|push|breakthrough)",
        r"останови\w*\s+(?:\w+\s+){0,2}(?:продвижени\w*|наступлени\w*)",
        r"зупини\w*\s+(?:\w+\s+){0,2}(?:просуванн\w*|наступ\w*)",
        r"(?:drove|driven|pushed|threw|thrown)\s+(?:\w+\s+){1,3}back(?=\s+(?:from|at|near|towards?))",
        r"отрази\w*", r"отраж\w+", r"отбил\w*\s+(?:[\w'’ʼ]+\s+){0,2}" + _ATTACK_NOUN, r"отбит[ыао]\w*",
        r"отбива\w+", r"сорвал\w*", r"пресек\w*", r"пресекл\w*",
        r"останови\w*\s+(?:[\w'’ʼ]+\s+){0,2}" + _ATTACK_NOUN,
        r"відби\w*\s+(?:[\w'’ʼ]+\s+){0,2}" + _ATTACK_NOUN, r"відбит(?!и(?![\w]))\w*",
        r"відбива\w+", r"зупини\w*\s+(?:[\w'’ʼ]+\s+){0,2}" + _ATTACK_NOUN,
        r"відкину\w+", r"зірва\w+", r"відсіч\w*")),
    ("recaptured", _words(
        r"recaptur\w+", r"retook", r"retak\w+", r"regain\w*(?:\s+(?:full\s+)?control\s+(?:of|over))?",
        r"won\s+back", r"took\s+back", r"reclaim\w*", r"push\w*\s+(?:\w+\s+){1,3}out\s+of",
        r"drove\s+(?:\w+\s+){1,3}out\s+of", r"kick\w*\s+(?:\w+\s+){1,3}out\s+of", r"expell\w+\s+(?:\w+\s+){0,3}from",
        r"clear\w*\s+(?:\w+\s+){1,4}(?:from|out\s+of)",
        r"зачистил\w*\s+(?:[\w'’ʼ-]+\s+){1,3}(?:от|від)(?=\s)", r"очистил\w*\s+(?:[\w'’ʼ-]+\s+){1,3}(?:от|від)(?=\s)",
        r"отбил\w*", r"отбить", r"вернул\w*\s+(?:под\s+(?:свой\s+|полный\s+)?)?контрол\w*", r"восстанови\w*\s+контрол\w*",
        r"вновь\s+(?:взял|занял|освободил)\w*", r"выбил\w*", r"вытесни\w*",
        r"відбил\w*", r"відбити", r"повернул\w*\s+(?:під\s+(?:свій\s+|повний\s+)?)?контрол\w*", r"відновил\w*\s+контрол\w*",
        r"знову\s+(?:зайнял|звільнил)\w*", r"вибил\w*", r"витісни\w*")),
    ("withdrew", _words(
        r"(?:were|was|been|being|got)\s+(?:pushed|driven|forced|kicked|knocked|thrown)\s+"
        r"(?:back\s+)?out\s+of", r"(?:were|was|been|being)\s+expelled\s+from",
        r"withdr[ae]w\w*", r"pull\w*\s+(?:back|out)", r"retreat\w*", r"fell\s+back",
        r"abandon\w*", r"pushed\s+back", r"forced\s+out",
        r"выбиты?\s+из", r"отош\w+", r"отступ\w*", r"отвод\w*", r"отвест\w*", r"отвел\w*", r"отведен\w*",
        r"вышл\w*\s+из", r"выход\w*\s+из", r"оставил\w*", r"покинул\w*", r"отход\w*",
        r"вибит[іаи]?\s+(?:з|із)", r"відійш\w+", r"відступ\w*", r"відвед\w*", r"відвел\w*", r"вийшл\w*\s+(?:з|із)",
        r"вихід\w*\s+(?:з|із)", r"залишил\w*", r"покинул\w*", r"відхід\w*",
        r"вывод\w*\s+(?:\w+\s+){0,3}из", r"вывест\w*\s+(?:\w+\s+){0,3}из",
        r"вывел\w*\s+(?:\w+\s+){0,4}из", r"виведенн\w*\s+(?:\w+\s+){0,3}(?:з|із)",
        r"вивест\w*\s+(?:\w+\s+){0,3}(?:з|із)", r"вивел\w*\s+(?:\w+\s+){0,4}(?:з|із)")),
    ("liberated", _words(
        r"liberat\w+", r"de-?occup\w+", r"freed",
        r"освобод\w*", r"освобожд\w*",
        r"звільн\w*", r"деокупова\w*", r"визволи\w*", r"визволен\w*", r"деоккупир\w*",
        r"деоккупаци\w*", r"деокупу\w*", r"деокупаці\w*")),
    ("captured", _words(
        r"captur\w+", r"seiz\w+", r"(?:took|taken|take|takes|taking)\s+(?:full\s+)?control\s+(?:of|over)",
        r"gain\w*\s+(?:full\s+)?control\s+(?:of|over)", r"occupied", r"overr[au]n",
        r"(?:has|have|had)\s+fallen", r"fell(?=\s+to\b)",
        r"(?:took|taken|take|takes|taking)(?=\s+(?:the\s+)?(?:villages?|towns?|city|settlements?|hamlet))",
        r"(?:has|have|had)\s+taken(?!\s+(?:part|prisoners?|captives?|losses|casualties|place|positions|up))",
        r"захват\w*", r"захвач\w*", r"занял\w*", r"занят[аоы]?", r"взял\w*+(?!\s+(?:в|у)\s+(?:плен|полон))(?:\s+под\s+(?:полный\s+)?контроль)?",
        r"взят\w*(?!\s+в\s+плен)", r"взяти\w*(?!\s+(?:в|у)\s+(?:плен|полон))", r"овладе\w*", r"установил\w*\s+(?:полный\s+)?контрол\w*",
        r"оккупир\w*", r"зачистил\w*", r"падени\w*",
        r"захопил\w*", r"захопле\w*", r"захопи\w*", r"зайнял\w*", r"зайнят\w*", r"окупува\w*",
        r"окупова\w*", r"окупував", r"встановил\w*\s+(?:повний\s+)?контрол\w*",
        r"взял\w*\s+під\s+(?:повний\s+)?контроль", r"падінн\w*", r"cleared", r"зачищен\w*",
        r"(?:full|complete|total)\s+control\s+(?:of|over)",
        r"(?:went|came|passed|fell)\s+under\s+(?:\w+\s+){0,2}control",
        r"took\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:villages?|towns?|city|settlements?|hamlets?)\s+of",
        r"переш(?:ел|ёл|л[аио])\s+под\s+(?:\w+\s+)?контроль", r"переход\w*\s+(?:\w+\s+){0,3}под\s+контроль",
        r"перейш\w*\s+під\s+(?:\w+\s+)?контроль", r"перех\w*\s+(?:\w+\s+){0,3}під\s+контроль",
        r"оккупаци(?:ю|и|я)", r"окупаці(?:ю|ї|я)",
        r"under\s+(?:full\s+|complete\s+)?(?:russian|ukrainian)\s+control",
        r"under\s+the\s+(?:full\s+)?control\s+of", r"controll?(?:ing|s)",
        r"(?:under|in)\s+(?:\w+\s+)?occupation", r"hold\w*(?=\s+(?:the\s+)?(?:\w+\s+)?(?:parts?|sector|half|"
        r"district|outskirts|quarters?)\s+of)",
        r"контролиру\w*", r"контролю(?:ють|ють|є|вали|вав)", r"под\s+(?:своим\s+)?контролем",
        r"під\s+(?:своїм\s+)?контролем", r"утрат\w*(?=\s+[А-ЯЁІЇЄҐ])",
        r"втрат[аиіу](?=\s+[А-ЯЁІЇЄҐ])")),
    ("advanced", _words(
        r"advanc\w+", r"made\s+(?:(?:small|minor|tactical|significant|marginal|confirmed|further)\s+)?"
        r"(?:gains|advances)", r"gain\w*\s+ground", r"pushed\s+(?:forward|into|toward)",
        r"moved\s+(?:forward|into)", r"penetrat\w+", r"br(?:oke|oken)\s+(?:through|into)",
        r"infiltrat\w+", r"entered", r"dug\s+in",
        r"reach(?:ed|es|ing)\s+(?:the\s+)?(?:\w+\s+)?(?:outskirts|edge|approaches|cent(?:re|er))", r"digging\s+in", r"entrench\w*",
        r"mov(?:e|es|ing)\s+(?:forward|into)", r"gain\w*\s+(?:a\s+)?foothold",
        r"закрепил\w*", r"закрепля\w*", r"закріпил\w*", r"закріплю\w*", r"enter(?:s|ing)?", r"crossed\s+into", r"burst\s+into",
        r"продвину\w*", r"продвига\w*", r"продвижени\w*", r"вклини\w*", r"прорва\w*",
        r"прорыв\w*", r"зашл\w*\s+(?:в|во|на|внутрь)", r"вошл\w*\s+(?:в|во|на|внутрь)",
        r"вышл\w*\s+(?:к|на)", r"зайти\s+(?:в|во|внутрь)", r"войти\s+(?:в|во|внутрь)",
        r"зайти\s+(?:у|в|всередину)", r"увійти\s+(?:у|в|до|всередину)",
        r"улучшил\w*\s+(?:тактическое\s+)?положени\w*", r"просочил\w*", r"ворвал\w*",
        r"вторгл\w*",
        r"просуну\w*", r"просува\w*", r"просуванн\w*", r"вклинил\w*", r"прорвал\w*",
        r"прорив\w*", r"зайшл\w*\s+(?:в|у|до|на)", r"увійшл\w*\s+(?:в|у|до)",
        r"вийшл\w*\s+(?:до|на)", r"покращил\w*\s+(?:тактичне\s+)?положенн\w*",
        r"інфільтрува\w*", r"увірвал\w*", r"вдерл\w*", r"approach(?:ed|ing)",
        r"улучшил\w*\s+(?:свои\s+)?позици\w*", r"покращил\w*\s+(?:свої\s+)?позиці\w*",
        r"движени\w*\s+по\s+улицам", r"рух\w*\s+вулицями", r"заход\w*\s+(?:в|во|на)(?=\s)",
        r"захід\s+(?:\w+\s+)?(?:у|в)(?=\s)", r"успіх\w*", r"успех\w*", r"success(?:es)?",
        r"подош(?:ел|ёл|л[аи])\s+(?:к|вплотную\s+к)", r"підійш(?:ов|л[аи])\s+(?:до|впритул\s+до)")),
    ("fighting_in", _words(
        r"fight\w*", r"battl(?!efield)\w+", r"clash\w*", r"combat(?!\s+(?:vehicles?|training|experience))",
        r"assault\w*", r"storm(?:ed|ing|s)?", r"attack\w*", r"counterattack\w*",
        r"counter-attack\w*", r"offensive\s+(?:actions?|operations?)", r"engagements?",
        r"clearing", r"бо(?:й|и|я|ях|ям|ями|ю|ем)", r"боёв", r"боев", r"боестолкновени\w*",
        r"штурм(?:а|у|ом|е|ы|ов|ами|ах|ів)?", r"штурму\w+", r"штурмова(?:л|ть)\w*",
        r"(?:\w+-)?штурмов\w+\s+(?:ді(?:ї|й|ям|ями|ях)(?!\w)|действи\w*)", r"атак\w*", r"контратак\w*", r"добива\w+",
        # "контрударні дії", "пошуково-ударні дії", "наступательные действия": a fight
        r"(?:контр|пошуково\s*-\s*)?ударн\w+\s+(?:ді(?:ї|й|ям|ями|ях)(?!\w)|действи\w*)",
        r"наступательн\w+\s+действи\w*", r"вичища\w+", r"вычища\w+",
        r"боев\w+\s+действи\w*", r"уничтожени\w+", r"знищенн\w+",
        r"бій", r"бо(?:ї|їв|ях|ями|ю)", r"боєзіткненн\w*", r"бойов\w+\s+(?:ді\w+|зіткнен\w+)",
        r"наступальн\w*", r"штурмува\w*", r"зачистк\w*", r"наступ(?=\s+на\s)",
        r"main\s+efforts", r"defensive\s+operations", r"surg\w+\s+towards?", r"(?:completely\s+|fully\s+)?(?:surrounded|encircled)",
        r"окружен[аоы]?", r"оточен[іаоий]?", r"окружа(?:ет|ют|я)", r"оточу(?:є|ють|ючи)",
        r"наступа\w+")),
)
# one scan per sentence: alternative i is action i; at one position the earlier wins.
# Scanned over the lower-cased text without IGNORECASE, which lets the engine skip ahead
# on the words' first letters (several times faster); IGNORECASE only when lower-casing
# would move offsets (a few letters such as "İ" lower-case to two characters).
_ACTION_BODY = "|".join(f"(?P<{action}>{pattern})" for action, pattern in ACTION_PATTERNS)
_ACTIONS = re.compile(_ACTION_BODY)
_ACTIONS_ANY_CASE = re.compile(_ACTION_BODY, _F)


def lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset, else None."""
    low = text.lower()
    return low if len(low) == len(text) else None
#: An attempt ("tried to advance", "пытался продвинуться") is fighting, not the action.
ATTEMPT = _rx(r"tr(?:y|ied|ying)\s+(?:(?:for|in|again|hard)\s+(?:\w+\s+)?)?to",
              r"(?:has|have)\s+been\s+trying\s+(?:for\s+\w+\s+)?to",
              r"attempt\w*\s+to", r"sought\s+to",
              r"пыта\w+", r"попытк\w*", r"намага\w+", r"спроб\w+", r"намагалис\w*",
              # "роблять все можливе, щоб прорватися": trying hard
              r"(?:роб\w+|дела\w+)\s+вс[её]\s+(?:можливе|возможное),?\s+(?:щоб|чтобы)")
#: An attribution: the sentence reports what someone says.
ATTRIBUTION = _rx(
    r"said", r"says", r"say", r"saying", r"claim\w*", r"report\w*", r"announc\w+", r"stated?",
    r"according\s+to", r"told", r"tells", r"wrote", r"confirm\w*", r"acknowledg\w*", r"added",
    r"insist\w*", r"estimat\w*", r"assess\w*", r"noted",
    r"по\s+данным", r"по\s+словам", r"по\s+информации", r"по\s+оценк\w+", r"сообщ\w+",
    r"заяви\w*", r"заявля\w*", r"утвержда\w*", r"подтверди\w*", r"объяви\w*",
    r"рассказа\w*", r"доложи\w*", r"признал\w*", r"пишут", r"пишет", r"отметил\w*", r"отмеча\w*",
    r"за\s+даними", r"за\s+словами", r"за\s+інформацією", r"за\s+оцінками", r"повідоми\w*",
    r"повідомля\w*", r"заяви\w*", r"заявля\w*", r"стверджу\w*", r"підтверди\w*",
    r"розпові\w*", r"доповів", r"доповіл\w*", r"визнал\w*", r"визна\w*", r"пишуть",
    r"зазначи\w*", r"оголоси\w*",
    # the other verbs of saying after a quote: "declared", "уточнил", "написала", "сказав"
    r"declared", r"posted", r"explained", r"specified", r"сказал\w*", r"сказав",
    r"уточни\w*", r"написал\w*", r"написав", r"поясни\w*", r"добавил", r"добавила",
    r"добавили", r"додав", r"додала", r"додали", r":(?=\s)")
#: A denial: the claim that follows is asserted not to be true.
DENIAL = _rx(
    r"deni\w+", r"deny\w*", r"refut\w+", r"reject\w*", r"dismiss\w*", r"false",
    r"fake", r"not\s+true", r"untrue",
    # "it is incorrect to talk about the complete capture of X", "некорректно говорить о"
    r"(?:incorrect|wrong|premature)\s+to\s+(?:talk|speak)\s+(?:about|of)",
    r"(?:некорректно|рано|преждевременно)\s+говорить\s+(?:о|об)",
    r"(?:некоректно|зарано|передчасно)\s+говорити\s+(?:про|о)",
    r"опроверг\w*", r"опровер\w*", r"фейк\w*", r"неправд\w*", r"неверно",
    r"не\s+соответству\w+\s+действительности", r"спростува\w*", r"спросту\w*", r"спростов\w*",
    r"заперечу\w*", r"заперечи\w*", r"не\s+відповіда\w+\s+дійсності",
    r"disinformation", r"дезинформаци\w*", r"дезінформаці\w*", r"вброс\w*", r"вкид\w*",
    r"маячн\w*", r"недостовірн\w*", r"недостоверн\w*", r"неправдив\w*",
    # "it is incorrect to talk about the capture of X", "некорректно говорить о взятии"
    r"incorrect", r"некорректн\w*", r"некоректн\w*",
    # "do not correspond to reality", "не мають нічого спільного з реальністю",
    # "не имеют ничего общего с действительностью", "a lie", "брехня", "ложь"
    r"(?:do|does|did)\s+not\s+correspond\s+to\s+reality", r"not\s+(?:reflect|match)\w*\s+"
    r"(?:the\s+)?reality", r"groundless", r"baseless",
    r"не\s+ма\w+\s+нічого\s+спільного\s+з\s+(?:реальністю|дійсністю)",
    r"не\s+име\w+\s+ничего\s+общего\s+с\s+(?:реальностью|действительностью)",
    r"брехн\w*", r"бреш\w*", r"ложь", r"лжив\w*", r"безпідставн\w*", r"беспочвенн\w*")
#: Irrealis: a forecast, plan, threat or possibility ("would pave the way", "plans to
#: capture", "могут выйти", "планують захопити", "скоро захоплять") asserts no control.
IRREALIS = _rx(
    r"would", r"could", r"might", r"may", r"will", r"shall", r"plans?\s+to", r"planning\s+to",
    r"aims?\s+to", r"aiming\s+to", r"wants?\s+to", r"seeks?\s+to", r"threaten\w*\s+to",
    r"expected\s+to", r"likely\s+to", r"set\s+to", r"poised\s+to", r"intends?\s+to",
    r"может", r"могут", r"сможет", r"смогут", r"планиру\w+", r"намерен\w*", r"хотят", r"хочет",
    r"собира\w+", r"будут", r"будет", r"скоро", r"вскоре",
    r"може", r"можуть", r"зможе", r"зможуть", r"планую\w*", r"плану\w+", r"має\s+намір",
    r"хочуть", r"хоче", r"збира\w+", r"буде", r"будуть", r"незабаром", r"найближчим\s+часом")
#: "взяли под огневой контроль", "under fire control": in range of guns, no ground held.
FIRE_CONTROL = re.compile(r"\s+(?:под|під|under)\s+(?:огнев\w+|вогнев\w+|fire)\s+"
                          r"(?:контрол\w*|control)", re.IGNORECASE)
#: A hedge: the writer reports a claim without vouching for it ("allegedly captured",
#: "якобы взяли", "нібито захопили").
HEDGE = _rx(
    r"allegedly", r"purportedly", r"supposedly", r"so-called", r"alleged", r"purported",
    r"якобы", r"будто(?:\s+бы)?", r"мнимо\w*", r"так\s+называем\w+",
    r"нібито", r"начебто", r"мовляв", r"буцімто", r"так\s+зван\w+", r"нiбито")
#: A claim spoken of as a thing ("claims that", "заявления о", "заяви про"): what follows is
#: someone's claim, which a denial after it denies ("the claims that X fell are false").
CLAIM_NOUN = _rx(
    r"claims?\s+(?:that|of|about)", r"reports?\s+(?:that|of|about)", r"assertions?\s+that",
    r"statements?\s+(?:that|about)", r"rumou?rs?\s+(?:that|of|about)",
    r"заявлени\w+", r"утверждени\w+", r"сообщени\w+\s+(?:о|об|что)", r"информаци\w+\s+(?:о|об|что)",
    r"слух\w*\s+(?:о|об)", r"вброс\w*",
    r"заяв[аиу]?\s+(?:про|що)", r"заяв(?:ам|ами|ах)?\s+(?:про|що)", r"твердженн\w+",
    r"повідомленн\w+\s+(?:про|що)", r"інформаці\w+\s+(?:про|що)", r"чутк\w+\s+про", r"вкид\w*")
#: Negation of the word that follows within a few words.
NEGATION = _rx(
    # "not far from", "no more than", "не только", "не менее": a measure, not a denial
    r"not(?!\s+(?:far|only|least|less|more|long\s+ago)\b)", r"\w+n['’]t", r"cannot", r"never",
    r"no(?!\s+(?:more|less|later|fewer)\s+than\b)", r"nobody", r"none", r"without", r"neither", r"nor",
    r"failed\s+to", r"unable\s+to", r"did\s+not\s+manage",
    r"не(?!\s+(?:только|лише|тільки|менее|более|менше|більше|раз|далее|далі)\b)", r"ни", r"нет", r"без", r"никто", r"никакой", r"никакого", r"никакие", r"ничего",
    r"ні", r"немає", r"нема", r"жодн\w*", r"ніхто", r"ніякої", r"ніякого", r"нічого",
    r"не\s+удалось", r"не\s+вдалося")
#: Presence or deployment of an actor somewhere.
PRESENCE = _rx(
    r"deploy\w*", r"sent", r"send\w*", r"dispatch\w*", r"arriv\w+", r"station\w*",
    r"present", r"presence", r"spotted", r"seen", r"participat\w+", r"involved",
    r"took\s+part", r"tak\w+\s+part", r"engag\w+", r"operat\w+", r"joined", r"transferred",
    r"redeploy\w*", r"moved", r"help\w*", r"support\w*", r"with\s+the\s+help", r"alongside",
    r"landed", r"transport\w*", r"stationed",
    r"замечен\w*", r"переброш\w+", r"перебрас\w+", r"прибы\w+", r"развернут\w*",
    r"дислоци\w+", r"участ\w+", r"воюют", r"воева\w*", r"сражаю\w+", r"находя\w+",
    r"находил\w*", r"задействован\w*", r"присутств\w+", r"направ\w+", r"отправ\w+",
    r"поддержк\w+", r"вместе\s+с", r"высадил\w*", r"зафиксирова\w+", r"действу\w+",
    r"перевез\w*", r"перевоз\w*",
    r"зафіксова\w+", r"помічен\w*", r"перекину\w+", r"перекида\w+", r"прибу\w+",
    r"розгорну\w*", r"дислоку\w+", r"участ\w*", r"воюю\w*", r"воюва\w*", r"воюват\w*",
    r"перебува\w+", r"задіян\w*", r"присутн\w+", r"відправ\w+", r"підтримк\w+",
    r"разом\s+(?:із|з)", r"висадил\w*", r"допомог\w*", r"допомоги", r"діють", r"діяли",
    r"перевез\w*", r"перевоз\w*")
#: Casualty words: killed, wounded, captured, losses.
CASUALTY = _rx(
    r"kill\w*", r"dead", r"died", r"wound\w*", r"injur\w*", r"captured", r"prisoners?",
    r"pows?", r"surrender\w*", r"casualt\w+", r"loss\w*", r"lost",
    r"убит\w*", r"погиб\w*", r"ранен\w*", r"ранени\w*", r"пленн\w*", r"плен", r"потер\w+",
    r"уничтож\w*", r"ликвидир\w*", r"сдал\w*", r"военнопленн\w*", r"поражени\w*",
    r"вбит\w*", r"загибл\w*", r"загину\w*", r"поранен\w*", r"полонен\w*", r"полон",
    r"втрат\w*", r"знищ\w*", r"ліквідова\w*", r"здал\w*", r"військовополонен\w*",
    r"уражен\w*", r"ураженн\w*")
#: Phrases that make the place after them a reference point: "north of Pokrovsk",
#: "10 km from Kurakhove", "к северу от Селидово", "на північ від Куп'янська".
REFERENCE_BEFORE = re.compile(
    # "a town south of X" locates; "in the south of X" is part of X (no reference)
    r"(?:(?<!the\s)(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of(?:\s+(?:occupied|liberated|"
    r"embattled|besieged|encircled))?|(?:km|kilometres|kilometers|"
    r"miles|км|кілометр\w*|километр\w*)\s+(?:from|от|від)|(?:к|на)\s+(?:северу|югу|востоку|"
    r"западу|северо-\w+|юго-\w+|північ|південь|схід|захід|північн\w+|південн\w+)\s+(?:от|від)|"
    r"(?:северн|южн|восточн|западн)\w*\s+(?:от\s+)?|(?:севернее|южнее|восточнее|западнее)|"
    r"outskirts\s+of\s+the\s+city\s+of|со\s+стороны|з\s+боку|from\s+the\s+direction\s+of|"
    # "east of the front-line town of Kupiansk", "a stepping stone to the key city of X",
    # "positions outside Pokrovsk": the place only locates another
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:(?:town|city|village|settlement|hub|stronghold)\s+of|"
    r"(?:capital|centre|center)(?:\s+of)?)|"
    r"(?:way|road|route|gateway|stepping\s+stone|approach(?:es)?|path)\s+(?:to|towards)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}(?:(?:town|city|village|hub|stronghold)\s+of\s+)?|"
    r"\boutside(?:\s+of)?|(?:шлях|дорог\w+|путь)\s+(?:на|до|к)|на\s+подступах\s+к|на\s+підступах\s+до|"
    # "у напрямку сіл X", "в направлении Новоселовского", "в бік міста X": a direction
    r"(?:в|у)\s+(?:напрямку|направлении|бік|сторону)(?:\s+(?:сіл|села|селища|міста|"
    r"населен\w+\s+пункт\w*|сел\w*|посел\w+|город\w*|н\.\s?п\.))?(?:\s+сам(?:ого|ой|их|ої|ому))?)\s*$",
    _F)
PASSIVE_AGENT = re.compile(r"^\s*(?:by|силами|подразделениями|бойцами|войсками|військами|"
                           r"підрозділами|бійцями|силами)\b", _F)
QUESTION_TURN = re.compile(r"^\s*(?:q|question|вопрос|питання|журналист\w*|журналіст\w*|"
                           r"interviewer|корреспондент)\s*[:—-]", _F)
ANSWER_TURN = re.compile(r"^\s*(?:a|answer|ответ|відповідь|interpreter|переводчик|"
                         r"перекладач)\s*[:—-]\s*", _F)
#: "declined to comment on reports that ...": nothing in the sentence is asserted.
NO_COMMENT = re.compile(r"(?:declin\w*|refus\w*|would\s+not|did\s+not)\s+(?:to\s+)?comment|"
                        r"no\s+comment|отказал\w*\s+(?:от\s+)?комментар\w*|"
                        r"отказал\w*\s+комментировать|не\s+стал\w*\s+комментировать|"
                        r"відмовил\w*\s+(?:від\s+)?коментар\w*|відмовил\w*\s+коментувати", _F)
AXIS_WORDS = _rx(r"axis", r"axes", r"direction", r"sector", r"front", r"salient",
                 r"направлени\w*", r"напрям\w*", r"участк\w*", r"ділянк\w*")
FIRST_PERSON = _rx(r"i", r"we", r"us", r"my", r"our", r"me", r"я", r"мы", r"нас", r"нам",
                   r"меня", r"мне", r"наш\w*", r"мой", r"моя", r"мою", r"ми", r"мене",
                   r"мені", r"мій", r"моєю", r"нами")
THIRD_PERSON = _rx(r"he", r"she", r"his", r"him", r"they", r"them", r"their", r"он",
                   r"она", r"его", r"ему", r"они", r"их", r"він", r"вона", r"його", r"йому",
                   r"вони", r"їх", r"prisoner", r"the\s+soldier", r"пленн\w+", r"полонен\w+")


#: "took" before a capitalised name (not a nationality: "took Ukrainian positions").
_TOOK_NAME = re.compile(r"(?<![\w'’-])(?:took|taken|take|takes|taking)(?=\s+(?!(?:Ukrainians?|"
                        r"Russians?|Koreans?|North|South|The|Part|Control)\b)[A-Z])")

_LEFT_NAME = re.compile(r"(?<![\w'’-])(?:left|leave|leaving)(?=\s+(?:the\s+(?:village|town|city|"
                        r"settlement)|(?!(?:Ukrain|Russia|Korea|The\b))[A-Z]))")


#: "near occupied Avdiivka", "в оккупированной Горловке": "occupied" naming a place, after a
#: preposition, is where, not an event.
_ATTRIBUTIVE_OCCUPIED = re.compile(
    r"(?:near|of|in|from|around|outside|to|into|у|в|во|из|под|біля|з|із|до|на|от|від|поблизу|"
    r"около|возле|окупованому|оккупированном)\s+$", _F)
_OCCUPIED_WORD = re.compile(r"occupied|оккупированн\w+|окупован\w+", _F)
_NAME_AFTER = re.compile(r"\s+[A-ZА-ЯЁІЇЄҐ]")


def find_actions(text: str, extra: Sequence[Cue] = ()) -> list[Cue]:
    """Territorial action words in ``text``, in order, none overlapping; ``kind`` is the
    action. An attempt ("tried to advance") becomes ``fighting_in``. ``extra`` are cues
    found otherwise (``lexicon_cues``): each is kept where no stem cue overlaps it, the
    longest first.

    Examples
    --------
    >>> [(c.kind) for c in find_actions("ВСУ отбили атаку и отбили село")]
    ['repelled', 'recaptured']
    >>> [c.kind for c in find_actions("the enemy tried to advance near Kupiansk")]
    ['fighting_in']
    """
    low = lowered(text)
    matches = _ACTIONS.finditer(low) if low is not None else _ACTIONS_ANY_CASE.finditer(text)
    found = [Cue(m.start(), m.end(), m.lastgroup or "") for m in matches]
    # "took Ukrainsk", "have taken Zapovidne": taking a named place is capturing it;
    # "its units had left Velyka Novosilka": leaving it is withdrawing
    for pattern, kind, stem in ((_TOOK_NAME, "captured", "t"), (_LEFT_NAME, "withdrew", "le")):
        if ("took" in text or "tak" in text) if stem == "t" else ("left" in text or "leav" in text):
            found += [Cue(m.start(), m.end(), kind) for m in pattern.finditer(text)
                      if not any(c.start <= m.start() < c.end for c in found)]
    for cue in sorted(extra, key=lambda c: (c.start, c.start - c.end)):
        if not any(c.start < cue.end and cue.start < c.end for c in found):
            found.append(cue)
    found.sort(key=lambda c: c.start)
    found = [c for c in found if not (
        _OCCUPIED_WORD.fullmatch(text, c.start, c.end) and _NAME_AFTER.match(text, c.end)
        and _ATTRIBUTIVE_OCCUPIED.search(text, max(0, c.start - 20), c.start))]
    # "repelled 14 attacks", "атаки отражены": the attack is what was repelled
    repelled = [c for c in found if c.kind == "repelled"]
    found = [c for c in found if c.kind != "fighting_in" or not any(
        0 <= c.start - r.end <= 30 or 0 <= r.start - c.end <= 20 for r in repelled)]
    attempts = list(ATTEMPT.finditer(text))
    out = []
    for cue in found:
        if cue.kind != "fighting_in" and any(0 <= cue.start - a.end() <= 25 for a in attempts):
            cue = Cue(cue.start, cue.end, "fighting_in")
        out.append(cue)
    # "attempted to push our units from their positions": the attempt is the fighting
    for attempt in attempts:
        if not any(0 <= c.start - attempt.end() <= 25 or c.start <= attempt.start() < c.end
                   for c in out):
            out.append(Cue(attempt.start(), attempt.end(), "fighting_in"))
    return sorted(out, key=lambda c: c.start)


def find_cues(pattern: WordPattern, text: str, kind: str = "") -> list[Cue]:
    """Every match of one cue list, as ``Cue``s."""
    return [Cue(m.start(), m.end(), kind) for m in pattern.finditer(text)]
