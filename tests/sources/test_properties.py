"""Any bytes into any reader give items or an InputError, never another exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontcheck.errors import InputError
from frontcheck.sources import FORMAT_NAMES, detect_source_format, read_source
from frontcheck.sources.decode import parse_datetime
from frontcheck.sources.language import detect_language
from frontcheck.sources.model import SourceItem
from tests.sources.conftest import SAMPLE_FILES

READERS = [f for f in FORMAT_NAMES if f != "auto"]
SAMPLE_BYTES = [p.read_bytes() for p in SAMPLE_FILES.values()]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def items_or_input_error(data: bytes, name: str, fmt: str) -> None:
    try:
        result = read_source(data, name, fmt)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(name)
        return
    for item in result.items:
        assert isinstance(item, SourceItem)
        assert item.published_at is None or item.published_at.tzinfo is not None
        json.dumps(item.meta)          # meta is plain JSON, storable as is
    for error in result.errors:
        assert isinstance(error, InputError) and "\n" not in str(error)


@SETTINGS
@given(data=st.binary(max_size=600), fmt=st.sampled_from([*READERS, "auto"]))
def test_arbitrary_bytes(data, fmt):
    items_or_input_error(data, "input.bin", fmt)


@SETTINGS
@given(sample=st.sampled_from(SAMPLE_BYTES), cut=st.integers(0, 4000),
       junk=st.binary(max_size=8), fmt=st.sampled_from(READERS))
def test_damaged_samples(sample, cut, junk, fmt):
    """Samples cut short or with bytes spliced in: the harder cases for each parser."""
    cut = min(cut, len(sample))
    items_or_input_error(sample[:cut] + junk + sample[cut + len(junk):], "damaged.txt", fmt)


@SETTINGS
@given(text=st.text(max_size=300), fmt=st.sampled_from(READERS))
def test_arbitrary_text(text, fmt):
    items_or_input_error(text.encode("utf-8"), "input.txt", fmt)


@SETTINGS
@given(doc=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                        lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.sampled_from(["id", "type", "date", "text", "messages",
                                                           "datetime", "description", "name",
                                                           "date_unixtime", "chats", "list"]),
                                          inner, max_size=5), max_leaves=20))
def test_arbitrary_json_documents(doc):
    data = json.dumps(doc).encode()
    for fmt in ("telegram", "tracker-log"):
        items_or_input_error(data, "doc.json", fmt)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_detection_names_a_format_or_says_it_cannot(data):
    try:
        assert detect_source_format(data, "x") in READERS
    except InputError as exc:
        assert "cannot tell the source format" in str(exc)


@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_dates_parse_aware_or_fail_as_input_error(value):
    try:
        parsed = parse_datetime(value, "f", field="date")
    except InputError:
        return
    assert parsed.tzinfo is not None


@given(text=st.text(max_size=200))
def test_language_is_a_two_letter_code_or_none(text):
    """en, ru, uk, another language's code (told as unsupported), or "" — never a crash."""
    language = detect_language(text)
    assert language == "" or (len(language) == 2 and language.isalpha())
