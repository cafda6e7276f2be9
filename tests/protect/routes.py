"""Every request the API can be asked, enumerated from the app: each route, each method, its
path parameters filled with every value the store holds (every source, claim, person,
publisher), its required query parameters and bodies filled from ``QUERY_VALUES`` and
``BODIES``. A route added later is enumerated too; one whose parameters are not known here
fails the tests that use this, naming what to add."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.routing import APIRoute
from sqlalchemy import select

DAY = "2025-11-20"   # held at every test scale
PLACES = ("gn:704422", "gn:695357")   # Pokrovsk, Kurakhove (a seeded claim's place)
#: Values of required query parameters: names and details a search might be given.
QUERY_VALUES = {"q": ("Кузьменко", "Ри Чжин Хёк", "Новокузнецк"), "on": (DAY,),
                "subject": ("North Korean troops", "Ri Jin-hyok", "Кузьменко"),
                "from": ("2024-09-25",), "to": ("2024-10-10",),
                # the map's labels around Pokrovsk, zoomed in (issue 15)
                "bbox": ("36.9,48.1,37.5,48.5",), "zoom": ("11",)}
#: Bodies of the routes that take one, naming protected persons where a name can go.
BODIES = {("POST", "/api/verify"): ({"place": "Курахово", "oblast": "Donetsk", "actor": "russia",
                                      "action": "captured", "claim_date": "2025-01-06",
                                      "claimant": "Дмитрий Кузьменко"},
                                     {"place": "Kurakhove", "actor": "russia",
                                      "action": "captured", "claim_date": "2025-01-06",
                                      "claimant": "Ri Jin-hyok"}),
          # issue 13: analyses and figures; the names go where an analyst could type them
          ("POST", "/api/ach"): ({"question": "Was Ri Jin-hyok's unit an elite corps?"},),
          ("POST", "/api/ach/{analysis_id}/hypotheses"): ({"text": "Дмитрий Кузьменко lied"},),
          ("POST", "/api/ach/{analysis_id}/evidence"): ({"rate": "H1=I", "claim": "P-004"},),
          ("POST", "/api/figures"): ({"name": "leak_check", "expr": "m * 2",
                                      "inputs": ["m=12"]},)}
#: Routes that write: a viewer is refused (403); analysts and admins are answered.
ANALYST_WRITES = {("POST", "/api/ach"), ("POST", "/api/ach/{analysis_id}/hypotheses"),
                  ("POST", "/api/ach/{analysis_id}/evidence"), ("POST", "/api/figures")}


def api_routes(app) -> list[APIRoute]:
    """Every route of the app, including those of included routers."""
    found: list[APIRoute] = []

    def walk(routes) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.append(route)
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)

    walk(app.routes)
    return found


def path_values(store: Path) -> dict[str, tuple[str, ...]]:
    """Every value of each path parameter the store holds."""
    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        sources = [str(i) for i in connection.scalars(select(s.source.c.id))]
        claims = list(connection.scalars(select(s.claim.c.id)))
        persons = connection.execute(select(s.person.c.id, s.person.c.pseudonym)).all()
        publishers = list(connection.scalars(select(s.publisher.c.name)))
        dates = sorted({d.isoformat() for d in connection.scalars(
            select(s.snapshot.c.snapshot_date))})
        analyses = [str(i) for i in connection.scalars(select(s.ach_analysis.c.id))]
        figures = list(connection.scalars(select(s.figure.c.name)))
        reports = list(connection.scalars(select(s.report_definition.c.name)))
    return {"source_id": tuple(sources), "claim_id": tuple(claims),
            "person": tuple([str(p.id) for p in persons] + [p.pseudonym for p in persons if p.pseudonym]),
            "name": (*publishers, "kyivindependent.com"), "figure": tuple(figures),
            "analysis_id": tuple(analyses), "report": tuple(reports),
            "on": (DAY, dates[0]) if DAY in dates else tuple(dates[:2]),
            "place_id": PLACES,
            # a saved brief's file: its text (the PDF is this HTML laid out; the CLI's leak
            # test reads the PDFs)
            "fmt": ("md", "html")}


def api_requests(app, store: Path) -> list[tuple[str, str, str, dict | None]]:
    """(route path, method, url, body) for every route and every value of its parameters."""
    schema = app.openapi()["paths"]
    values = path_values(store)
    requests = []
    for route in api_routes(app):
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            parameters = schema.get(route.path, {}).get(method.lower(), {}).get("parameters", [])
            required = [p["name"] for p in parameters if p["in"] == "query" and p.get("required")]
            unknown = [p for p in required if p not in QUERY_VALUES]
            names = re.findall(r"{(\w+)}", route.path)
            unknown += [p for p in names if p not in values]
            assert not unknown, f"{method} {route.path}: add values for {unknown} to tests/protect/routes.py"
            bodies = BODIES.get((method, route.path), (None,))
            assert method == "GET" or bodies != (None,), f"add a body for {method} {route.path}"
            paths = [route.path]
            for name in names:
                paths = [p.replace("{" + name + "}", quote(v, safe=":")) for p in paths
                         for v in values[name]]
            queries = [{}]
            for name in required:
                queries = [{**q, name: v} for q in queries for v in QUERY_VALUES[name]]
            for path in paths:
                for query in queries:
                    url = path + ("?" + urlencode(query) if query else "")
                    requests += [(route.path, method, url, body) for body in bodies]
    return requests
