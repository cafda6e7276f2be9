"""Sign-in in Debian's Chromium against a server whose store has users: a password field, the
token in session storage, a cancel that leaves a usable page, sign-out, and an analyst's
request for an unredacted item with a reason (logged), all by keyboard."""

from __future__ import annotations

import json

import pytest

from tests.conftest import copy_store
from tests.web.conftest import PROTECTED_NAME, frontcheck
from tests.web.workbench_browser import new_page, serving

pytestmark = pytest.mark.browser
#: Chromium reports each 401 answer on the console; those are the sign-in's own requests.
EXPECTED_401 = "status of 401"


@pytest.fixture(scope="module")
def users_store(workbench_store, tmp_path_factory):
    store = copy_store(workbench_store, tmp_path_factory.mktemp("users") / "store.sqlite")
    tokens = {}
    for name, role in (("root", "admin"), ("alice", "analyst"), ("victor", "viewer")):
        extra = () if name == "root" else ("--as-user", "root")
        assert frontcheck("users", "add", name, "--role", role, *extra, "--db", store).returncode == 0
    for name in ("alice", "victor"):
        done = frontcheck("tokens", "create", name, "--as-user", "root", "--db", store)
        assert done.returncode == 0, done.stderr
        tokens[name] = done.stdout.strip()
    return store, tokens


@pytest.fixture(scope="module")
def users_url(users_store):
    with serving(users_store[0]) as url:
        yield url


def problems(page) -> list[str]:
    return [p for p in page.problems if EXPECTED_401 not in p]


def sign_in_by_keyboard(page, token: str) -> None:
    page.wait_for_selector("#sign-in[open]")
    assert page.locator("#sign-in-token").get_attribute("type") == "password"
    assert page.evaluate("document.activeElement.id") == "sign-in-token"
    page.keyboard.type(token)
    page.keyboard.press("Enter")


def test_cancel_leaves_a_usable_page_then_sign_in_and_out(browser, users_url, users_store):
    page = new_page(browser, users_url)
    page.goto(users_url)
    page.wait_for_selector("#sign-in[open]")
    page.keyboard.press("Escape")                       # cancel
    page.wait_for_selector("body[data-ready='signed-out']", state="attached")
    assert page.locator("#signed-out").is_visible()
    assert page.evaluate("document.activeElement.id") == "signed-out-button"
    page.keyboard.press("Enter")                        # the form again, no reload
    sign_in_by_keyboard(page, users_store[1]["alice"])
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
    assert page.locator("#session-user").inner_text() == "alice · analyst"
    assert page.evaluate("sessionStorage.getItem('frontcheckToken')") == users_store[1]["alice"]
    assert page.evaluate("localStorage.getItem('frontcheckToken')") is None
    assert page.locator(".claim-marker, .claim-cluster").count() > 0
    page.click("#sign-out-button")
    page.wait_for_selector("#sign-in[open]")
    assert page.evaluate("sessionStorage.getItem('frontcheckToken')") is None
    page.keyboard.type("fc_wrong.token")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sign-in[open] #sign-in-message:not([hidden])")
    assert "refused" in page.locator("#sign-in-message").inner_text()
    assert problems(page) == []
    page.context.close()


def test_an_analyst_sees_an_item_unredacted_with_a_reason(browser, users_url, users_store):
    from sqlalchemy import select

    from frontcheck.store.engine import open_engine
    from frontcheck.store.schema import source

    with open_engine(users_store[0]) as engine, engine.connect() as connection:
        found = connection.execute(select(source.c.id, source.c.publisher).where(
            source.c.author == PROTECTED_NAME).order_by(source.c.id)).first()
    assert found is not None
    page = new_page(browser, users_url)
    page.goto(users_url)
    sign_in_by_keyboard(page, users_store[1]["alice"])
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
    page.click("button.tab[data-view=sources]")
    page.click(f"#publishers-table tbody tr[data-id='{found.publisher}']")
    page.click(f"#publisher-page tr[data-id='{found.id}']")
    page.wait_for_selector("#source-detail .source-text")
    assert PROTECTED_NAME not in page.locator("#source-detail").inner_text()
    page.locator("#source-detail button.unredact").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#reason[open]")
    page.keyboard.type("checking the unit against the exchange list")
    page.keyboard.press("Tab")                          # to Cancel, then to the submit button
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#source-detail .unredacted-banner")
    assert PROTECTED_NAME in page.locator("#source-detail").inner_text()
    audit = json.loads(frontcheck("audit", "show", "--format", "json", "--db", users_store[0]).stdout)
    assert audit[-1]["action"] == "unredacted_view" and audit[-1]["target"] == f"source:{found.id}"
    assert "exchange list" in audit[-1]["reason"]
    assert problems(page) == []
    page.context.close()


def test_a_viewer_is_not_offered_the_unredacted_view(browser, users_url, users_store):
    page = new_page(browser, users_url)
    page.goto(users_url)
    sign_in_by_keyboard(page, users_store[1]["victor"])
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
    page.click("button.tab[data-view=sources]")
    page.locator("#publishers-table tbody tr").first.click()
    page.locator("#publisher-page tbody tr").last.click()
    page.wait_for_selector("#source-detail h2")
    assert page.locator("#source-detail button.unredact").count() == 0
    page.context.close()
