"""Speaker identities in the core: normalisation, the curated list, manual merges and splits."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontcheck.errors import InputError
from frontcheck.sources.speakers import (
    SpeakerAlias,
    parse_speaker_aliases,
    speaker_identities,
    speaker_key,
)

SHIPPED = resources.files("frontcheck.data").joinpath("speaker_aliases.csv").read_bytes()


@pytest.mark.parametrize("name", ["Russian Ministry of Defence", "Russian MoD",
                                  "Минобороны России", "Міноборони Росії",
                                  "russian ministry of defence (reported by Kyiv Independent)",
                                  "МИНОБОРОНЫ РОССИИ", "Minoborony Rossii"])
def test_the_russian_mod_in_three_languages_and_transliterations_is_one(name):
    ids = speaker_identities(parse_speaker_aliases(SHIPPED, "speaker_aliases.csv"))
    assert ids.identity_of(name) == "Russian Ministry of Defence"


def test_russia_and_a_unit_are_not_merged_with_the_ministry():
    ids = speaker_identities(parse_speaker_aliases(SHIPPED, "speaker_aliases.csv"))
    assert ids.identity_of("Russia") == "Russia"
    assert ids.identity_of("Russian General Staff") != "Russian Ministry of Defence"
    assert ids.identity_of("Генштаб ЗСУ") == ids.identity_of("Ukrainian General Staff")


def test_every_shipped_alias_names_its_source():
    rows = parse_speaker_aliases(SHIPPED, "speaker_aliases.csv")
    assert len(rows) > 20 and all(len(r.source) > 5 for r in rows)


def test_manual_merge_and_split_override_the_list():
    curated = (SpeakerAlias("Russian Ministry of Defence", "Russian MoD"),)
    ids = speaker_identities(curated, (SpeakerAlias("Russian MoD", "Russia", "manual"),))
    assert ids.identity_of("russia") == "Russian Ministry of Defence"
    # an identity's own name takes all its names along
    moved = speaker_identities((*curated, SpeakerAlias("DeepStateMAP", "DeepState")),
                               (SpeakerAlias("Russian MoD", "DeepStateMAP", "manual"),))
    assert moved.identity_of("DeepState") == "Russian Ministry of Defence"
    ids = speaker_identities(curated, (SpeakerAlias("Russian MoD", "Russian MoD", "removed"),))
    assert ids.identity_of("Russian MoD") == "Russian MoD"


def test_a_bad_alias_file_names_its_line_and_field():
    with pytest.raises(InputError) as error:
        parse_speaker_aliases(b"identity,alias,source\nA,B,\n", "x.csv")
    assert (error.value.line, error.value.field) == (2, "source")
    with pytest.raises(InputError):
        parse_speaker_aliases(b"\xff\xfe", "x.csv")


@given(st.text(max_size=60))
def test_speaker_key_is_idempotent(name):
    assert speaker_key(speaker_key(name)) == speaker_key(name)
