"""Fault trials: a real full disk under a library.

Each trial mounts a small tmpfs, builds a library on it (the bundled article
and a few Wikinews articles, read by the real readers), then fills the disk
with a filler file so that only FREE kilobytes are left, and saves 1 KB notes
in a loop until the Library refuses one. On the full disk it also tries the
other kinds of save (a reading position, a star, an import of one more
article) and the real `gloss note add` in a child process. Then it checks,
with a new Library on the same folder, that every note whose save returned is
there exactly (body and id) and nothing else, that no temp file was left
behind, that every failure was one line naming the file and "No space left on
device", and that once the filler is deleted the next save works.

Needs root (mount); otherwise it says so and exits without a result.

Usage: python bench/full_disk.py [--size-kb 2048] [--free-kb 8,64,256] [--no-record]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import functools
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

from tests.data_paths import wikinews_files  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import Article, Note  # noqa: E402
from tui.store import Library, LibraryError  # noqa: E402

HEADING = "## Fault trials: full disk"
ONE_LINE = re.compile(r"could not save library file (\S+): No space left on device \(.*\)")
NOTE_BODY = "A note written on a nearly full disk. " * 27  # about 1 KB


@dataclass
class Trial:
    free_kb: int
    saved: int = 0  # note saves that returned
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)  # what -> the message
    kept: list[str] = field(default_factory=list)  # the other saves that still fitted
    reopened_ok: bool = False
    missing: int = 0  # notes, or other saves that returned, not found after reopening
    unexpected: int = 0
    temp_files: int = 0
    cli: str = ""
    after_freeing: bool = False

    @property
    def one_line_each(self) -> bool:
        return bool(self.failures) and all(
            "\n" not in m and ONE_LINE.fullmatch(m) for m in self.failures.values()
        )


@contextlib.contextmanager
def tmpfs(size_kb: int) -> Iterator[Path]:
    mountpoint = Path(tempfile.mkdtemp(prefix="gloss-full-disk-"))
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(mountpoint)],
            check=True,
            capture_output=True,
            text=True,
        )
        try:
            yield mountpoint
        finally:
            subprocess.run(["umount", str(mountpoint)], check=False)
    finally:
        mountpoint.rmdir()


@functools.cache
def articles() -> list[Article]:
    paths = sorted((ROOT / "content").glob("*.txt")) + wikinews_files()[:4]
    return [article for path in paths for article in read_path(path)]


def fill(folder: Path, leave_kb: int) -> Path:
    """A filler file that takes all the space but `leave_kb`."""
    filler = folder / "filler"
    st = os.statvfs(folder)
    size = st.f_bavail * st.f_frsize - leave_kb * 1024
    with open(filler, "wb") as handle:
        chunk = b"\0" * 65536
        while size > 0:
            try:
                size -= handle.write(chunk[: min(size, len(chunk))])
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    return filler


def refused(call: Callable[[], object]) -> str:
    """The Library's message when the call fails; "" when it worked."""
    try:
        call()
    except LibraryError as exc:
        return str(exc)
    return ""


def temp_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob(".*.tmp"))


