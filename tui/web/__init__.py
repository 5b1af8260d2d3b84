"""The network: fetch pages and feeds politely (fetcher.py), unwrap tracking links
(tracking.py), refresh subscriptions (feed_refresh.py), OPML in and out (opml.py).

No Textual, no TinyDB: subscriptions are kept through the Library.
"""

from tui.web.fetch_error import FetchError
from tui.web.fetched import Fetched
from tui.web.fetcher import Fetcher, FetchLimits
from tui.web.tracking import is_web_address, unwrapped

__all__ = ["FetchError", "FetchLimits", "Fetched", "Fetcher", "is_web_address", "unwrapped"]
