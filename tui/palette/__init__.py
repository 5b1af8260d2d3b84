"""Command palette providers: articles, entities, the library's searches, views and tags."""
