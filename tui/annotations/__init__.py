"""Notes and highlights beyond the Library's plain storage: no Textual, no TinyDB.

- colors: the default highlight colour and CSS (the names are tui.models.HIGHLIGHT_COLORS);
- notes: making a note from a quote, #tags in bodies, finding a note, re-attaching an orphan;
- reanchoring: moving notes onto an article's new text after a re-import;
- w3c / w3c_import: W3C Web Annotations to and from notes.
"""

from tui.annotations.colors import DEFAULT_HIGHLIGHT_COLOR, HIGHLIGHT_COLORS, HIGHLIGHT_CSS

__all__ = ["DEFAULT_HIGHLIGHT_COLOR", "HIGHLIGHT_COLORS", "HIGHLIGHT_CSS"]
