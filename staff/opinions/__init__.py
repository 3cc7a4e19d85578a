"""Opinions, ratings of answers and unanswered questions: the one schema, migrated by Django."""
