"""The import run: files and folders in, articles with entities stored, a report out.

`importer.import_paths` walks the paths (`folder_walk`), reads each file
(`tui.ingest`), drops duplicates (`deduplicator`), finds entities in helper
processes (`entity_pipeline`) and stores each batch through the Library; the
`ImportReport` says what happened to every file. No Textual, no TinyDB.
"""
