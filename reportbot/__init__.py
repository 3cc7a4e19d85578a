"""reportbot: settings and the command line."""
