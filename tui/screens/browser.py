"""Open an article's web page in the user's browser without ever blocking the app."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from textual.dom import DOMNode

WEB_SCHEMES = ("http", "https")


def open_in_browser(node: DOMNode, url: str | None) -> None:
    """Open `url` from a thread worker; say so when there is nothing to open.

    Only web addresses are opened: an imported article's URL is untrusted.
    """
    app = node.app
    if not url:
        app.notify("This article has no URL.")
        return
    if urlsplit(url).scheme.lower() not in WEB_SCHEMES:
        app.notify(f"Not a web address, not opened: {url}", severity="warning", markup=False)
        return

    def run() -> None:
        opened = webbrowser.open(url)
        message = f"Opened {url}" if opened else f"No browser could open {url}"
        app.call_from_thread(
            app.notify, message, severity="information" if opened else "warning", markup=False
        )

    # The app owns the worker: its failures are reported with every other worker's.
    app.run_worker(run, name="browser", group="browser", thread=True, exit_on_error=False)
