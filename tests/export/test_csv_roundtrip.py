"""``tables.csv_cells``: whatever the values, the CSV reads back as written (numbers exactly,
text as written, or with the one leading ``'`` that keeps a formula from running)."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from frontcheck.tables.csv_cells import FORMULA_START, write_csv

def is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
values = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(), texts,
                   st.sampled_from(["-1e5", "=1+1", "+33 6", "@SUM(A1)", "-3.25", "\t=x"]))


@given(st.lists(st.fixed_dictionaries({"value": values, "place": st.fixed_dictionaries(
    {"id": texts, "lon": st.floats(-180, 180)})}), min_size=1, max_size=5))
def test_written_cells_read_back(records):
    buffer = io.StringIO()
    write_csv(buffer, records)
    reader = csv.DictReader(io.StringIO(buffer.getvalue(), newline=""))
    rows = list(reader)
    assert sorted(reader.fieldnames) == ["place_id", "place_lon", "value"]
    assert len(rows) == len(records)
    for record, row in zip(records, rows):
        value, place_id, lon = row["value"], row["place_id"], row["place_lon"]
        assert float(lon) == record["place"]["lon"]
        for written, cell in ((record["value"], value), (record["place"]["id"], place_id)):
            if isinstance(written, str):
                assert cell in (written, "'" + written)
                assert not cell.startswith(FORMULA_START) or is_number(cell), cell
            else:
                assert type(written)(cell) == written
