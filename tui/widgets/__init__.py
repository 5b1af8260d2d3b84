"""Widgets of the reader; none of them touches the store."""
