"""Sending mail: over SMTP (aiosmtplib) where SMTP_URL is set, else kept as development mail for admins to read."""

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

import aiosmtplib

from api.settings import Settings


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    language: str
    key: str

    @property
    def message_id(self) -> str:
        """Stable for the job: a message sent twice (a worker died before it recorded the first) is one message to
        the mail systems that keep Message-IDs."""
        return f"<{hashlib.sha256(self.key.encode()).hexdigest()[:32]}@sopimo>"


def email_of(message: Message, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = formatdate(localtime=False)
    email.set_content(message.body)
    email["Content-Language"] = message.language  # after the content, which resets the Content-* headers
    return email


async def send(message: Message, settings: Settings) -> str:
    """The transport used: "smtp", or "development" when no SMTP server is set (nothing leaves the machine)."""
    if not settings.smtp_url:
        return "development"
    url = urlsplit(settings.smtp_url)
    tls = url.scheme == "smtps"
    await aiosmtplib.send(
        email_of(message, settings.mail_from), hostname=url.hostname or "localhost",
        port=url.port or (465 if tls else 25), username=unquote(url.username) if url.username else None,
        password=unquote(url.password) if url.password else None, use_tls=tls,
        start_tls=False if tls else None, timeout=30,
    )
    return "smtp"
