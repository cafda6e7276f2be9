"""The article's analysis (built in ``test_analysis_product``: two hypotheses, seven evidence
items from the demo's sources, the pay figure) written up as a PDF brief with the verdicts on
the real map, and served as HTML by the API: the brief carries the matrix, the figure, the
share curves and maps, the numbered sources with hashes, and no protected name in any form."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.web.conftest import PROTECTED_NAME, frontcheck
from tests.web.test_analysis_product import product, product_client  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_article_as_a_pdf_brief_names_no_protected_person(product, product_client,  # noqa: F811
                                                              tmp_path):
    from frontcheck.app.person_protection import person_redactor
    from frontcheck.store.engine import open_engine

    store, analysis = product["store"], product["analysis"]
    pdf, html = tmp_path / "kursk.pdf", tmp_path / "kursk.html"
    done = frontcheck("report", "--ach", analysis, "--claims", "type=territorial",
                      "--figure", "pay_kept", "--save", "kursk", "--output", pdf, "--db", store)
    assert done.returncode == 0, done.stderr
    assert frontcheck("report", "--saved", "kursk", "--output", html, "--db",
                      store).returncode == 0
    page_html = html.read_text(encoding="utf-8")
    # the map was read: verdicts with share curves, and maps at the claim and change dates
    assert page_html.count('class="curve"') >= 1 and page_html.count('class="map"') >= 2
    assert page_html.count("<tr><td>") >= 7 + 2      # evidence rows and hypotheses
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    poppler = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    for heading in ("Question", "Hypotheses", "Matrix", "Derived figures", "Verdicts",
                    "Sources", "pay_kept"):
        assert heading in text and heading in poppler
    assert "Were the DPRK soldiers sent to Kursk" in " ".join(text.split())
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True)
    pixels = np.asarray(Image.open(tmp_path / "page.png").convert("L"))
    assert (pixels < 128).mean() > 0.005
    served = product_client.get("/api/reports/kursk")
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/html")
    assert "<h2>Matrix</h2>" in served.text
    listed = product_client.get("/api/reports").json()
    assert "kursk" in [r["name"] for r in listed]
    with open_engine(store) as engine, engine.connect() as connection:
        redactor = person_redactor(connection)
    outputs = [text, poppler, page_html, (tmp_path / "kursk.html").read_text(encoding="utf-8"),
               served.text, done.stderr]
    assert any("POW-1" in o for o in outputs)      # the prisoners' words are quoted ...
    assert not [o[:200] for o in outputs if redactor.finds(o) or PROTECTED_NAME in o]
