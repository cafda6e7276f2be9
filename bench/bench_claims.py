"""Claims: the whole extraction pipeline on a synthetic Telegram export, against natasha's NER.

Measured in one run (issue 4, "Measured"):

1. **Ours**: parse a synthetic Telegram Desktop export (``sources.telegram``), split every
   post into sentences, extract claims, resolve their places against the shared gazetteer,
   and cluster forwards and re-posts (``claims.dedupe``), in one process on one core. Goal:
   >= 500 posts per second at full scale (100,000 posts). Building the gazetteer index and
   importing the modules are set-up, not timed.
2. **Baseline**: what a user would write first: natasha's Russian NER (segmenter, news
   embedding and NER tagger, all shipped inside the natasha/navec/slovnet wheels, so no
   download at run time) run over the same posts. It only finds names, with no claims,
   dates or places resolved, and it is timed on an evenly spread sample of posts and
   reported per post; the ratio is its seconds per post over ours.

The export is generated with a seeded random generator: posts of one to four sentences in
Russian, Ukrainian and English written from bulletin, tracker and news templates with
settlements of the front-line oblasts, numbers, dates, North Korean troops; a share of the
posts are forwards of another channel's post or re-posts with a line added, and some carry
no claim at all. Because the generator knows each post's claims, the checks before the
timings are: the territorial claims we extract match the generated ones (action and place
id) for at least 95 % of the sample; forwards and re-posts land in their original's cluster;
and natasha's LOC spans cover the settlements we extract in most Russian posts (the two
agree on what the places are).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.common import (
    bench_gazetteer,
    evenly_spaced,
    goal,
    interleaved,
    run_in_subprocess,
    write_results,
)

JOB = "claims"
RATIO_KEYS = ("speedup_vs_natasha_ner",)
_SELF = "bench.bench_claims"
_KYIV = timezone(timedelta(hours=2))
#: Front-line oblasts the generated posts name settlements in; a tiny run loads only the
#: part of the gazetteer around Pokrovsk and Kurakhove.
_OBLASTS = ("Donetsk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast", "Luhansk Oblast")
TINY_BOX = {"lon": (36.8, 38.0), "lat": (47.7, 48.6)}
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True, slots=True)
class Config:
    posts: int
    natasha_sample: int       # posts the natasha baseline is timed on
    check_sample: int         # posts whose claims are checked against the generated ones
    repeats: int              # best-of-N for ours and the baseline
    gazetteer_rows: int | None


CONFIGS = {
    "full": Config(posts=100_000, natasha_sample=2_000, check_sample=3_000, repeats=3,
                   gazetteer_rows=None),
    "tiny": Config(posts=500, natasha_sample=60, check_sample=500, repeats=1,
                   gazetteer_rows=1500),
}


# ---------------------------------------------------------------- the synthetic export

_RU = [
    ("Подразделения группировки войск «{group}» в результате активных действий освободили "
     "населённый пункт {ru} {ru_region}.", "liberated"),
    ("{ru_when} ВС РФ взяли под контроль населённый пункт {ru}.", "captured"),
    ("Ожесточённые бои идут за населённый пункт {ru}.", "fighting_in"),
    ("Потери ВСУ составили до {n} военнослужащих, {m} танка и боевые бронированные машины.", None),
    ("По данным разведки Южной Кореи, северокорейским военным платят около {k} тысяч "
     "долларов в месяц.", None),
]
_UK = [
    ("{uk_when} ворог {m} разів атакував у районі населеного пункту {uk}.", "fighting_in"),
    ("Сили оборони звільнили населений пункт {uk}, повідомили в Генштабі.", "liberated"),
    ("Загальні бойові втрати противника за минулу добу становлять {n} осіб.", None),
    ("Північнокорейських військових помічено на Курщині, повідомили в ГУР.", None),
    ("Полонений розповів, що підготовка тривала лише {m} тижні.", None),
]
_EN = [
    ("Russian forces captured the village of {en} in {en_region}, the Russian MoD said.",
     "captured"),
    ("Ukrainian troops repelled an assault near the village of {en}, the General Staff said "
     "{en_when}.", "repelled"),
    ("About {n} North Korean troops are deployed in the Kursk region, the Pentagon said.", None),
    ("The enemy lost up to {n} servicemen over the past day.", None),
]
_FILLER = {
    "ru": ["Подробности уточняются.", "Подписывайтесь на канал.", "Слава героям!",
           "Обстановка остаётся напряжённой."],
    "uk": ["Деталі згодом.", "Підписуйтеся на канал.", "Слава Україні!",
           "Ситуація залишається складною."],
    "en": ["More details to follow.", "Subscribe to our channel.", "The situation remains tense."],
}
_NOISE = {
    "ru": "Воздушная тревога в Белгороде, оставайтесь в укрытиях.",
    "uk": "Повітряна тривога на Дніпропетровщині, пройдіть в укриття.",
    "en": "Air raid alert across the east; stay in shelters.",
}
_GROUPS = ("Центр", "Восток", "Запад", "Юг", "Север")
_RU_WHEN = ("Вчера", "Сегодня", "В течение суток", "12 октября")
_UK_WHEN = ("За минулу добу", "Учора", "Сьогодні")
_EN_WHEN = ("on Thursday", "yesterday", "today")
_REGION = {"Donetsk Oblast": ("Донецкой Народной Республики", "Donetsk Oblast"),
           "Kharkiv Oblast": ("Харьковской области", "Kharkiv Oblast"),
           "Zaporizhzhia Oblast": ("Запорожской области", "Zaporizhzhia Oblast"),
           "Luhansk Oblast": ("Луганской Народной Республики", "Luhansk Oblast")}


def _settlements(gazetteer: Path) -> list[dict]:
    """Places the generator may name: front-line settlements with all three names whose
    English, Russian and Ukrainian names each belong to no other place of the gazetteer
    (a post naming a Novoselivka without its oblast cannot be resolved, by us or anyone)."""
    import csv

    rows = []
    counts: dict[tuple, int] = {}
    with gazetteer.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for key in ("name_en", "name_ru", "name_uk"):
                counts[(key, row[key].lower())] = counts.get((key, row[key].lower()), 0) + 1
            if row["admin1"] in _OBLASTS and row["name_ru"] and row["name_uk"] and \
                    row["name_en"] and " " not in row["name_en"] and row["lat"]:
                rows.append(row)
    unique = [r for r in rows if all(counts[(k, r[k].lower())] == 1
                                     for k in ("name_en", "name_ru", "name_uk"))]
    return [{"id": r["id"], "en": r["name_en"], "ru": r["name_ru"], "uk": r["name_uk"],
             "oblast": r["admin1"]} for r in unique]


def generate_export(path: Path, posts: int, settlements: list[dict], seed: int = 0) -> dict:
    """Write a whole-account Telegram Desktop export of ``posts`` messages; return the truth:
    message key → [(action, place id)] for the territorial sentences, and which posts are
    forwards or re-posts of which."""
    rng = random.Random(seed)
    channels = [f"channel_{i:02d}" for i in range(20)]
    chats = {name: {"name": name, "type": "public_channel", "id": 1000 + i, "messages": []}
             for i, name in enumerate(channels)}
    truth: dict[str, list] = {}
    copies: dict[str, str] = {}
    made: list[tuple[str, str, str]] = []          # (key, channel, text)
    start = datetime(2024, 8, 1, 6, 0, tzinfo=_KYIV)
    for number in range(posts):
        channel = rng.choice(channels)
        chat = chats[channel]
        when = start + timedelta(seconds=number * 97)
        message = {"id": len(chat["messages"]) + 1, "type": "message",
                   "date": when.replace(tzinfo=None).isoformat(timespec="seconds"),
                   "date_unixtime": str(int(when.timestamp()))}
        key = f"{chat['id']}:{message['id']}"
        roll = rng.random()
        if made and roll < 0.15:                     # a forward of an earlier post
            original = rng.choice(made[-500:])
            message["forwarded_from"] = original[1]
            text = original[2]
            copies[key] = original[0]
            truth[key] = truth[original[0]]
        elif made and roll < 0.25:                   # a re-post with a line added
            original = rng.choice(made[-500:])
            lang = "uk" if any(ch in original[2] for ch in "іїєґ") else (
                "en" if original[2][:1].isascii() else "ru")
            text = original[2] + " " + rng.choice(_FILLER[lang])
            copies[key] = original[0]
            truth[key] = truth[original[0]]
        else:
            lang = rng.choice(("ru", "ru", "uk", "uk", "en"))
            text, claims = _post(rng, lang, settlements)
            truth[key] = claims
        # Telegram writes formatted text as a list of strings and entities
        message["text"] = [text] if rng.random() < 0.3 else text
        chat["messages"].append(message)
        made.append((key, channel, text))
    export = {"about": "synthetic export generated by bench/bench_claims.py",
              "chats": {"about": "", "list": list(chats.values())}}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return {"claims": truth, "copies": copies}


def _post(rng: random.Random, lang: str, settlements: list[dict]) -> tuple[str, list]:
    if rng.random() < 0.1:
        return _NOISE[lang], []
    templates = {"ru": _RU, "uk": _UK, "en": _EN}[lang]
    sentences, claims = [], []
    for _ in range(rng.randint(1, 3)):
        template, action = rng.choice(templates)
        place = rng.choice(settlements)
        ru_region, en_region = _REGION[place["oblast"]]
        sentences.append(template.format(
            group=rng.choice(_GROUPS), ru=place["ru"], uk=place["uk"], en=place["en"],
            ru_region=ru_region, en_region=en_region, ru_when=rng.choice(_RU_WHEN),
            uk_when=rng.choice(_UK_WHEN), en_when=rng.choice(_EN_WHEN),
            n=rng.randint(20, 1500), m=rng.randint(2, 9), k=rng.randint(1, 3)))
        if action:
            claims.append([action, place["id"]])
    if rng.random() < 0.5:
        sentences.append(rng.choice(_FILLER[lang]))
    return " ".join(sentences), claims


# ---------------------------------------------------------------- ours (in a fresh process)

_STATE: dict = {}


def prepare_ours(gazetteer: str) -> None:
    """Per-process set-up, not timed: imports and the gazetteer's resolver index."""
    from frontcheck.app.place_lookup import shipped_aliases
    from frontcheck.claims import dedupe, extract  # noqa: F401
    from frontcheck.claims.lexicon_cues import load_analyzers
    from frontcheck.claims.place_model import shipped_model
    from frontcheck.places.gazetteer import parse_gazetteer
    from frontcheck.places.index import build_index
    from frontcheck.sources import telegram  # noqa: F401

    load_analyzers()     # pymorphy3's dictionaries, read once per process like the index
    shipped_model()
    path = Path(gazetteer)
    _STATE["index"] = build_index(parse_gazetteer(path.read_bytes(), path.name),
                                  shipped_aliases())


