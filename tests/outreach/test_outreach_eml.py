"""The .eml drafts, mailto links and file names: injection-proof and readable back."""

from __future__ import annotations

from email import message_from_bytes, message_from_string
from email.policy import default
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.eml import build_eml, clean_address, eml_filename, mailto_url


def _parse(data: bytes):  # type: ignore[no-untyped-def]
    return message_from_bytes(data, policy=default)


def test_draft_parses_back_with_x_unsent() -> None:
    data = build_eml("Alice Smith", "alice@example.com", "Thank you, Alice",
                     "Hi Alice,\n\nThank you.\n\nWarm wishes,\nSam", "Sam", "sam@shop.example")
    message = _parse(data)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "alice@example.com"
    assert message["To"].addresses[0].display_name == "Alice Smith"
    assert message["From"].addresses[0].addr_spec == "sam@shop.example"
    assert message["Subject"] == "Thank you, Alice"
    text = message.get_content().replace("\r\n", "\n")
    assert text == "Hi Alice,\n\nThank you.\n\nWarm wishes,\nSam\n"
    assert b"\r\n" in data


def test_no_from_header_without_an_address() -> None:
    message = _parse(build_eml("Al", "al@example.com", "Hi", "Body", "Sam"))
    assert message["From"] is None


@pytest.mark.parametrize("evil", ["Bob\r\nBcc: x@y.com", "Bob\nBcc: x@y.com", "Bob\rBcc: x@y.com",
                                  "Bob\x00\x0bBcc: x@y.com", "Bob\u2028Bcc: x@y.com"])
def test_header_injection_through_names_and_subjects_is_impossible(evil: str) -> None:
    data = build_eml(evil, "bob@example.com", evil, "Body", evil, "me@shop.example")
    message = _parse(data)
    assert message["Bcc"] is None
    assert len(message["To"].addresses) == 1
    assert message["To"].addresses[0].addr_spec == "bob@example.com"
    assert "\n" not in message["Subject"] and "Bcc: x@y.com" in message["Subject"]
    header_block = data.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc") for line in header_block.split(b"\r\n"))


@pytest.mark.parametrize("bad", ["bob@example.com\r\nBcc: x@y.com", "a@b.com, c@d.com",
                                 "Bob <bob@example.com>", "not an address", ""])
def test_a_to_address_that_is_not_one_plain_address_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        build_eml("Bob", bad, "Hi", "Body", "Sam")


def test_non_ascii_names_and_subjects_are_encoded_and_read_back() -> None:
    data = build_eml("Zoë Brontë", "zoe@example.com", "Merci, Zoë – à bientôt", "Café ☕", "Chloé")
    assert all(byte < 128 for byte in data.split(b"\r\n\r\n", 1)[0])
    message = _parse(data)
    assert message["To"].addresses[0].display_name == "Zoë Brontë"
    assert message["Subject"] == "Merci, Zoë – à bientôt"
    assert message.get_content().strip() == "Café ☕"


def test_internationalised_address_survives() -> None:
    data = build_eml("José", "josé@café.fr", "Olá", "Body", "Sam")
    message = message_from_string(data.decode("utf-8"), policy=default)
    assert message["To"].addresses[0].addr_spec == "josé@café.fr"
    assert message["X-Unsent"] == "1"


def test_mailto_round_trips_and_cannot_add_parameters() -> None:
    url = mailto_url("alice@example.com", "Hi & welcome?", "Line one\nLine two = &cc=x@y.com")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "alice@example.com"
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}
    assert query["subject"] == ["Hi & welcome?"]
    assert query["body"] == ["Line one\r\nLine two = &cc=x@y.com"]


def test_eml_filename_is_safe_readable_and_unique() -> None:
    name = eml_filename("thank_first:alice@x.com:2026-11-10")
    assert name.startswith("thank_first_alice_x.com_2026-11-10-") and name.endswith(".eml")
    assert eml_filename("a:b") != eml_filename("a_b")
    for evil in ("../../etc/passwd", "..", "con", "a/b\\c\x00", "é" * 300):
        safe = eml_filename(evil)
        assert "/" not in safe and "\\" not in safe and not safe.startswith(".")
        assert len(safe) <= 100


def test_clean_address() -> None:
    assert clean_address("  alice@example.com ") == "alice@example.com"
    assert clean_address("alice@example") == ""
    assert clean_address("a@b.com;c@d.com") == ""


@given(name=st.text(max_size=60), subject=st.text(max_size=120), body=st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_exactly_the_headers_we_set(name: str, subject: str, body: str) -> None:
    data = build_eml(name, "bob@example.com", subject, body, name, "me@shop.example")
    message = message_from_string(data.decode("utf-8", errors="surrogateescape"), policy=default)
    assert sorted(k.lower() for k in message) == sorted(
        ["to", "from", "subject", "x-unsent", "content-type", "content-transfer-encoding",
         "mime-version"])
    assert [a.addr_spec for a in message["To"].addresses] == ["bob@example.com"]
    url = mailto_url("bob@example.com", subject, body)
    assert set(parse_qs(urlsplit(url).query, keep_blank_values=True)) <= {"subject", "body"}
