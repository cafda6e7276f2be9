"""Issue 11: a gesture answering a question about his family was read as an answer about the
deployment. A reported question ("Asked whether ..., he shook his head") is answered by the
gesture, about what the question asks."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.extract import extract_claims


def attributes(text: str) -> set[tuple[str, bool]]:
    return {(c.fields["predicate"], c.negated)
            for c in extract_claims(text, published_at=date(2025, 2, 1)) if c.type == "attribute"}


@pytest.mark.parametrize("text, expected", [
    ("Asked whether his family knew he had been sent to Russia, he shook his head.",
     {("family_contact", True)}),
    ("When asked if his parents knew he was sent to the war, he only nodded.",
     {("family_contact", False)}),
    ("На вопрос, знает ли семья, что его отправили воевать в Россию, он покачал головой.",
     {("family_contact", True)}),
    ("На питання, чи знають батьки, що його відправили на війну, він похитав головою.",
     {("family_contact", True)}),
])
def test_a_gesture_answers_the_question_about_the_family(text, expected):
    assert attributes(text) == expected


def test_a_gesture_answering_the_deployment_question_stays_about_the_deployment():
    found = attributes("Asked whether he had known he would be sent to fight, he shook his head.")
    assert found == {("knew_deployment", True)}
