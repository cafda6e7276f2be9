"""Browser fixtures of every workbench test: Debian's Chromium driven by Playwright, the app
under uvicorn on a free loopback port, and pages that record console errors, failed and
outside requests. The fixtures are registered in ``conftest.py``; test modules import
``new_page``, ``serving``, ``open_workbench``, ``shot`` and the sizes. Screenshots go to
``out/``."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
OUT = ROOT / "out"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
WIDE, NARROW = {"width": 1400, "height": 900}, {"width": 400, "height": 800}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(store):
    """``frontcheck``'s app over ``store`` under uvicorn on a free loopback port."""
    import uvicorn

    from frontcheck.web.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1",
                                           port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def workbench_url(workbench_store):
    with serving(workbench_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=ARGS)
        yield chromium
        chromium.close()


def new_page(browser, url: str, viewport=WIDE):
    """A page that records console errors, page errors, failed and outside requests."""
    # The page's Content-Security-Policy forbids eval, which Playwright's wait_for_function
    # uses to poll its predicates; the page's own scripts need none, which
    # test_page_runs_under_its_own_content_security_policy checks with the policy on.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(
        f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(
        f"request failed ({r.failure}): {r.url}"))
    page.on("request", lambda r: r.url.startswith(url) or r.url.startswith("data:")
            or page.problems.append(f"request outside the server: {r.url}"))
    return page


def open_workbench(page, server_url: str, fragment: str = "") -> None:
    page.goto(f"{server_url}/{fragment}")
    page.wait_for_function("document.body.dataset.ready", timeout=60_000)
    assert page.evaluate("document.body.dataset.ready") == "true"


def shot(page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / name))


@pytest.fixture
def wide(browser, workbench_url):
    page = new_page(browser, workbench_url)
    yield page
    page.context.close()


@pytest.fixture
def narrow(browser, workbench_url):
    page = new_page(browser, workbench_url, NARROW)
    yield page
    page.context.close()
