"""Hangul forms and partial case forms of protected names are redacted (issue 14)."""

from __future__ import annotations

import pytest

from frontcheck.protect.redaction import ProtectedPerson, Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor([ProtectedPerson("Ri Jin-hyok", "POW-1"), ProtectedPerson("Чон Мін Хо", "POW-2")])


# Hangul written by hand from the romanisations (McCune–Reischauer and the South's forms).
@pytest.mark.parametrize("text, expected", [
    ("포로 리진혁은 말했다", "포로 POW-1 말했다"),          # DPRK spelling, with a particle
    ("이진혁", "POW-1"),                                   # the South's 이 for 리
    ("리 진혁의 누이", "POW-1 누이"),                      # spaced
    ("진혁이 말했다", "POW-1 말했다"),                     # given name of two syllables alone
    ("포로 리진혁에게서는", "포로 POW-1"),                 # a long particle
    ("정민호", "POW-2"),
    ("전 민호가 왔다", "POW-2 왔다"),
])
def test_hangul_forms_are_redacted(redactor, text, expected):
    assert redactor.text(text) == expected


@pytest.mark.parametrize("text", ["진주 시민", "리는", "대한민국 국민", "민주주의"])
def test_other_hangul_is_kept(redactor, text):
    assert redactor.text(text) == text


@pytest.mark.parametrize("text", ["Чона Мін Хо", "Чону Мин Хо", "Чоном Мін Хо"])
def test_a_declined_surname_before_the_given_name_is_redacted(redactor, text):
    assert redactor.text(f"Полонений {text} розповів") == "Полонений POW-2 розповів"
