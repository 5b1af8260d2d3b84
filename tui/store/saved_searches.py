"""Named queries the user keeps: the `saved_searches` table of user.json."""

from __future__ import annotations

import tui.search as tui_search
from tui.models import SavedSearch
from tui.store import record_checks
from tui.store.data_file import DataFile, find_key, next_doc_id
from tui.store.record_rules import Report
from tui.store.user_text import clean_line


class SavedSearches:
    """The saved searches of one library, in the order they were first saved."""

    def __init__(self, user: DataFile, report: Report) -> None:
        self._user = user
        self._report = report

    def all(self) -> list[SavedSearch]:
        docs = self._user.read().get("saved_searches", {})
        ordered = dict(sorted(docs.items(), key=lambda item: int(item[0])))
        checked = record_checks.checked_records(
            ordered, record_checks.checked_saved_search, self._user.path, self._report
        )
        return [SavedSearch(doc["name"], doc["query"]) for doc in checked]

    def save(self, name: str, query: str) -> SavedSearch:
        """Store a named query (replacing one of the same name); a bad query raises QueryError."""
        clean = clean_line(name)
        if not clean:
            raise ValueError("a saved search needs a name")
        query = clean_line(query)
        tui_search.parse_query(query)
        saved = SavedSearch(clean, query)
        with self._user.edit() as user:
            docs = user.setdefault("saved_searches", {})
            key = find_key(docs, "name", clean) or str(next_doc_id(docs))
            docs[key] = {"name": saved.name, "query": saved.query}
        return saved

    def delete(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        with self._user.edit() as user:
            docs = user.get("saved_searches", {})
            # As shown (a name another program stored may hold anything), or as typed.
            key = find_key(docs, "name", name) or find_key(docs, "name", clean_line(name))
            if key is None:
                return False
            del docs[key]
        return True
