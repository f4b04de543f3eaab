"""What the benchmarks share: a release build of dabrepo, a git identity, and the fake workspace."""
import contextlib
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com")


def build_release():
    """Builds dabrepo as users get it (release, static Swift runtime) and returns the binary's path."""
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "dabrepo"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "dabrepo")


@contextlib.contextmanager
def fake_workspace(state, work, latency=0.0):
    """Tests/FakeWorkspace/fake_workspace.py with `state`, answering `latency` seconds late; yields its URL."""
    state_file = os.path.join(work, "fake-state.json")
    with open(state_file, "w") as f:
        json.dump(state, f)
    fake = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests", "FakeWorkspace", "fake_workspace.py"),
                             "--state", state_file, "--latency", str(latency)], stdout=subprocess.PIPE, text=True)
    try:
        yield f"http://127.0.0.1:{int(fake.stdout.readline().split()[1])}"
    finally:
        fake.terminate()
        fake.wait(timeout=10)


def bundle_repository(path, jobs, tasks=10, sources=0):
    """A git repository at `path` holding a generated bundle of `jobs` jobs (Benchmarks/generate_bundle.py),
    whose tasks run `sources` notebooks (one when 0), committed; returns a `git(*args)` function for that
    repository."""
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_bundle.py"), path, "--jobs", str(jobs), "--tasks", str(tasks),
                    "--sources", str(sources)], check=True, stdout=subprocess.DEVNULL)

    def git(*args):
        return subprocess.run(["git", *args], cwd=path, env=ENV, check=True, capture_output=True)
    # Dated an hour back, as the files of a user's bundle are: dabrepo's findings cache does not trust the
    # status of a file written in the last two seconds (it could be rewritten within the same timestamp).
    past = time.time() - 3600
    for directory, _, names in os.walk(path):
        for name in names:
            os.utime(os.path.join(directory, name), (past, past))
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "bundle", "--no-verify")
    return git
