"""What a user sets outside the library: remapped keys (keys.toml) and the app's look (ui.json)."""
