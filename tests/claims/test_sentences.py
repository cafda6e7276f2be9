"""Sentence splitting for English, Russian and Ukrainian, and language detection."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.claims.sentences import detect_language, split_sentences


def test_english_keeps_abbreviations() -> None:
    text = "Gen. Syrskyi visited Kupiansk on Oct. 3. Russia's MoD said the U.S. was wrong."
    assert [s.text for s in split_sentences(text, "en")] == [
        "Gen. Syrskyi visited Kupiansk on Oct. 3.", "Russia's MoD said the U.S. was wrong."]


def test_russian_keeps_np_and_lists_with_their_verb() -> None:
    text = ("Освобождены н.п.:\n— Ивановка;\n— Петровка.\n\nПотери ВСУ составили до 140 "
            "военнослужащих. Противник отступил.")
    assert [s.text for s in split_sentences(text, "ru")] == [
        "Освобождены н.п.:\n— Ивановка;\n— Петровка.",
        "Потери ВСУ составили до 140 военнослужащих.", "Противник отступил."]


def test_ukrainian_interview_turns_are_sentences() -> None:
    text = "Питання: Як ви потрапили на фронт?\nВідповідь: Підписав контракт. Це все."
    assert [s.text for s in split_sentences(text, "uk")] == [
        "Питання: Як ви потрапили на фронт?", "Відповідь: Підписав контракт.", "Це все."]


def test_language_detection() -> None:
    assert detect_language("Ворог атакував позиції наших захисників") == "uk"
    assert detect_language("Противник атаковал позиции") == "ru"
    assert detect_language("The enemy attacked") == "en"


@given(st.text(max_size=400), st.sampled_from(["en", "ru", "uk"]))
@settings(max_examples=200, deadline=None)
def test_spans_are_the_text(text: str, lang: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text, lang):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
