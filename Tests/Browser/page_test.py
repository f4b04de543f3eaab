#!/usr/bin/env python3
"""The `dabrepo serve` page in a real browser: headless Chromium driven by Selenium (Debian's chromium and
chromium-driver, selenium 4.51.0; scripts/install-test-tools installs them).

A fresh bundle from `dabrepo init` (a git repository), `dabrepo serve --port 0` on it, the fake language model
service (Tests/FakeLLM/fake_llm.py) for the requests the offline planner does not understand. The test:
- opens the printed URL (the token becomes a cookie) and reads the status bar;
- types "make the dev cluster smaller" and presses Enter: the offline planner's revision card appears;
- types a request only the model understands: the model's text streams in, its tool call shows collapsed,
  and a second revision card appears; opens that card's semantic diff and downloads its ZIP, whose files are
  those of `git archive` at that revision;
- types a third request and stops it with Esc: the repository is unchanged; Undo on the second card reverts it;
- opens the revisions timeline and the files view (YAML highlighted); validates, and follows a finding's link to
  its line;
- narrows the window to 375x800: no horizontal scrolling;
- starts a new conversation and opens the earlier one again from the list; a reload keeps it open, and a
  question's choice buttons (a click on one after the reload answers it), and Undo on its latest revision;
- a tab opened from the page starts its own conversation; when it goes on in the first tab's, the first tab's
  next request is not sent and shows that turn instead; a request over the length limit stays in the box;
- fails on any SEVERE entry in the browser console (a Content-Security-Policy violation is one);
- stops the server: the next request says that `dabrepo serve` is not answering and what to do;
- saves screenshots (serve.png, serve-phone.png) into --screenshots.

Usage: page_test.py --dabrepo .build/debug/dabrepo [--screenshots DIR]   (prints "serve page browser test: OK")
"""
import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
MODEL_REQUEST = "the nightly job should never run longer than two hours, it blocks the warehouse"
STOPPED_REQUEST = "tidy up this bundle please"
MODEL_TEXT = ["Looking at ", "nightly_etl_job: ", "it has no timeout yet, ", "so I will give it two hours."]


def fail(message):
    raise AssertionError(message)


class Process:
    """A child process whose first stdout line is read; its output is kept for failure messages."""

    def __init__(self, arguments, cwd, env):
        self.process = subprocess.Popen(arguments, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.process.stdout.readline().strip()
        self.rest = []
        self.errors = []
        threading.Thread(target=lambda: self.rest.extend(self.process.stdout), daemon=True).start()
        threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True).start()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self):
        return self.first_line + "\n" + "".join(self.rest) + "".join(self.errors)


