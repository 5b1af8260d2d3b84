"""Save the README's screenshot: the reader on the seed article, at 120x40.

Run with `make screenshot`; it uses a throwaway library, never the user's.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tui.app import GlossApp
from tui.cli import open_library

OUT = Path(__file__).resolve().parent / "reader.svg"


async def save(folder: Path) -> None:
    with open_library(folder) as library:
        app = GlossApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.save_screenshot(filename=OUT.name, path=str(OUT.parent))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(save(Path(folder) / "library"))
    print(f"saved {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