def pipeline(export: str, sample: int) -> dict:
    """Parse, split, extract, resolve and cluster every post of the export (timed)."""
    from frontcheck.claims.dedupe import Post, cluster_claims
    from frontcheck.claims.extract import extract_claims
    from frontcheck.claims.resolver import index_resolver
    from frontcheck.sources.telegram import read_telegram_items

    data = Path(export).read_bytes()
    items = read_telegram_items(data, "result.json").items
    resolve_place = index_resolver(_STATE["index"])
    claims = []
    for number, item in enumerate(items):
        claims.extend(extract_claims(item.text, published_at=item.published_at,
                                     lang=item.language or None, resolve_place=resolve_place,
                                     claimant_default=item.publisher, source_id=number))
    posts = [Post(n, i.published_at, i.text, i.publisher, str(i.meta.get("forwarded_from", "")))
             for n, i in enumerate(items)]
    claims, clusters = cluster_claims(claims, posts)
    keys = [i.item_key for i in items]
    picked = set(evenly_spaced(len(items), sample))
    territorial: dict[str, list] = {keys[n]: [] for n in picked}
    heads: dict[str, int] = {}     # claims of a sampled post that start their own cluster
    for claim in claims:
        if claim.source_id in picked and claim.type == "territorial":
            key = keys[claim.source_id]
            territorial[key].append([claim.action, claim.place.id if claim.place else None])
            heads[key] = heads.get(key, 0) + (claim.cluster_id == claim.id)
    return {"posts": len(items), "claims": len(claims), "clusters": len(clusters),
            "territorial": territorial, "own_clusters": heads}