def run(arguments, cwd, env):
    result = subprocess.run(arguments, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        fail("%s failed (%d): %s%s" % (" ".join(arguments), result.returncode, result.stdout, result.stderr))
    return result.stdout


def model_script(directory):
    key = "sk-ant-FAKE-" + secrets.token_hex(12)
    script = {"keys": {"anthropic": key}, "responses": [
        {"text": "".join(MODEL_TEXT), "chunks": MODEL_TEXT,
         "tool_calls": [{"id": "toolu_1", "name": "edit_bundle", "arguments": {
             "subject": "Give nightly_etl_job a two-hour timeout", "summary": "Give nightly_etl_job a two-hour timeout.",
             "edits": [{"op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200}]}}],
         "stop_reason": "tool_use", "usage": {"input_tokens": 1200, "output_tokens": 80}},
        {"text": "The nightly job now times out after two hours.", "stop_reason": "end_turn",
         "usage": {"input_tokens": 1400, "output_tokens": 20}},
        # The request stopped with Esc: an answer that comes too late to matter.
        {"delay": 30, "text": "Too late.", "stop_reason": "end_turn"},
    ]}
    path = os.path.join(directory, "fake-llm-script.json")
    with open(path, "w") as f:
        json.dump(script, f)
    return path, key


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                     "--disable-component-update", "--disable-default-apps"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False,
                                              "download.directory_upgrade": True, "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def wait(driver, condition, what, seconds=60):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1).until(condition)
    except Exception:
        fail("timed out waiting for %s; page text:\n%s" % (what, driver.find_element(By.TAG_NAME, "body").text))


def shown_file(driver):
    """The path the file view shows (read in one script: the view is replaced as a file loads)."""
    return driver.execute_script("const p = document.querySelector('#file-view .file-path'); return p ? p.textContent : null")


def send(driver, text):
    box = driver.find_element(By.ID, "composer-input")
    box.click()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def screenshot(driver, path):
    if not driver.save_screenshot(path):
        fail("could not save the screenshot " + path)


def archive_files(repo, revision, env):
    out = os.path.join(tempfile.mkdtemp(), "archive.zip")
    run(["git", "archive", "--format=zip", "-o", out, revision], repo, env)
    with zipfile.ZipFile(out) as z:
        return sorted(n for n in z.namelist() if not n.endswith("/"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dabrepo", default=os.path.join(ROOT, ".build", "debug", "dabrepo"))
    parser.add_argument("--screenshots", default=None, help="where serve.png and serve-phone.png go (default: the temporary directory)")
    args = parser.parse_args()
    dabrepo = os.path.abspath(args.dabrepo)

    work = tempfile.mkdtemp(prefix="dabrepo-browser-")
    home = os.path.join(work, "home")
    os.makedirs(home)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "DATABRICKS_", "ANTHROPIC_", "OPENAI_", "DABREPO_"))}
    env.update({"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"), "GIT_CONFIG_NOSYSTEM": "1", "SE_OFFLINE": "true"})
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    screenshots = os.path.abspath(args.screenshots) if args.screenshots else work
    os.makedirs(screenshots, exist_ok=True)

    run([dabrepo, "init", "nightly_etl", "--template", "default-python"], work, env)
    repo = os.path.join(work, "nightly_etl")
    script, key = model_script(work)
    llm = Process([sys.executable, os.path.join(ROOT, "Tests", "FakeLLM", "fake_llm.py"), "--script", script], work, env)
    if not llm.first_line.startswith("PORT "):
        fail("the fake model service did not start: " + llm.output())
    serve_env = dict(env, ANTHROPIC_API_KEY=key, ANTHROPIC_BASE_URL="http://127.0.0.1:%s" % llm.first_line.split()[1],
                     DABREPO_AGENT="auto", DABREPO_MODEL="claude-test")
    server = Process([dabrepo, "serve", "--port", "0"], repo, serve_env)
    driver = None
    try:
        url = server.first_line
        if not url.startswith("http://127.0.0.1:") or "token=" not in url:
            fail("dabrepo serve printed no URL with a token: " + server.output())
        driver = browser(downloads)
        driver.get(url)
        wait(driver, lambda d: "HEAD" in d.find_element(By.ID, "status-bar").text, "the status bar")
        status = driver.find_element(By.ID, "status-bar").text
        head = run(["git", "rev-parse", "HEAD"], repo, env).strip()
        if head[:8] not in status:
            fail("the status bar does not show HEAD %s: %s" % (head[:8], status))
        if "token=" in driver.current_url:
            fail("the token stayed in the address bar: " + driver.current_url)
        if not driver.find_element(By.ID, "examples").is_displayed():
            fail("an empty conversation shows no example prompts")
        # Without a workspace, no example that needs one (they failed with "no Databricks workspace configured").
        shown = [b.text for b in driver.find_elements(By.CSS_SELECTOR, ".example") if b.is_displayed()]
        if not shown or any("Generate a bundle from job" in t or "/Workspace/" in t for t in shown):
            fail("the examples without a workspace are %r" % shown)

        # The offline planner: a revision card for the dev cluster.
        send(driver, "make the dev cluster smaller")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".revision-card")) == 1, "the first revision card")
        first = driver.find_element(By.CSS_SELECTOR, ".revision-card")
        subject = run(["git", "log", "-1", "--format=%s"], repo, env).strip()
        if first.find_element(By.CSS_SELECTOR, ".revision-subject").text != subject:
            fail("the card's subject %r is not the commit's %r" % (first.find_element(By.CSS_SELECTOR, ".revision-subject").text, subject))
        wait(driver, lambda d: not d.find_element(By.ID, "stop").is_enabled(), "the end of the first turn")
        # The card says what was done in a sentence and how the bundle was left; the planned change before it
        # is not shown a second time.
        said = first.find_element(By.CSS_SELECTOR, ".revision-summary").text
        if "worker" not in said:
            fail("the card's summary %r does not say what changed" % said)
        if "Committed" not in first.find_element(By.CSS_SELECTOR, ".revision-validation").text:
            fail("the card does not say how the bundle was left")
        if driver.find_elements(By.CSS_SELECTOR, ".turn details.preview, details.preview"):
            fail("the planned change is shown beside the committed revision's diff")

        # The model: streamed text, a collapsed tool call, a second revision card. An observer records the
        # streamed paragraph's text as each piece is added (each assignment adds a new text node): it grows.
        driver.execute_script("""
            window.streamedTexts = [];
            new MutationObserver((records) => {
              for (const r of records) {
                const p = (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest(".streamed");
                if (!p) continue;
                for (const node of r.addedNodes) if (node.nodeType === 3) window.streamedTexts.push(node.data);
              }
            }).observe(document.getElementById("messages"), {childList: true, characterData: true, subtree: true});
        """)
        send(driver, MODEL_REQUEST)
        wait(driver, lambda d: any(t.text.strip() for t in d.find_elements(By.CSS_SELECTOR, ".message-agent .streamed")), "streamed text")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".revision-card")) == 2, "the second revision card")
        wait(driver, lambda d: not d.find_element(By.ID, "stop").is_enabled(), "the end of the second turn")
        streamed = " ".join(t.text for t in driver.find_elements(By.CSS_SELECTOR, ".message-agent .streamed"))
        if "".join(MODEL_TEXT).strip() not in streamed:
            fail("the model's text did not arrive whole: %r" % streamed)
        texts = driver.execute_script("return window.streamedTexts")
        whole = "".join(MODEL_TEXT)
        partial = [t for t in texts if t and whole.startswith(t) and t != whole]
        if not partial:
            fail("the model's text arrived in one piece, not streamed: %r" % texts)
        tool = driver.find_element(By.CSS_SELECTOR, ".tool-call")
        if tool.get_attribute("open") is not None or "edit_bundle" not in tool.find_element(By.TAG_NAME, "summary").text:
            fail("the tool call is not shown collapsed with its name: %r" % tool.text)
        card = driver.find_elements(By.CSS_SELECTOR, ".revision-card")[1]
        revision = card.get_attribute("data-revision")
        if run(["git", "rev-parse", "HEAD"], repo, env).strip() != revision:
            fail("the second card's revision %s is not HEAD" % revision)
        card.find_element(By.CSS_SELECTOR, ".revision-diff summary").click()
        diff = card.find_element(By.CSS_SELECTOR, ".revision-diff .diff")
        wait(driver, lambda d: diff.is_displayed() and "timeout_seconds" in diff.text, "the opened semantic diff")
        if "7200" not in diff.text:
            fail("the diff does not show the new timeout: " + diff.text)

        # The ZIP equals git archive of that revision.
        card.find_element(By.CSS_SELECTOR, ".zip-link").click()
        def downloaded(_):
            names = [n for n in os.listdir(downloads) if n.endswith(".zip")]
            return names[0] if names and not any(n.endswith(".crdownload") for n in os.listdir(downloads)) else False
        name = wait(driver, downloaded, "the ZIP download", 30)
        with zipfile.ZipFile(os.path.join(downloads, name)) as z:
            zipped = sorted(n for n in z.namelist() if not n.endswith("/"))
        expected = archive_files(repo, revision, env)
        if zipped != expected:
            fail("the ZIP holds %s, git archive %s" % (zipped, expected))

        screenshot(driver, os.path.join(screenshots, "serve.png"))

        # Esc stops a running turn: the repository stays as it was.
        status_before = run(["git", "status", "--porcelain"], repo, env)
        send(driver, STOPPED_REQUEST)
        wait(driver, lambda d: d.find_element(By.ID, "stop").is_enabled(), "the stop button during the third turn")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".message-agent")[-1].get_attribute("aria-busy") == "true", "the third turn")
        time.sleep(1)
        driver.find_element(By.ID, "composer-input").send_keys(Keys.ESCAPE)
        wait(driver, lambda d: not d.find_element(By.ID, "stop").is_enabled(), "the stopped turn to end", 20)
        if run(["git", "rev-parse", "HEAD"], repo, env).strip() != revision or run(["git", "status", "--porcelain"], repo, env) != status_before:
            fail("the stopped turn changed the repository:\n" + run(["git", "log", "-3", "--stat"], repo, env) + run(["git", "status"], repo, env))

        # Undo on the card reverts that revision with a new one.
        card.find_element(By.CSS_SELECTOR, ".undo").click()
        wait(driver, lambda d: card.find_element(By.CSS_SELECTOR, ".undo-outcome").text.strip(), "the undo outcome")
        outcome = card.find_element(By.CSS_SELECTOR, ".undo-outcome").text
        if "error" in (card.find_element(By.CSS_SELECTOR, ".undo-outcome").get_attribute("class") or ""):
            fail("undo failed: " + outcome)
        if run(["git", "rev-parse", "HEAD~1"], repo, env).strip() != revision:
            fail("undo did not add a revision on top of %s" % revision)
        with open(os.path.join(repo, "resources", "nightly_etl.job.yml")) as f:
            if "timeout_seconds" in f.read():
                fail("undo left the timeout in the job file")

        # The revisions timeline and the files at HEAD, highlighted.
        driver.find_element(By.CSS_SELECTOR, ".view-button[data-view='revisions']").click()
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".revision-entry")) >= 4, "the revisions timeline")
        wait(driver, lambda d: subject in d.find_element(By.ID, "view-revisions").text, "the first turn's revision in the timeline")
        # A commit dabrepo did not make (the first one) has no transcript: its detail showed the word "null".
        driver.find_elements(By.CSS_SELECTOR, ".revision-entry")[-1].click()
        wait(driver, lambda d: "Initialize bundle" in d.find_element(By.ID, "revision-detail").text
             and d.find_elements(By.CSS_SELECTOR, "#revision-detail .zip-link"), "the first revision's detail")
        detail = driver.find_element(By.ID, "revision-detail").text
        if "null" in detail.split():
            fail("the first revision's detail shows null: " + detail[:300])
        if driver.find_elements(By.CSS_SELECTOR, "#revision-detail .zip-link")[0].get_attribute("download") != "":
            fail("the ZIP link names another file than the server sends")
        # The target chooser, used from the keyboard: the detail is drawn again and focus stays on the chooser
        # (it went to the page's body, 17 tab stops away).
        chooser = driver.find_element(By.ID, "revision-target")
        chooser.send_keys(Keys.ARROW_DOWN)
        wait(driver, lambda d: d.execute_script("var c = document.getElementById('revision-target'); return c && c.value !== '' && document.activeElement === c"),
             "focus on the target chooser after choosing a target with the keyboard")
        driver.find_element(By.CSS_SELECTOR, ".view-button[data-view='files']").click()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#file-view .yaml-key"), "a highlighted YAML file")

        # A finding links to its line: a cluster without workers (committed with git itself) is a warning.
        job_file = os.path.join(repo, "resources", "nightly_etl.job.yml")
        with open(job_file) as f:
            job = f.read()
        with open(job_file, "w") as f:
            f.write(job.replace("num_workers: 2", "num_workers: 0"))
        run(["git", "commit", "-qam", "A cluster without workers"], repo, env)
        driver.find_element(By.ID, "validate").click()
        link = wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#findings .finding-location")
                                             if a.text.startswith("resources/nightly_etl.job.yml:")), None), "the single-node finding")
        line = int(link.text.split(":")[1])
        link.click()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#file-view .code-line.highlighted"), "the finding's line")
        shown = driver.find_element(By.CSS_SELECTOR, "#file-view .code-line.highlighted")
        if shown.get_attribute("id") != "L%d" % line or "num_workers: 0" not in shown.text:
            fail("the finding's link shows %s %r, not line %d with num_workers: 0" % (shown.get_attribute("id"), shown.text, line))

        # File names with a % or a ":12" of their own open that file (the page decoded the whole link: a
        # URIError for "100%.sql", and "q:12" opened "q" at line 12).
        odd = [("src/100%.sql", "SELECT 100 AS percent"), ("src/q:12", "twelve of q")]
        for name, content in odd:
            with open(os.path.join(repo, name), "w") as f:
                f.write(content + "\n")
        run(["git", "add", "-A"], repo, env)
        # (A long subject: the revision chooser is as wide as its longest entry.)
        run(["git", "commit", "-qm", "Files with odd names, committed with a subject long enough to be wider than a phone's screen"], repo, env)
        driver.find_element(By.CSS_SELECTOR, ".view-button[data-view='revisions']").click()
        driver.find_element(By.CSS_SELECTOR, ".view-button[data-view='files']").click()
        for name, content in odd:
            link = wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, ".file-link") if a.text == name), None), "the link of " + name)
            link.click()
            wait(driver, lambda d: shown_file(d) == name and content in d.execute_script("return document.getElementById('file-view').textContent"),
                 name + " opened")
        # At phone width a file chosen below the list is scrolled to (clicking seemed to do nothing).
        driver.set_window_size(375, 800)
        time.sleep(0.3)
        driver.execute_script("window.scrollTo(0, 0)")
        next(a for a in driver.find_elements(By.CSS_SELECTOR, ".file-link") if a.text == "databricks.yml").click()
        wait(driver, lambda d: shown_file(d) == "databricks.yml", "databricks.yml opened at phone width")
        top = driver.execute_script("return document.getElementById('file-view').getBoundingClientRect().top")
        if top < -5 or top > 700:
            fail("at phone width the chosen file is not in view (its top at %s px)" % top)
        inner = driver.execute_script("return window.innerWidth")
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > inner:
            fail("at 375px the files view scrolls sideways (the revision chooser is %s px wide): %d > %d"
                 % (driver.execute_script("return document.getElementById('file-revision').offsetWidth"), scroll, inner))
        driver.set_window_size(1280, 900)

        # Phone width: nothing scrolls sideways.
        driver.find_element(By.CSS_SELECTOR, ".view-button[data-view='chat']").click()
        driver.set_window_size(375, 800)
        time.sleep(0.5)
        inner = driver.execute_script("return window.innerWidth")
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > inner:
            fail("at 375px the page scrolls sideways: %d > %d" % (scroll, inner))
        screenshot(driver, os.path.join(screenshots, "serve-phone.png"))
        driver.set_window_size(1280, 900)

        # A new conversation starts empty with the examples; the earlier one opens again from the list.
        driver.find_element(By.ID, "new-conversation").click()
        wait(driver, lambda d: d.find_element(By.ID, "examples").is_displayed() and not d.find_elements(By.CSS_SELECTOR, ".message"),
             "an empty new conversation")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".conversation"), "the conversations list")
        driver.find_element(By.CSS_SELECTOR, ".conversation").click()
        wait(driver, lambda d: "make the dev cluster smaller" in [m.text for m in d.find_elements(By.CSS_SELECTOR, ".message-user")],
             "the earlier conversation, opened again")

        # A reload keeps this tab in its conversation (it opened empty).
        driver.refresh()
        wait(driver, lambda d: "make the dev cluster smaller" in [m.text for m in d.find_elements(By.CSS_SELECTOR, ".message-user")],
             "the conversation, open again after a reload")

        # A question's choice buttons come back after a reload (only its text did), and a click answers it.
        send(driver, "rename the job")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".question .choice"), "the question's choice buttons")
        driver.refresh()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".question .choice"), "the question's choice buttons after a reload")
        revisions_before = len(driver.find_elements(By.CSS_SELECTOR, ".revision-card"))
        driver.find_elements(By.CSS_SELECTOR, ".question .choice")[0].click()
        # The request box has the focus again after a choice (typing went nowhere).
        focused = driver.execute_script("return document.activeElement && document.activeElement.id")
        if focused != "composer-input":
            fail("after a choice the focus is on %r, not the request box" % focused)
        # The offered name is an example: it waits in the box, its made-up part selected, for the user to send.
        boxed = driver.execute_script("const b = document.getElementById('composer-input'); return [b.value, b.value.slice(b.selectionStart, b.selectionEnd)];")
        if boxed != ["rename it to 'Nightly ETL'", "Nightly ETL"]:
            fail("the example name in the box: %r" % (boxed,))
        driver.find_element(By.ID, "send").click()
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".revision-card")) > revisions_before, "the revision the reloaded choice made")
        # The new card is scrolled into view (it landed below the visible part of the conversation).
        visible = driver.execute_script(
            "const cards = document.querySelectorAll('.revision-card'); const r = cards[cards.length - 1].getBoundingClientRect();"
            "return r.bottom > 0 && r.top < window.innerHeight;")
        if not visible:
            fail("the revision card of the answered question is not in view")

        # An example answer (a made-up address) goes into the box to edit, its made-up part selected; nothing is sent
        # (a click committed a made-up service principal id).
        wait(driver, lambda d: not d.find_element(By.ID, "stop").is_enabled(), "the end of the answered turn")
        head_before = run(["git", "rev-parse", "HEAD"], repo, env).strip()
        examples_before = len(driver.find_elements(By.CSS_SELECTOR, ".question .choice-example"))
        send(driver, "email on failure")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".question .choice-example")) > examples_before, "the example answer of the question")
        driver.find_elements(By.CSS_SELECTOR, ".question .choice-example")[-1].click()
        boxed = driver.execute_script("const b = document.getElementById('composer-input');"
                                      "return [b.value, b.value.slice(b.selectionStart, b.selectionEnd), document.activeElement === b];")
        if boxed != ["email ana@example.com on failure", "ana@example.com", True]:
            fail("the example answer in the box: %r" % (boxed,))
        time.sleep(1)
        if run(["git", "rev-parse", "HEAD"], repo, env).strip() != head_before:
            fail("a click on an example answer made a revision")
        driver.execute_script("document.getElementById('composer-input').value = ''")

        # A reload offers Undo on the conversation's latest revision, which is HEAD (it was only a link).
        driver.refresh()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".message-agent .undo"), "Undo on the latest revision after a reload")
        # A tab opened from this one starts a conversation of its own (it continued this one, unseen).
        first_tab = driver.current_window_handle
        driver.execute_script("window.open(location.pathname)")
        driver.switch_to.window([h for h in driver.window_handles if h != first_tab][0])
        wait(driver, lambda d: d.find_element(By.ID, "examples").is_displayed() and not d.find_elements(By.CSS_SELECTOR, ".message"),
             "an empty conversation in a tab opened from the page")
        # When it opens the first tab's conversation and goes on, the first tab's next request is not sent
        # ("make it 4" would be about a turn it never showed): it shows the other tab's turn, the text back in the box.
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".conversation"), "the conversations list in the second tab")
        driver.find_element(By.CSS_SELECTOR, ".conversation").click()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".message-user"), "the first tab's conversation in the second tab")
        cards = len(driver.find_elements(By.CSS_SELECTOR, ".revision-card"))
        send(driver, "add the tag team=data to the job")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".revision-card")) > cards, "the second tab's revision")
        driver.close()
        driver.switch_to.window(first_tab)
        head_before = run(["git", "rev-parse", "HEAD"], repo, env).strip()
        send(driver, "add the tag owner=ops to the job")
        wait(driver, lambda d: any("another tab" in e.text for e in d.find_elements(By.CSS_SELECTOR, ".error")), "the other tab's turn said")
        wait(driver, lambda d: "add the tag team=data to the job" in [m.text for m in d.find_elements(By.CSS_SELECTOR, ".message-user")],
             "the other tab's turn shown")
        if driver.find_element(By.ID, "composer-input").get_attribute("value") != "add the tag owner=ops to the job":
            fail("the request refused for the other tab's turns is not back in the box")
        if run(["git", "rev-parse", "HEAD"], repo, env).strip() != head_before:
            fail("a request sent after another tab's turn, unseen, was committed")
        driver.find_element(By.ID, "composer-input").clear()
        # A request over the server's limit is said in the page and stays in the box to shorten.
        driver.execute_script("const box = document.getElementById('composer-input'); box.value = 'x'.repeat(25000);"
                              "document.getElementById('composer').requestSubmit();")
        wait(driver, lambda d: any("fewer words" in e.text for e in d.find_elements(By.CSS_SELECTOR, ".error")), "the length limit said")
        if len(driver.find_element(By.ID, "composer-input").get_attribute("value")) != 25000:
            fail("a request over the length limit was taken out of the box")
        driver.find_element(By.ID, "composer-input").clear()

        # Stop pressed before the server names the turn: it is asked as soon as it does, and the page says
        # what happened (it said "Stopped; nothing changed." while the revision was committed).
        head_before = run(["git", "rev-parse", "HEAD"], repo, env).strip()
        agents = len(driver.find_elements(By.CSS_SELECTOR, ".message-agent"))
        driver.execute_script("send(arguments[0]); stop();", "set the max concurrent runs of the job to 3")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".message-agent")) > agents
             and d.find_elements(By.CSS_SELECTOR, ".message-agent")[-1].get_attribute("aria-busy") != "true", "the turn stopped at once", 20)
        last = driver.find_elements(By.CSS_SELECTOR, ".message-agent")[-1]
        committed = run(["git", "rev-parse", "HEAD"], repo, env).strip() != head_before
        if committed and not last.find_elements(By.CSS_SELECTOR, ".revision-card"):
            fail("a stopped turn committed without its revision card: %r" % last.text)
        if committed and "nothing changed" in last.text.lower():
            fail("a stopped turn that committed says nothing changed: %r" % last.text)
        if not committed and "Stopped" not in last.text:
            fail("a stopped turn does not say it stopped: %r" % last.text)
        if run(["git", "status", "--porcelain"], repo, env).strip():
            fail("a stopped turn left the working tree changed:\n" + run(["git", "status"], repo, env))

        # (The 409 of the request sent after the other tab's turn is the answer asked for, not an error of the page.)
        severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"
                  and not ("/api/chat" in entry.get("message", "") and "409" in entry.get("message", ""))]
        if severe:
            fail("the browser console reported errors: %s" % json.dumps(severe, indent=2))
        # The server stops: a request says so and what to do, not the browser's "Failed to fetch".
        server.stop()
        send(driver, "make the prod cluster larger")
        wait(driver, lambda d: any("dabrepo serve is not answering" in e.text for e in d.find_elements(By.CSS_SELECTOR, ".error")),
             "the message that the server is not answering")
        if any("Failed to fetch" in e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error")):
            fail("a stopped server is said as the browser's 'Failed to fetch'")
        print("serve page browser test: OK (screenshots in %s)" % screenshots)
    except Exception:
        print("dabrepo serve output:\n" + server.output(), file=sys.stderr)
        raise
    finally:
        if driver is not None:
            driver.quit()
        server.stop()
        llm.stop()
        shutil.rmtree(work, ignore_errors=True) if args.screenshots else None


if __name__ == "__main__":
    main()