def trial(size_kb: int, free_kb: int, extra: Article) -> Trial:
    result = Trial(free_kb)
    with tmpfs(size_kb) as disk:
        folder = disk / "library"
        first = articles()
        with Library(folder) as library:
            library.add_articles(first)
            target = first[0].id
        filler = fill(disk, free_kb)

        saved: dict[str, str] = {}
        library = Library(folder)
        start = time.perf_counter()
        while True:
            try:
                note = library.add_note(Note("", target, f"{len(saved)} {NOTE_BODY}"))
            except LibraryError as exc:
                result.failures["note"] = str(exc)
                break
            saved[note.id] = note.body
        result.seconds = time.perf_counter() - start
        result.saved = len(saved)
        for what, call in (
            ("reading position", lambda: library.save_position(target, 1234)),
            ("star", lambda: library.set_starred(first[1].id, True)),
            ("import", lambda: library.add_articles([extra])),
        ):
            message = refused(call)
            if message:
                result.failures[what] = message
            else:
                result.kept.append(what)
        library.close()
        result.temp_files = temp_files(folder)

        child = subprocess.run(
            [sys.executable, "-m", "tui.cli", "note", "add", target, "--body", NOTE_BODY],
            cwd=ROOT,
            env={**os.environ, "GLOSS_LIBRARY": str(folder)},
            capture_output=True,
            text=True,
            check=False,
        )
        lines = child.stderr.splitlines()
        one = len(lines) == 1 and ONE_LINE.fullmatch(lines[0].removeprefix("gloss: "))
        result.cli = f"exit {child.returncode}, {len(lines)} line" + ("" if one else " (wrong)")

        with Library(folder) as reopened:
            stored = {n.id: n.body for n in reopened.notes(target)}
            result.missing = sum(1 for k, v in saved.items() if stored.get(k) != v)
            found = {
                "reading position": reopened.reading_state(target).position == 1234,
                "star": reopened.reading_state(first[1].id).starred,
                "import": extra.id in reopened.article_ids(),
            }
            result.missing += sum(1 for what in result.kept if not found[what])
            result.unexpected = len(set(stored) - set(saved))
            result.reopened_ok = True
            filler.unlink()
            worked = not refused(lambda: reopened.add_note(Note("", target, "space again")))
            worked = worked and not refused(lambda: reopened.add_articles([extra]))
            result.after_freeing = worked and len(reopened.notes(target)) == len(saved) + 1
    return result


def table(trials: list[Trial]) -> str:
    rows = [
        "| free at start | notes saved | refused (one line, file named) | saves after reopen "
        "| temp files left | `gloss note add` | saves after freeing |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in trials:
        lost = "all there" if not (t.missing or t.unexpected) else f"{t.missing} missing"
        refused_kinds = ", ".join(t.failures) + (" ✓" if t.one_line_each else " ✗")
        if t.kept:
            refused_kinds += f" (saved: {', '.join(t.kept)})"
        rows.append(
            f"| {t.free_kb} KB | {t.saved} ({t.seconds:.2f} s) | {refused_kinds} "
            f"| {lost if t.reopened_ok else 'DID NOT OPEN'} | {t.temp_files} | {t.cli} "
            f"| {'yes' if t.after_freeing else 'NO'} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=2048, help="size of the tmpfs")
    parser.add_argument("--free-kb", default="8,64,256", help="space left before the saves")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("full_disk: skipped: mounting a tmpfs needs root", file=sys.stderr)
        return 0
    last = articles()[-1]
    extra = dataclasses.replace(last, id="ffee" + last.id[4:], title="One more")
    trials: list[Trial] = []
    for free in (int(kb) for kb in args.free_kb.split(",")):
        try:
            trials.append(trial(args.size_kb, free, extra))
        except subprocess.CalledProcessError as exc:
            reason = exc.stderr.strip()
            print(f"full_disk: skipped: cannot mount a tmpfs: {reason}", file=sys.stderr)
            return 0
    report = table(trials)
    print(report)
    ok = all(
        t.reopened_ok
        and not t.missing
        and not t.unexpected
        and not t.temp_files
        and t.one_line_each
        and t.cli.startswith("exit 1, 1 line")
        and not t.cli.endswith("(wrong)")
        and t.after_freeing
        for t in trials
    )
    body = (
        f"`python bench/full_disk.py --size-kb {args.size_kb} --free-kb {args.free_kb}` "
        f"on {machine()}.\n\n"
        f"A {args.size_kb} KB tmpfs holds a library of {len(articles())} real articles; a "
        "filler file leaves the given space free; 1 KB notes are saved until the Library "
        "refuses one, then a reading position, a star and an import are tried (the small "
        "ones may still fit), and `gloss note add` in a child process. A new Library on "
        "the folder must hold every note whose save returned, exactly, and nothing else, "
        "and every other save that returned; no temp file may be "
        "left; once the filler is deleted, a note and the import must save.\n\n"
        f"{report}\n\n"
        f"The refused note save said: `{trials[0].failures.get('note', '')}`\n\n"
        f"Result: {'every check passed' if ok else 'FAILED (see the table)'}."
    )
    if not args.no_record:
        write_section(HEADING, body)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
