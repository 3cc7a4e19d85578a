"""The Rasa assistant: domain, training data and custom actions."""
