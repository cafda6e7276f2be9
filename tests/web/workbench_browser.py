"""Browser fixtures of the workbench tests (issue 15): Debian's Chromium, a server over the
workbench store, and pages at 1400 and 400 px that record console errors and outside requests.
Registered in ``conftest.py``; the test modules import only ``new_page``, ``serving`` and the
sizes."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest

from tests.web.test_browser import ARGS, CHROMIUM, free_port

WIDE, NARROW = {"width": 1400, "height": 900}, {"width": 400, "height": 800}


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
