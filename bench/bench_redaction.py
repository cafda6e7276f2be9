"""Redaction: text redacted per second with many protected persons, against one pass per person.

Input (seeded, built before timing): protected persons — Korean names with a home town and a
unit number, Russian and Ukrainian names with a home town, a unit and a relative — and a
corpus of source-like texts in English, Russian and Ukrainian: the shipped samples' texts and
sentences that name the persons in varied forms (Cyrillic, Latin, declined, reversed), with
their details, among sentences that name nobody.

Baseline: what a user would write with the same name forms: one ``Redactor`` per person,
applied in turn to each text (one regex per person). Ours: one ``Redactor`` for all persons,
whose regex holds every person's forms, each behind a look-ahead on its first letters.
Answers are checked first: both must give the same text for every document. The time to
build the redactor (it is built once per set of protected persons and cached) is reported
too.
"""

from __future__ import annotations

import random

from bench.common import ROOT, best_of, goal, write_results

JOB = "redaction"
SIZES = {"full": {"koreans": 30, "slavs": 30, "documents": 4_000, "repeats": 3},
         "tiny": {"koreans": 3, "slavs": 3, "documents": 120, "repeats": 1}}
_SURNAMES_KO = ("Kim", "Ri", "Pak", "Choe", "Jong", "Kang", "Han", "Hong", "Song", "Mun")
_SYLLABLES = ("jin", "hyok", "chol", "su", "myong", "il", "kwang", "yong", "ho", "min", "gil",
              "nam", "sik", "hun", "bok", "dal", "hak", "hwan", "hyon", "jae", "kyong", "man",
              "pil", "rok", "sam", "sang", "ung", "won", "bin", "bong", "dong", "gum", "hye", "ok")
_GIVEN = ("Дмитрий", "Сергей", "Андрей", "Олег", "Павел", "Николай", "Иван", "Юрий")
# Surnames are all different: two protected persons of one family name make a lone surname
# ambiguous, which the baseline (person after person) resolves differently.
_FAMILY = tuple(stem + ending for stem in ("Кузьм", "Сидор", "Петр", "Волк", "Шевч", "Мельн",
                                            "Бондар", "Ткач", "Кравч", "Лыс", "Гончар", "Руд")
                for ending in ("енко", "ов", "ук", "ин"))
# Korean towns whose syllables no name here shares (Chongjin would read as "Jong Jin", which
# ours rightly takes for the name and the baseline, town first, does not)
_TOWNS = ("Новокузнецк", "Барнаул", "Кемерово", "Омск", "Томск", "Hamhung", "Wonsan",
          "Haeju", "Sinuiju")
_FILLER = ("Противник потерял за сутки до 350 военнослужащих.",
           "Командування ухвалило рішення про відведення підрозділів.",
           "Ukrainian forces repelled two attacks near Pokrovsk on Tuesday.",
           "We were told that we were going to training in Russia.",
           "Подразделения группировки войск «Восток» продолжили наступление.")


def _persons(sizes: dict, rng: random.Random, lexicon):
    """Protected persons none of whose forms reads as another's name or town: where two
    overlap ("Il-nam Song" holds the given name of a "Kim Nam-song"), ours takes the longer,
    whole name and the baseline, person after person, may not, so answers could not be
    compared."""
    from frontcheck.protect.redaction import ProtectedPerson, Redactor

    persons: list = []
    singles: list = []
    words: list[str] = []

    def distinct(person) -> bool:
        alone = Redactor([person], lexicon)
        if any(alone.finds(w) for w in words) or any(r.finds(person.name) for r in singles):
            return False
        singles.append(alone)
        return True

    while len(persons) < sizes["koreans"]:
        given = f"{rng.choice(_SYLLABLES).title()}-{rng.choice(_SYLLABLES)}"
        person = ProtectedPerson(f"{rng.choice(_SURNAMES_KO)} {given}", f"POW-{len(persons) + 1}",
                                 home_towns=(rng.choice(_TOWNS[5:]),),
                                 units=(f"unit {rng.randrange(10_000, 99_999)}",))
        if distinct(person):
            persons.append(person)
            words += [person.name, person.name.split()[1]]
    while len(persons) < sizes["koreans"] + sizes["slavs"]:
        family = rng.choice(_FAMILY)
        name = f"{rng.choice(_GIVEN)} {family}"
        person = ProtectedPerson(name, f"DETAINEE-{len(persons) + 1}",
                                 home_towns=(rng.choice(_TOWNS[:5]),),
                                 units=(f"в/ч {rng.randrange(10_000, 99_999)}",),
                                 relatives=(f"Ольга {family}",))
        if family not in words and distinct(person):
            persons.append(person)
            words += [name, family]
    return persons


def _corpus(persons, sizes: dict, rng: random.Random) -> list[str]:
    samples = [p.read_text(encoding="utf-8", errors="replace")
               for p in sorted((ROOT / "samples").rglob("*")) if p.is_file()
               and p.suffix in (".md", ".csv", ".html")]
    docs = []
    for i in range(sizes["documents"]):
        person = rng.choice(persons)
        given, family = person.name.split(" ", 1)
        forms = [person.name, f"{family} {given}", family if len(family) > 4 else person.name,
                 person.name.upper()]
        sentence = (f"{rng.choice(forms)} из {person.home_towns[0]}, {person.units[0]}. "
                    + " ".join(rng.choice(_FILLER) for _ in range(rng.randrange(2, 8))))
        docs.append(sentence if i % 40 else samples[i // 40 % len(samples)])
    return docs


def run(scale: str = "full") -> dict:
    from frontcheck.protect.morphology import pymorphy_lexicon
    from frontcheck.protect.redaction import Redactor

    sizes = SIZES[scale]
    rng = random.Random(0)
    lexicon = pymorphy_lexicon()
    persons = _persons(sizes, rng, lexicon)
    docs = _corpus(persons, sizes, rng)
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    built = best_of(lambda: Redactor(persons, lexicon), 1)
    ours = built.result
    each = [Redactor([p], lexicon) for p in persons]

    def redact_ours() -> list[str]:
        return [ours.text(d) for d in docs]

    def redact_each() -> list[str]:
        out = []
        for doc in docs:
            for redactor in each:
                doc = redactor.text(doc)
            out.append(doc)
        return out

    mine, theirs = redact_ours(), redact_each()
    checks = {"same_text_as_baseline": mine == theirs,
              "every_document_naming_a_person_changed": all(
                  m != d for i, (m, d) in enumerate(zip(mine, docs)) if i % 40)}
    timed_ours = best_of(redact_ours, sizes["repeats"])
    timed_each = best_of(redact_each, sizes["repeats"])
    throughput = size_mb / timed_ours.best
    result = {
        "job": JOB, "scale": scale,
        "input": {"persons": len(persons), "documents": len(docs), "megabytes": round(size_mb, 3)},
        "seconds": {"ours": timed_ours.best, "baseline_one_regex_per_person": timed_each.best,
                    "build_ours": built.best},
        "ratios": {"speedup_vs_one_pass_per_person": timed_each.best / timed_ours.best,
                   "megabytes_per_second": throughput},
        "checks": checks,
        "goals": {"megabytes_per_second": goal(throughput, ">=", 1.0, "MB/s",
                                               persons=len(persons))},
    }
    return write_results(result)
