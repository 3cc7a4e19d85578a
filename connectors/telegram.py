"""The assistant on Telegram, with python-telegram-bot.

Each Telegram user has one conversation with the assistant ("telegram:<user id>"), in private
chats and in groups, where the bot answers only when mentioned or replied to. After an answer,
inline buttons rate it (👍 / 👎) or open the feedback form about its section; both go through
the assistant like any message, so they behave the same on every channel.

Run with `reportbot telegram` (long polling) or `reportbot telegram --webhook URL`; Ctrl-C stops.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from urllib.parse import urlparse

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, MessageLimit
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from connectors.assistant_client import (
    CONFIRM_NO,
    CONFIRM_YES,
    FEEDBACK_ON_ANSWER,
    GIVE_FEEDBACK,
    HELP,
    NOT_TEXT_TEXT,
    RATE_DOWN,
    RATE_UP,
    START,
    AssistantClient,
    AssistantReply,
)
from connectors.splitting import split_message
from reportbot.settings import Settings

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
COMMANDS = [
    BotCommand("start", "Bắt đầu trò chuyện"),
    BotCommand("help", "Những gì trợ lý làm được và các chỉ tiêu xin góp ý"),
    BotCommand("gopy", "Gửi góp ý về báo cáo"),
    BotCommand("huy", "Hủy góp ý đang soạn"),
]
RATINGS = {RATE_UP.payload, RATE_DOWN.payload}
BUTTON_PAYLOADS = RATINGS | {FEEDBACK_ON_ANSWER.payload, CONFIRM_YES.payload, CONFIRM_NO.payload}


def _assistant(context: ContextTypes.DEFAULT_TYPE) -> AssistantClient:
    return context.application.bot_data["assistant"]


def _keyboard(reply: AssistantReply) -> InlineKeyboardMarkup | None:
    """Rating buttons on one row, "Góp ý về mục này" under them."""
    buttons = [InlineKeyboardButton(b.title, callback_data=b.payload) for b in reply.buttons]
    if not buttons:
        return None
    ratings = [b for b in buttons if b.callback_data in RATINGS]
    others = [[b] for b in buttons if b.callback_data not in RATINGS]
    return InlineKeyboardMarkup([ratings, *others] if ratings else others)


def _addressed(message: Message, bot_id: int, username: str) -> bool:
    """In a group, only messages mentioning the bot or replying to it are for the assistant."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == bot_id:
        return True
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    return any(mention.lower() == f"@{username}".lower() for mention in mentions)


async def send_reply(bot: Bot, chat_id: int, reply: AssistantReply, quote: Message | None) -> None:
    """The reply in parts under Telegram's limit, the buttons under the last part."""
    parts = split_message(reply.text, MessageLimit.MAX_TEXT_LENGTH)
    for number, part in enumerate(parts, start=1):
        markup = _keyboard(reply) if number == len(parts) else None
        if quote is not None and number == 1:
            await quote.reply_text(part, reply_markup=markup)
        else:
            await bot.send_message(chat_id, part, reply_markup=markup)


async def _converse(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, quote: Message | None
) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    typing = context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    _, reply = await asyncio.gather(typing, _assistant(context).send(str(user.id), text))
    await send_reply(context.bot, chat.id, reply, quote)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A citizen's message: a question, an opinion, small talk."""
    message = update.effective_message
    bot = context.bot
    if message is None or not _addressed(message, bot.id, bot.username):
        return
    text = re.sub(rf"@{re.escape(bot.username)}\b", "", message.text or "", flags=re.I).strip()
    await _converse(update, context, text or START, message)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: the greeting."""
    await _converse(update, context, START, update.effective_message)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what can be asked, and the targets open for comment."""
    await _converse(update, context, HELP, update.effective_message)


async def on_gopy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/gopy [ý kiến]: give an opinion at once, or be asked for it."""
    opinion = " ".join(context.args or [])
    text = f"Góp ý: {opinion}" if opinion else GIVE_FEEDBACK
    await _converse(update, context, text, update.effective_message)


async def on_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/huy: drop the opinion being written."""
    await _converse(update, context, "hủy", update.effective_message)


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice, locations…: a polite word in private chats, silence in groups."""
    message = update.effective_message
    if message is not None and message.chat.type == ChatType.PRIVATE:
        await message.reply_text(NOT_TEXT_TEXT)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎 (thanked in a notice, the rating buttons removed), "Góp ý về mục này", or the
    yes / no to «Bạn muốn gửi nội dung này như một góp ý phải không?»."""
    query = update.callback_query
    if query is None or query.data not in BUTTON_PAYLOADS:
        if query is not None:
            await query.answer()
        return
    reply = await _assistant(context).send(str(query.from_user.id), query.data)
    if query.data in RATINGS:
        await query.answer(reply.text[:200])
        if reply.kind == "rating_saved" and query.message is not None:
            feedback = InlineKeyboardButton(
                FEEDBACK_ON_ANSWER.title, callback_data=FEEDBACK_ON_ANSWER.payload
            )
            await query.edit_message_reply_markup(InlineKeyboardMarkup([[feedback]]))
        return
    await query.answer()
    if query.message is not None:
        await send_reply(context.bot, query.message.chat.id, reply, None)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram's own refusals and outages are logged in one line; anything else is a bug."""
    error = context.error
    if isinstance(error, Forbidden):
        logger.info("not delivered (the user blocked the bot or left): %s", error)
        return
    if isinstance(error, TelegramError):
        logger.warning("Telegram request failed: %s", error)
        return
    logger.error("an update could not be handled", exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, "Xin lỗi, đã có lỗi xảy ra.")
        except TelegramError as failed:
            logger.warning("could not apologise: %s", failed)


def build_application(settings: Settings) -> Application:
    """The bot: Bot API at the configured root, flood limits and retries by the library."""
    if not settings.telegram_token:
        raise ValueError(
            "REPORTBOT_TELEGRAM_TOKEN is not set: create a bot with @BotFather and export its token"
        )
    api = settings.telegram_api_url.rstrip("/")
    assistant_url = f"http://127.0.0.1:{settings.rasa_port}"

    async def post_init(application: Application) -> None:
        application.bot_data["assistant"] = AssistantClient(assistant_url, CHANNEL)
        await application.bot.set_my_commands(COMMANDS)

    async def post_shutdown(application: Application) -> None:
        await application.bot_data["assistant"].aclose()

    application = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    new_messages = filters.UpdateType.MESSAGE  # edited messages and channel posts: silence
    application.add_handler(CommandHandler("start", on_start, filters=new_messages))
    application.add_handler(CommandHandler("help", on_help, filters=new_messages))
    application.add_handler(CommandHandler("gopy", on_gopy, filters=new_messages))
    application.add_handler(CommandHandler("huy", on_cancel, filters=new_messages))
    application.add_handler(MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(
        MessageHandler(new_messages & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_not_text)
    )
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_error_handler(on_error)
    return application


def run(settings: Settings, webhook_url: str | None = None) -> None:
    """Long polling (no public URL needed), or a webhook that checks Telegram's secret token."""
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    application = build_application(settings)
    if webhook_url is None:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    application.run_webhook(
        listen=settings.telegram_webhook_listen,
        port=settings.telegram_webhook_port,
        url_path=urlparse(webhook_url).path.lstrip("/"),
        webhook_url=webhook_url,
        secret_token=settings.telegram_webhook_secret or secrets.token_urlsafe(32),
        allowed_updates=Update.ALL_TYPES,
    )
