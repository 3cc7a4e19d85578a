"""Channels that bring citizens to the assistant: the REST channel and web chat, and thin
adapters over it for Telegram, Messenger and Zalo (see docs/channels.md)."""
