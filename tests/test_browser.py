"""End to end in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Upload an article, see its match, open the side-by-side view, check the highlighted edits, open the
story, and make sure an article carrying <script> / <img onerror> stays inert text.
A screenshot of the side-by-side view is saved under test-artifacts/.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: `make install` installs Debian's chromium package", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (make install adds it)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from conftest import fixture_text, make_article  # noqa: E402
from unspun.store.index import Index, IndexConfig  # noqa: E402
from unspun.server import create_app  # noqa: E402

HARBOUR = (
    "The harbour committee met on Tuesday evening to discuss repairs to the old pier.\n\n"
    "Chair Morwenna Tregothnan said the pier had been closed since the storm in February.\n\n"
    "Engineers estimate the work will cost 4,500 pounds and take six weeks to finish.\n\n"
    "Fishermen told the meeting that the closure had cut their landings by a third.\n\n"
    "The committee approved the budget unanimously and asked for a report in May."
)
SCRIPTED = (
    "The harbour committee met on Tuesday night to talk about repairs to the old pier.\n\n"
    'Chair Morwenna Tregothnan said <script>window.__pwned = 1</script> the pier had been shut '
    'since the storm in February <img src=x onerror="window.__pwned = 2">.\n\n'
    "Engineers reckon the work will cost 4,500 pounds and take six weeks to complete.\n\n"
    "Fishermen told the meeting that the closure had cut their catches by a third.\n\n"
    "The committee passed the budget unanimously and asked for a report in May."
)


def _wait(condition, timeout: float = 15) -> None:
    """Poll from Python: the page's CSP forbids the string evaluation wait_for_function would need."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "index.duckdb"
    index = Index(str(db), IndexConfig(in_memory=True))
    index.add([make_article(n, fixture_text(n), title=f"{n.replace('_', ' ').title()} story")
               for n in ("original", "other_event", "unrelated")]
              + [make_article("harbour", HARBOUR, title="Harbour committee approves pier repairs")])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(index), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    index.close()


@pytest.fixture(scope="module")
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.console_errors = []
        pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
        yield pg
        browser.close()


@pytest.mark.slow
def test_upload_check_compare_and_open_story(base_url, page, tmp_path):
    upload = tmp_path / "spun-copy.txt"
    upload.write_text(fixture_text("spun"), encoding="utf-8")
    page.goto(base_url + "/")
    page.wait_for_selector("#stats:has-text('articles indexed')")
    page.set_input_files("#file", str(upload))
    _wait(lambda: len(page.input_value("#text")) > 100)
    assert page.input_value("#title") == "spun-copy"
    page.click("#check")
    page.wait_for_selector("#matches li.match")
    matches = page.locator("#matches li.match")
    assert matches.count() == 1
    assert "Original story (original)" in matches.first.inner_text()

    matches.first.locator("button.compare").click()
    page.wait_for_selector("#compare-section:not([hidden])")
    # both full texts, exactly, with matched passages and changed words highlighted
    assert page.text_content("#compare-a") == fixture_text("original")
    assert page.text_content("#compare-b") == fixture_text("spun")
    assert page.locator("#compare-b .hl-paraphrase, #compare-b .hl-copy").count() > 3
    changed = page.locator("#compare-b .hl-changed")
    assert changed.count() > 3
    # a highlighted changed word really differs between the versions
    words_b = {changed.nth(i).inner_text().casefold() for i in range(changed.count())}
    assert any(w not in fixture_text("original").casefold() for w in words_b)
    bg = page.eval_on_selector("#compare-b .hl-changed", "e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-side-by-side.png"), full_page=False)

    matches.first.locator("button.open-story").click()
    page.wait_for_selector("#story:not([hidden])")
    assert page.locator("#story-articles li").count() == 1  # the checked article was not added
    page.click("#load-stories")
    page.wait_for_selector("#stories li")
    assert page.dialogs == [] and page.console_errors == []


@pytest.mark.slow
def test_script_bearing_article_stays_inert_text(base_url, page):
    page.goto(base_url + "/")
    page.fill("#title", '<img src=x onerror="window.__pwned = 3">')
    page.fill("#text", SCRIPTED)
    page.click("#check-add")
    page.wait_for_selector("#status:has-text('added as')")
    page.wait_for_selector("#matches li.match")
    page.locator("#matches li.match").first.locator("button.compare").click()
    page.wait_for_selector("#compare-section:not([hidden])")
    assert page.text_content("#compare-b") == SCRIPTED  # shown literally, tags and all
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#compare-b")

    # open the stored pair from the story table too: the same text, still inert
    page.locator("#matches li.match").first.locator("button.open-story").click()
    page.wait_for_selector("#story-pairs tbody tr")
    page.locator("#story-pairs button.compare-pair").first.click()
    _wait(lambda: "__pwned" in (page.text_content("#compare-b") or ""))

    assert page.evaluate("window.__pwned") is None
    assert page.locator("#compare-a img, #compare-b img, #story img, #matches img").count() == 0
    assert page.locator("script").count() == 1  # only the page's own app.js
    assert page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "browser-script-inert.png"), full_page=False)
