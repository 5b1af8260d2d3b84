"""`gloss feed add|list|remove|refresh|import|export`: subscriptions, and refreshing them."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands.export_destination import require_parent, write_files
from tui.commands.output import library_option, print_json, say
from tui.commands.user_error import UserError
from tui.models import Feed
from tui.store import Library
from tui.web.tracking import is_web_address, unwrapped

if TYPE_CHECKING:
    from tui.web.feed_outcome import FeedOutcome


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "feed",
        help="subscribe to feeds and refresh them",
        description="Feeds (RSS, Atom, JSON Feed) the library subscribes to. Nothing is fetched "
        "unless you ask: `gloss feed refresh`, or R in the reader and the library.",
    )
    actions = parser.add_subparsers(dest="feed_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="subscribe to a feed by its URL")
    add.add_argument("url", metavar="URL", help="the feed's http(s) address")
    add.add_argument("--title", default="", metavar="T", help="its name (else the feed's own)")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat)")
    add.set_defaults(func=run_add)

    listed = actions.add_parser("list", help="list the subscriptions")
    listed.add_argument("--json", action="store_true", help="print them as JSON")
    listed.set_defaults(func=run_list)

    remove = actions.add_parser("remove", help="unsubscribe (the articles it brought stay)")
    remove.add_argument("feed", metavar="URL_OR_ID", help="the feed's URL, id, id prefix or title")
    remove.set_defaults(func=run_remove)

    refresh = actions.add_parser(
        "refresh",
        help="fetch every feed (or those named) and import new entries",
        description="Fetch the feeds (conditional requests: an unchanged feed costs a 304) and "
        "import their new entries; an entry that is only a link or a line gets its page "
        "fetched, once. Prints new, updated and unchanged entries per feed, or why it failed. "
        "Exits 1 when a feed failed.",
    )
    refresh.add_argument("feeds", nargs="*", metavar="URL_OR_ID", help="only these feeds")
    refresh.add_argument("--json", action="store_true", help="print the counts as JSON")
    refresh.set_defaults(func=run_refresh)

    opml_in = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    opml_in.add_argument("file", metavar="FILE.opml", type=Path)
    opml_in.set_defaults(func=run_import)

    opml_out = actions.add_parser("export", help="write the subscriptions as OPML 2.0")
    opml_out.add_argument("--out", type=Path, metavar="FILE", help="a file (default: stdout)")
    opml_out.add_argument("--force", action="store_true", help="replace an existing file")
    opml_out.set_defaults(func=run_export)
    for action in (add, listed, remove, refresh, opml_in, opml_out):
        library_option(action)


def _subscribe(library: Library, url: str, title: str, tags: list[str]) -> Feed | None:
    url = unwrapped(url)
    if not is_web_address(url):
        raise UserError(f"{url}: not a web address (http:// or https://)")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return library.add_feed(Feed(id="", url=url, title=title, tags=tuple(tags), added_at=now))


def find_feed(library: Library, wanted: str) -> Feed:
    """The feed named by its URL, its id, its title or a unique prefix of the id; UserError
    otherwise."""
    feeds = library.feeds()
    url = unwrapped(wanted)
    exact = [f for f in feeds if wanted in (f.id, f.url) or f.url == url]
    exact = exact or [f for f in feeds if f.title.casefold() == wanted.casefold()]
    found = exact or [f for f in feeds if f.id.startswith(wanted.lower())]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UserError(f"no feed {wanted} (`gloss feed list` shows them)")
    raise UserError(f"{wanted} names {len(found)} feeds: give more of the id")


def run_add(args: argparse.Namespace, library: Library) -> int:
    feed = _subscribe(library, args.url, args.title, args.tag)
    if feed is None:
        known = find_feed(library, args.url)
        raise UserError(f"already subscribed to {known.url} (feed {known.id})")
    say(f"subscribed {feed.id}  {feed.url}")
    return 0


def feed_json(feed: Feed) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "tags": list(feed.tags),
        "articles": len(feed.article_ids),
        "new": len(feed.new_ids),
        "added_at": feed.added_at,
        "refreshed_at": feed.refreshed_at,
        "error": feed.error,
    }


def run_list(args: argparse.Namespace, library: Library) -> int:
    feeds = library.feeds()
    if args.json:
        print_json([feed_json(feed) for feed in feeds])
        return 0
    if not feeds:
        say("no feeds: `gloss feed add URL` subscribes to one")
    for feed in feeds:
        when = (feed.refreshed_at or "never")[:16].replace("T", " ")
        tags = "".join(f" #{tag}" for tag in feed.tags)
        state = f"failed: {feed.error}" if feed.error else f"{len(feed.article_ids)} articles"
        say(f"{feed.id}  {feed.name}{tags}  ({state}; refreshed {when})")
        if feed.title:
            say(f"          {feed.url}")
    return 0


def run_remove(args: argparse.Namespace, library: Library) -> int:
    feed = find_feed(library, args.feed)
    library.remove_feed(feed.id)
    say(f"unsubscribed {feed.id}  {feed.name} (its {len(feed.article_ids)} articles stay)")
    return 0


def run_refresh(args: argparse.Namespace, library: Library) -> int:
    from tui.importing.stop_signals import StopSignals
    from tui.web.feed_outcome import refresh_summary
    from tui.web.feed_refresh import refresh_feeds

    feeds = [find_feed(library, wanted) for wanted in args.feeds] or library.feeds()
    if not feeds:
        raise UserError("no feeds to refresh: `gloss feed add URL` subscribes to one")
    feeds = list({feed.id: feed for feed in feeds}.values())

    def told(outcome: FeedOutcome) -> None:
        if not args.json:
            say(_outcome_line(outcome))
            for problem in outcome.problems:
                say(f"  {problem}", file=sys.stderr)

    outcomes: list[FeedOutcome] = []
    with StopSignals() as stop:
        try:
            outcomes = refresh_feeds(library, feeds, on_feed=told)
        except KeyboardInterrupt:
            say(f"gloss: refresh stopped ({stop.name})", file=sys.stderr)
            return stop.exit_code
    if args.json:
        print_json({"feeds": [o.json() for o in outcomes], "summary": refresh_summary(outcomes)})
    else:
        say(refresh_summary(outcomes))
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def _outcome_line(outcome: FeedOutcome) -> str:
    if outcome.failed:
        return f"{outcome.name}: failed: {outcome.failed}"
    counts = f"{outcome.new} new, {outcome.updated} updated, {outcome.unchanged} unchanged"
    return f"{outcome.name}: {counts}" + (" (not modified)" if outcome.not_modified else "")


def run_import(args: argparse.Namespace, library: Library) -> int:
    from tui.ingest.decode import decode
    from tui.ingest.errors import IngestError
    from tui.web.opml import OpmlError, read_opml

    path: Path = args.file
    try:
        data = path.read_bytes()
        listed = read_opml(decode(data, str(path)).text)
    except OSError as error:
        raise UserError(f"{path}: {error.strerror or error}") from None
    except (OpmlError, IngestError) as error:
        reason = error.reason if isinstance(error, IngestError) else str(error)
        raise UserError(f"{path}: {reason}") from None
    added = 0
    for item in listed:
        feed = _subscribe(library, item.url, item.title, list(item.tags))
        if feed is not None:
            added += 1
            say(f"subscribed {feed.id}  {feed.url}")
    say(f"{added} subscribed, {len(listed) - added} already subscribed")
    return 0


def run_export(args: argparse.Namespace, library: Library) -> int:
    from tui.web.opml import write_opml

    text = write_opml(library.feeds())
    out: Path | None = args.out
    if out is None or str(out) == "-":
        sys.stdout.write(text)  # titles were cleaned of controls when stored
        return 0
    require_parent(out)
    write_files([(out, text)], force=args.force)
    say(f"wrote {len(library.feeds())} feeds to {out}")
    return 0
