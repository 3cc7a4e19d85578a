"""Channels that bring citizens to the assistant (Telegram, Messenger, web chat)."""
