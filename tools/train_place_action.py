"""Train the place-action fallback (``frontcheck/claims/place_model.py``) and write its
coefficients to ``frontcheck/claims/place_action_weights.py``.

    pip install -e '.[train]'
    python -m tools.train_place_action             # train, report 5-fold CV, write weights
    python -m tools.train_place_action --check     # exit 1 if the shipped weights differ

Examples: every settlement the resolver finds in a sentence of the project's labelled sets
(``tests/data/claims_labelled.jsonl``, ``claims_dev2.jsonl``; never ``claims_heldout``) and
of the real-text development part less its held-out hundred (an item whose id's sha1 is 0,
1 or 2 mod 10 is never read here); its label is the action group of the gold claim at that
place, else "none". The model is a seeded multinomial logistic regression (scikit-learn);
the probability threshold is the one that maximises the out-of-fold F1 of the groups
(none excluded) over 5 folds, on the mentions of sentences where the rules make no
territorial claim — where the model is used.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
OUT = ROOT / "frontcheck" / "claims" / "place_action_weights.py"
SEED = 20261207


def held_out(item_id: str) -> bool:
    """The real-text development items set aside before the third pass, never read."""
    return int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 10 in (0, 1, 2)


def _items() -> list[dict]:
    items = []
    for name in ("claims_labelled.jsonl", "claims_dev2.jsonl"):
        items += [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines()
                  if x.strip()]
    for path in sorted((DATA / "realtext").glob("claims_real_*_dev.jsonl")):
        items += [i for i in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                              if x.strip())
                  if i["lang"] in ("en", "ru", "uk") and not held_out(i["id"])]
    return items


def _gazetteer() -> Path:
    shared = Path(os.environ.get("FRONTCHECK_SHARED", ROOT.parent / "shared" / "data"))
    return Path(os.environ.get("FRONTCHECK_GAZETTEER", shared / "gazetteer" / "gazetteer.csv"))


def _published(value: str) -> date | datetime:
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def examples() -> list[tuple[list[str], str, bool, str]]:
    """(features, label, rules silent in the sentence, item id) of every resolved mention."""
    from frontcheck.app.place_lookup import shipped_aliases
    from frontcheck.claims.extract import reading_language
    from frontcheck.claims.model import ACTION_GROUP
    from frontcheck.claims.place_model import place_features
    from frontcheck.claims.placing import resolved_places
    from frontcheck.claims.reading import read_sentence
    from frontcheck.claims.resolver import index_resolver
    from frontcheck.claims.sentences import split_sentences
    from frontcheck.claims.territorial import territorial_drafts
    from frontcheck.places.gazetteer import parse_gazetteer
    from frontcheck.places.index import build_index

    path = _gazetteer()
    resolve = index_resolver(build_index(parse_gazetteer(path.read_bytes(), str(path)),
                                         shipped_aliases()))
    ids: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ids[row["name_en"].lower()].add(row["id"])
            ids[f"{row['name_en']}@{row['admin1']}".lower()].add(row["id"])
    out = []
    for item in _items():
        gold: dict[str, str] = {}
        for claim in item.get("claims") or []:
            if claim.get("type") == "territorial" and claim.get("action") in ACTION_GROUP:
                for place_id in ids.get((claim.get("place") or "").lower(), ()):
                    gold.setdefault(place_id, ACTION_GROUP[claim["action"]])
        lang = reading_language(item["text"], item.get("lang"))
        for sentence in split_sentences(item["text"], lang):
            reading = read_sentence(sentence.text, sentence.start,
                                    published_at=_published(item["published_at"]),
                                    claimant_before=item.get("claimant_default", ""),
                                    default_side="", date_before=(None, "none"),
                                    answer_turn=False)
            places = [p for p in resolved_places(reading, resolve) if p.place.id and not p.region]
            silent = not territorial_drafts(reading, places)
            for located in places:
                features = place_features(sentence.text, located.start, located.end,
                                          reading.actions)
                out.append((features, gold.get(located.place.id or "", "none"), silent,
                            item["id"]))
    return out


def _best_threshold(probs, labels, classes) -> tuple[float, float]:
    """The threshold maximising the F1 of the groups (none excluded), and that F1."""
    best = (0.5, 0.0)
    for step in range(30, 96, 5):
        threshold = step / 100
        tp = fp = fn = 0
        for row, label in zip(probs, labels, strict=True):
            k = max(range(len(classes)), key=lambda i: row[i])
            said = classes[k] if classes[k] != "none" and row[k] >= threshold else "none"
            tp += said != "none" and said == label
            fp += said != "none" and said != label
            fn += label != "none" and said != label
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def train() -> tuple[dict, dict]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    data = examples()
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, *_ in data])
    y = [label for _, label, *_ in data]
    groups = [item for *_, item in data]

    def model() -> LogisticRegression:
        return LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)

    oof: list[list[float]] = [[] for _ in data]
    classes: list[str] = sorted(set(y))
    for train_at, test_at in GroupKFold(n_splits=5).split(x, y, groups):
        fold = model().fit(x[train_at], [y[i] for i in train_at])
        probs = fold.predict_proba(x[test_at])
        for row, i in zip(probs, test_at, strict=True):
            oof[i] = [float(row[list(fold.classes_).index(c)]) if c in fold.classes_ else 0.0
                      for c in classes]
    silent = [i for i, (_, _, s, _) in enumerate(data) if s]
    threshold, f1 = _best_threshold([oof[i] for i in silent], [y[i] for i in silent], classes)
    _, f1_all = _best_threshold(oof, y, classes)
    final = model().fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        row = tuple(round(float(final.coef_[k][j]), 4) for k in range(len(final.classes_)))
        if any(abs(w) >= 0.01 for w in row):
            weights[str(name)] = row
    report = {"examples": len(data), "silent_examples": len(silent),
              "labels": {c: y.count(c) for c in classes}, "threshold": threshold,
              "cv5_f1_silent": round(f1, 3), "cv5_f1_all_mentions": round(f1_all, 3)}
    shipped = {"classes": [str(c) for c in final.classes_],
               "intercept": [round(float(v), 4) for v in final.intercept_],
               "threshold": threshold, "weights": weights, "report": report}
    return shipped, report


def render(shipped: dict) -> str:
    lines = ['"""Coefficients of the place-action fallback, written by',
             "``python -m tools.train_place_action`` (do not edit by hand): "
             f"{json.dumps(shipped['report'], sort_keys=True)}.", '"""', "",
             "# ruff: noqa: E501", "",
             f"CLASSES = {tuple(shipped['classes'])!r}",
             f"INTERCEPT = {tuple(shipped['intercept'])!r}",
             f"THRESHOLD = {shipped['threshold']!r}",
             "WEIGHTS: dict[str, tuple[float, ...]] = {"]
    lines += [f"    {name!r}: {row!r}," for name, row in sorted(shipped["weights"].items())]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    args = parser.parse_args(argv)
    shipped, report = train()
    print(json.dumps(report, indent=1))
    text = render(shipped)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("shipped weights are up to date" if same else f"{OUT} differs from a fresh training")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(shipped['weights'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
