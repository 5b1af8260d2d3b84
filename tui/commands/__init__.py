"""One module per `gloss` subcommand: each adds its parser and runs against a Library.

A command module has `register(commands)`, which adds its subparser and sets
`run` as the default `func`; `run(args, library)` returns the exit code.
"""
