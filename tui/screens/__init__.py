"""Screens of the app: the reader, the library and the help."""
