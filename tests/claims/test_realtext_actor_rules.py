"""Rules added for the real-text corpus's commonest dev errors (issue 10): whose claim it is
when no subject says it, denials by other words, and what the next sentence adds. Each
sentence is written for the test (in the style of the sources); each case fails without
the rule its comment names."""

from __future__ import annotations

import pytest

from tests.claims.test_realtext_rules import got


@pytest.mark.parametrize("text, names, claimant, expected", [
    # a possessive side before a noun of action outweighs a force named earlier
    ("It was the worst setback for Kyiv's troops since Russia's capture of Vuhledar.",
     {"Vuhledar": "v"}, "Reuters", [("russia", "captured", "v", False, "asserted")]),
    # a side word a few words before the action: who is said to have occupied it
    ("Російські пропагандисти заявляли про окупацію села Іванівка.", {"Іванівка": "i"},
     "rbc.ua", [("russia", "captured", "i", False, "asserted")]),
    # a gain the writer doubts, with no subject, is the other side's
    ("Минулого тижня нібито захоплено село Іванівка.", {"Іванівка": "i"}, "rbc.ua",
     [("russia", "captured", "i", False, "reported")]),
    # a denied gain with no subject: the side of whoever denies it lost it
    ("Officials announced that troops had taken control of Kurakhove, but the Ukrainian "
     "Armed Forces deny the loss of the town.", {"Kurakhove": "k"}, "Reuters",
     [("russia", "captured", "k", False, "reported"), ("russia", "captured", "k", True, "denied")]),
    # "kicked X out of": the side driven out is named; the actor is the other one
    ("“Our units kicked Russian troops out of Bilohorivka,” the commander said.",
     {"Bilohorivka": "b"}, "Reuters", [("ukraine", "recaptured", "b", False, "asserted")]),
    # "disinformation" denies the claim spoken of before it
    ("Заявления о захвате Часова Яра являются российской дезинформацией, сообщил Зеленский.",
     {"Часова Яра": "c"}, "rbc.ua",
     [("russia", "captured", "c", False, "reported"), ("russia", "captured", "c", True, "denied")]),
    # "battlefield" is no fighting
    ("Analysts mapping the battlefield near Novoselivka published a new map.",
     {"Novoselivka": "n"}, "Reuters", []),
])
def test_actor_and_framing_rule(text, names, claimant, expected) -> None:
    assert got(text, names, claimant) == expected


def test_a_pronoun_subject_takes_the_side_of_the_sentence_before() -> None:
    text = ("Ukrainian forces pushed forward near Kupiansk on Monday. "
            "They also recaptured Kindrashivka.")
    claims = got(text, {"Kupiansk": "k", "Kindrashivka": "d"})
    assert ("ukraine", "recaptured", "d", False, "asserted") in claims


def test_attacks_beaten_off_in_the_next_sentence_are_repelled_where_they_were() -> None:
    text = "Russian forces launched eight attacks near Toretsk. Ukrainian troops repelled all of them."
    # the real-text guide: an attack with a word of its outcome is that outcome alone
    # (claims.fight_sides.without_repelled_fights), not also the attacker's fight
    assert got(text, {"Toretsk": "t"}) == [("ukraine", "repelled", "t", False, "asserted")]


def test_a_repelling_sentence_that_names_its_own_place_adds_nothing_to_the_one_before() -> None:
    text = "Russian forces attacked near Toretsk. Ukrainian troops repelled an assault at Niu-York."
    assert ("ukraine", "repelled", "t", False, "asserted") not in got(
        text, {"Toretsk": "t", "Niu-York": "n"})


def test_fighting_put_back_at_the_place_just_entered() -> None:
    """"в городе начались бои": the fight is at the place the clause before named, by the
    side that entered it."""
    claims = got("Российские войска вошли в Новоселовку, в селе начались бои.",
                 {"Новоселовку": "n"}, "tass.ru")
    assert ("russia", "fighting_in", "n", False, "asserted") in claims


def test_fighting_in_the_next_sentence_is_at_the_place_named_before() -> None:
    claims = got("Russian forces entered Siversk on Monday. Fighting is under way in the town.",
                 {"Siversk": "s"})
    assert claims == [("russia", "advanced", "s", False, "asserted"),
                      ("russia", "fighting_in", "s", False, "asserted")]


def test_a_side_word_in_the_deniers_name_is_not_the_actor() -> None:
    """"В Генштабе ВСУ опровергли сообщения о захвате X": ВСУ speaks; the capture denied
    is Russia's."""
    claims = got("В Генштабе ВСУ опровергли сообщения о захвате Новоселовки.",
                 {"Новоселовки": "n"}, "rbc.ua")
    assert {c[0] for c in claims} == {"russia"} and len(claims) == 2
