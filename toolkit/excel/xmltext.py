"""Find and splice elements in small XML package parts as *text*.

The owner's parts (workbook, relationships, content types, styles, app properties) are
never parsed into a tree and written back: a generic XML library renames prefixes and
drops things it does not model (`mc:Ignorable` then points at nothing). Instead we
locate the few elements we need with a tag-aware scanner and splice new text in, so
every byte we do not mean to change stays as the owner's program wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_START_TAG_TAIL = re.compile(r"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


@dataclass(frozen=True)
class Element:
    """Where one element sits in a text: offsets usable for slicing and splicing."""

    start: int  # index of "<"
    tag_end: int  # index just after the start tag's ">"
    close_start: int  # index of "</name>" (== end for an empty element)
    end: int  # index just after the element
    attrs: dict[str, str]
    empty: bool

    def inner(self, text: str) -> str:
        return text[self.tag_end : self.close_start]


def unescape(value: str) -> str:
    """Resolve the five XML entities and character references."""
    if "&" not in value:
        return value

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED[name]

    return _ENTITY.sub(one, value)


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace(
        "\r", "&#13;").replace("\t", "&#9;")


def parse_attrs(tag_text: str) -> dict[str, str]:
    """Attributes of a start tag's text (names as written, values unescaped)."""
    found: dict[str, str] = {}
    for match in _ATTR.finditer(tag_text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1)] = unescape(value or "")
    return found


def qname(prefix: str, local: str) -> str:
    return f"{prefix}:{local}" if prefix else local


def _masked(text: str) -> list[tuple[int, int]]:
    if "<!" not in text:
        return []
    return [(m.start(), m.end()) for m in _COMMENT.finditer(text)]


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    return any(a <= index < b for a, b in spans)


def iter_elements(text: str, name: str, start: int = 0, stop: int | None = None,
                  ) -> Iterator[Element]:
    """Every `name` element (a qualified name as written, e.g. "x:sheet") in order.

    Nested elements of the same name are skipped over (the outer one is reported).
    """
    limit = len(text) if stop is None else stop
    opener = re.compile("<" + re.escape(name) + r"(?=[\s/>])")
    closer = re.compile(r"</" + re.escape(name) + r"\s*>")
    masked = _masked(text)
    pos = start
    while True:
        match = opener.search(text, pos, limit)
        if match is None:
            return
        if masked and _inside(masked, match.start()):
            pos = match.end()
            continue
        tail = _START_TAG_TAIL.match(text, match.end())
        if tail is None:
            pos = match.end()
            continue
        tag_end = tail.end()
        attrs = parse_attrs(text[match.end() : tail.start(1)])
        if tail.group(1) == "/":
            yield Element(match.start(), tag_end, tag_end, tag_end, attrs, True)
            pos = tag_end
            continue
        close = _matching_close(text, opener, closer, tag_end, masked)
        if close is None:
            return
        yield Element(match.start(), tag_end, close.start(), close.end(), attrs, False)
        pos = close.end()


def _matching_close(text: str, opener: re.Pattern[str], closer: re.Pattern[str], pos: int,
                    masked: list[tuple[int, int]]) -> re.Match[str] | None:
    depth = 1
    while True:
        close = closer.search(text, pos)
        if close is None:
            return None
        if masked and _inside(masked, close.start()):
            pos = close.end()
            continue
        nested = opener.search(text, pos, close.start())
        while nested is not None:
            tail = _START_TAG_TAIL.match(text, nested.end())
            if tail is not None and tail.group(1) != "/" and not _inside(masked, nested.start()):
                depth += 1
            nested = opener.search(text, nested.end(), close.start())
        depth -= 1
        if depth == 0:
            return close
        pos = close.end()


def first(text: str, name: str, start: int = 0, stop: int | None = None) -> Element | None:
    return next(iter_elements(text, name, start, stop), None)


def root(text: str) -> tuple[str, Element]:
    """The root element's qualified name and its start tag (children not matched)."""
    masked = _masked(text)
    for match in re.finditer(r"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)", text):
        if masked and _inside(masked, match.start()):
            continue
        tail = _START_TAG_TAIL.match(text, match.end())
        if tail is None:
            continue
        attrs = parse_attrs(text[match.end() : tail.start(1)])
        empty = tail.group(1) == "/"
        return match.group(1), Element(match.start(), tail.end(), tail.end(), tail.end(), attrs,
                                       empty)
    raise ValueError("no root element")


def prefix_for(text: str, namespace: str) -> str | None:
    """The prefix the root element binds to `namespace` ("" when it is the default)."""
    _name, element = root(text)
    for key, value in element.attrs.items():
        if value != namespace:
            continue
        if key == "xmlns":
            return ""
        if key.startswith("xmlns:"):
            return key[6:]
    return None


def set_attr(start_tag: str, name: str, value: str) -> str:
    """A start tag's text with one attribute replaced (or added before the tag's end)."""
    pattern = re.compile(r"(\s" + re.escape(name) + r"""\s*=\s*)(?:"[^"]*"|'[^']*')""")
    quoted = '"' + escape_attr(value) + '"'
    if pattern.search(start_tag):
        return pattern.sub(lambda m: m.group(1) + quoted, start_tag, count=1)
    cut = len(start_tag) - (2 if start_tag.endswith("/>") else 1)
    return start_tag[:cut].rstrip() + f" {name}={quoted}" + start_tag[cut:]


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits."""
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def append_children(text: str, element: Element, name: str, children: str,
                    count: int | None = None) -> list[tuple[int, int, str]]:
    """Edits that add `children` at the end of `element` and, when given, set its count."""
    start_tag = text[element.start : element.tag_end]
    if count is not None and "count" in element.attrs:
        start_tag = set_attr(start_tag, "count", str(count))
    if element.empty:
        opened = start_tag[:-2].rstrip() + ">"
        return [(element.start, element.end, f"{opened}{children}</{name}>")]
    edits = [(element.close_start, element.close_start, children)]
    if start_tag != text[element.start : element.tag_end]:
        edits.append((element.start, element.tag_end, start_tag))
    return edits


@dataclass(frozen=True)
class XmlPart:
    """A part's text plus how to encode it back exactly as it came (BOM, UTF-16)."""

    text: str
    encoding: str
    bom: bytes

    @classmethod
    def decode(cls, data: bytes) -> XmlPart:
        if data.startswith(b"\xef\xbb\xbf"):
            return cls(data[3:].decode("utf-8"), "utf-8", data[:3])
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
            return cls(data[2:].decode(enc), enc, data[:2])
        return cls(data.decode("utf-8"), "utf-8", b"")

    def with_text(self, text: str) -> XmlPart:
        return XmlPart(text, self.encoding, self.bom)

    def encode(self) -> bytes:
        return self.bom + self.text.encode(self.encoding)
