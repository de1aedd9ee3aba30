"""Draft emails as files and links the owner sends by hand (pure: builds bytes, writes nothing).

- `build_eml` makes an RFC 5322 message with `X-Unsent: 1`, so Outlook, Apple Mail and
  Thunderbird open it as an editable draft rather than a received mail.
- `mailto_url` makes the one-click link carried by the Drafts tab.
- `eml_filename` turns a draft id into a safe, readable, unique file name.

Header injection is impossible: every header value has CR, LF and other control characters
replaced by spaces before it reaches the message, an address must be one plain address
(no commas, angle brackets or spaces), and non-ASCII text is encoded by `email.policy`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from urllib.parse import quote

# One plain address: something@domain.tld, nothing that could start a second address or header.
_ADDRESS = re.compile(r"^[^@\s,;:<>()\[\]\"\\]+@[^@\s,;:<>()\[\]\"\\]+\.[^@\s,;:<>()\[\]\"\\]+$")
_UNSAFE_FILE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def clean_line(text: str) -> str:
    """One line of text: control characters (CR, LF, tab, NUL, ...) become spaces, runs of
    spaces collapse, ends are trimmed. Used for every header value."""
    chars = (" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join("".join(chars).split())


def clean_address(text: str) -> str:
    """The address if it is one plain, valid-looking address, else ""."""
    candidate = clean_line(text)
    return candidate if _ADDRESS.match(candidate) else ""


def _clean_body(body: str) -> str:
    """Body text with Unix line ends and no control characters other than newlines."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = ("".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")
            for line in lines)
    return "\n".join(line.rstrip() for line in kept)


def build_eml(
    to_name: str,
    to_addr: str,
    subject: str,
    body: str,
    from_name: str,
    from_addr: str = "",
) -> bytes:
    """An unsent draft as .eml bytes (CRLF line ends, UTF-8 where needed).

    `from_name` is used only together with `from_addr`: a From header needs an address, and
    without one the mail program fills in the owner's own account when they send.
    Raises ValueError when `to_addr` is not one plain address (the caller should not draft
    for such a customer; see `clean_address`).
    """
    address = clean_address(to_addr)
    if not address:
        raise ValueError(f"not a single plain email address: {clean_line(to_addr)!r}")
    sender = clean_address(from_addr)
    # Internationalised addresses (josé@café.fr) need raw UTF-8 headers (RFC 6532);
    # everything else stays 7-bit with RFC 2047 encoded words.
    ascii_only = (address + sender).isascii()
    message = EmailMessage(policy=SMTP if ascii_only else SMTP.clone(utf8=True))
    message["To"] = _mailbox(to_name, address)
    if sender:
        message["From"] = _mailbox(from_name, sender)
    message["Subject"] = clean_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(_clean_body(body) + "\n", charset="utf-8")
    return message.as_bytes()


def _mailbox(name: str, address: str) -> Address:
    user, _, domain = address.rpartition("@")
    return Address(display_name=clean_line(name), username=user, domain=domain)


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens a new mail with subject and body filled in.

    Line breaks in the body are sent as CRLF (%0D%0A) as the RFC asks; nothing is left
    unencoded that could add a header (&, =, ? and newlines are all percent-encoded).
    """
    address = clean_address(to)
    text = _clean_body(body).replace("\n", "\r\n")
    return (f"mailto:{quote(address, safe='@')}?subject={quote(clean_line(subject), safe='')}"
            f"&body={quote(text, safe='')}")


def eml_filename(draft_id: str) -> str:
    """A safe file name for a draft: readable (letters, digits, dot, dash, underscore),
    at most about 100 characters, never hidden, and unique per draft id (a short hash of
    the exact id is added, so ids that clean to the same text still get different files)."""
    readable = _UNSAFE_FILE_CHARS.sub("_", draft_id).strip("._-")[:80] or "draft"
    digest = hashlib.sha256(draft_id.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}.eml"