# ---------------------------------------------------------------- natasha (in a fresh process)

def prepare_natasha() -> None:
    """Load natasha's segmenter, embedding and NER model (from the installed wheels)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    _STATE["natasha"] = (Segmenter(), NewsNERTagger(NewsEmbedding()))


def natasha_ner(export: str, sample: int) -> dict:
    """Parse the export and run natasha's NER on an evenly spread sample of posts (timed)."""
    from natasha import Doc

    from frontcheck.sources.telegram import read_telegram_items

    items = read_telegram_items(Path(export).read_bytes(), "result.json").items
    segmenter, tagger = _STATE["natasha"]
    locations: dict[str, list] = {}
    for n in evenly_spaced(len(items), sample):
        doc = Doc(items[n].text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        locations[items[n].item_key] = [s.text for s in doc.spans if s.type == "LOC"]
    return {"posts": len(items), "sampled": len(locations), "locations": locations}


# ---------------------------------------------------------------- the run

def run(scale: str = "full") -> dict:
    """Measure at ``scale`` ("full": 100,000 posts; "tiny": 500), write the results file."""
    config = CONFIGS[scale]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontcheck-bench-claims-") as tmp:
        result = _measure(config, Path(tmp))
    return write_results({"job": JOB, "scale": scale, "config": asdict(config), **result,
                          "seconds_total": round(time.perf_counter() - started, 1)})


def _measure(config: Config, work: Path) -> dict:
    gazetteer = bench_gazetteer(work, config.gazetteer_rows, TINY_BOX)
    settlements = _settlements(gazetteer)
    export = work / "result.json"
    truth = generate_export(export, config.posts, settlements)
    # one core for both: natasha's numpy would otherwise spread over every core
    saved = {k: os.environ.get(k) for k in _THREAD_VARIABLES}
    os.environ.update({k: "1" for k in _THREAD_VARIABLES})
    try:
        timed = _timed(config, export, gazetteer)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    ours, natasha = timed["ours"], timed["natasha"]
    checks, details = _checks(ours.result, natasha.result, truth, settlements)
    ours_per_post = ours.best / ours.result["posts"]
    natasha_per_post = natasha.best / natasha.result["sampled"]
    posts_per_second = 1.0 / ours_per_post
    return {
        "input": {"posts": ours.result["posts"], "export_bytes": export.stat().st_size,
                  "settlements_named": len(settlements), "gazetteer": str(gazetteer),
                  "claims": ours.result["claims"], "clusters": ours.result["clusters"]},
        "timings": {"ours": ours.as_dict("parse + split + extract + resolve + dedupe, "
                                         "all posts, one process"),
                    "natasha_ner": natasha.as_dict(f"natasha NER on {natasha.result['sampled']} "
                                                   "evenly spread posts")},
        "per_post_ms": {"ours": round(ours_per_post * 1e3, 4),
                        "natasha_ner": round(natasha_per_post * 1e3, 4)},
        "ratios": {"speedup_vs_natasha_ner": round(natasha_per_post / ours_per_post, 3)},
        "goals": {"posts_per_second": goal(posts_per_second, ">=", 500, "posts/s",
                                           measured_at=f"{ours.result['posts']} posts")},
        "checks": checks, "check_details": details,
    }




def _timed(config: Config, export: Path, gazetteer: Path) -> dict:
    """Ours and the baseline, in turn, each run in a fresh process."""
    return interleaved({
        "ours": lambda: run_in_subprocess(
            f"{_SELF}:pipeline", {"export": str(export), "sample": config.check_sample},
            before=[("prepare_ours", {"gazetteer": str(gazetteer)})]),
        "natasha": lambda: run_in_subprocess(
            f"{_SELF}:natasha_ner", {"export": str(export), "sample": config.natasha_sample},
            before=[("prepare_natasha", {})]),
    }, config.repeats)


def _checks(ours: dict, natasha: dict, truth: dict, settlements: list[dict]) -> tuple[dict, dict]:
    expected, copies = truth["claims"], truth["copies"]
    sample = ours["territorial"]
    right = sum(sorted(map(str, got)) == sorted(map(str, expected[key]))
                for key, got in sample.items())
    share = right / max(1, len(sample))
    # every claim of a forward or re-post joins the cluster of its original's claim
    copied = [k for k in sample if k in copies and expected[k]]
    joined = sum(ours["own_clusters"].get(k, 0) == 0 for k in copied)
    by_id = {s["id"]: s for s in settlements}
    russian = [(key, got) for key, got in sample.items()
               if key in natasha["locations"] and got and any(
                   by_id.get(pid, {}).get("ru", "") in " ".join(natasha["locations"][key])
                   for _, pid in got)]
    overlap_posts = [key for key in natasha["locations"] if sample.get(key)]
    agree = len(russian) / max(1, len(overlap_posts))
    checks = {"territorial_claims_match_generated": share >= 0.95,
              "copies_join_their_original_cluster": joined == len(copied),
              "natasha_finds_our_places_in_some_posts": agree > 0.0}
    details = {"territorial_match_share": round(share, 4), "sampled_posts": len(sample),
               "copies_checked": len(copied), "copies_joined": joined,
               "natasha_location_agreement": round(agree, 4),
               "natasha_posts_compared": len(overlap_posts)}
    return checks, details
