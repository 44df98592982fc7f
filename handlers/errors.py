"""The one boundary where errors become polite replies.

Domain errors carry a text key and are shown as they are; anything unexpected gets a short
reference code, shown to the person and logged with the traceback under the same code.
"""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.error import Forbidden

from desk import people
from desk.errors import SigapError
from desk.idempotency import DuplicateUpdate
from handlers.common import Context, answer_query, reply
from handlers.runtime import runtime_of
from texts import t

logger = logging.getLogger(__name__)


def _language(update: Update) -> str:
    user = update.effective_user
    return "en" if user is not None and (user.language_code or "").startswith("en") else "id"


async def on_error(update: object, context: Context) -> None:
    """Log, then tell the person what happened in words they can act on."""
    error = context.error
    if not isinstance(update, Update):
        logger.error("error outside an update", exc_info=error)
        return
    if isinstance(error, DuplicateUpdate):
        logger.info("duplicate update rolled back update=%s", update.update_id)
        return
    language = await _stored_language(update, context)
    if isinstance(error, SigapError):
        logger.info("refused update=%s reason=%s", update.update_id, error)
        await _tell(update, t(error.text_key, language, **error.params))
        return
    if isinstance(error, Forbidden):
        logger.warning("chat unreachable update=%s error=%s", update.update_id, error)
        return
    ref = secrets.token_hex(3).upper()
    logger.error("unexpected error ref=%s update=%s", ref, update.update_id, exc_info=error)
    await _tell(update, t("error.generic", language, ref=ref))


async def _stored_language(update: Update, context: Context) -> str:
    user = update.effective_user
    if user is None:
        return "id"
    try:
        rt = runtime_of(context)
        async with rt.sessions() as session:
            person = await people.find_person(session, user.id)
            return person.language if person else _language(update)
    except Exception:  # the database may be what failed; fall back to the client's language
        logger.warning("language lookup failed update=%s", update.update_id)
        return _language(update)


async def _tell(update: Update, text: str) -> None:
    try:
        await answer_query(update)
        await reply(update, text)
    except Exception:  # telling the person failed too; the log above keeps the story
        logger.exception("could not send the error reply update=%s", update.update_id)
