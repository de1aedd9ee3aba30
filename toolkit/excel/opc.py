"""Open Packaging Conventions: part paths, relationships and content types, as text.

Reads relationships to follow the package's own links (a workbook part need not be
called xl/workbook.xml, LibreOffice names sheets differently from Excel) and makes the
smallest text edits to `.rels` and `[Content_Types].xml`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote

from toolkit.excel import xmltext as xt

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_WORKSHEET = OFFICE_REL + "/worksheet"
REL_STYLES = OFFICE_REL + "/styles"
REL_DRAWING = OFFICE_REL + "/drawing"
REL_CHART = OFFICE_REL + "/chart"
REL_HYPERLINK = OFFICE_REL + "/hyperlink"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CONTENT_TYPES = "[Content_Types].xml"


def rels_for(part: str) -> str:
    """The relationships part of `part` ("" is the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target as a member name (no leading slash)."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    joined = posixpath.join(posixpath.dirname(source_part), target)
    return posixpath.normpath(joined).lstrip("/")


def relative(source_part: str, member: str) -> str:
    """The target text that points from `source_part` to `member`."""
    return posixpath.relpath(member, posixpath.dirname(source_part) or ".")


def type_is(rel_type: str, suffix: str) -> bool:
    """Compare relationship types by their last segment (transitional or strict)."""
    return rel_type.rsplit("/", 1)[-1] == suffix.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool
    element: xt.Element


class Rels:
    """One relationships part: read the list, queue additions and removals, render."""

    def __init__(self, owner_part: str, part: xt.XmlPart | None) -> None:
        self.owner_part = owner_part
        self.part = part or xt.XmlPart(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{REL_NS}"></Relationships>', "utf-8", b"")
        self.created = part is None
        text = self.part.text
        self.prefix = xt.prefix_for(text, REL_NS) or ""
        self.items: list[Relationship] = []
        for el in xt.iter_elements(text, xt.qname(self.prefix, "Relationship")):
            mode = el.attrs.get("TargetMode", "Internal")
            self.items.append(Relationship(el.attrs.get("Id", ""), el.attrs.get("Type", ""),
                                           el.attrs.get("Target", ""), mode == "External", el))
        self._added: list[str] = []
        self._removed: list[xt.Element] = []
        self._taken = {item.id.casefold() for item in self.items}

    def targets(self, rel_type: str) -> list[tuple[Relationship, str]]:
        """Internal relationships of a type with their resolved member names."""
        return [(r, resolve(self.owner_part, r.target)) for r in self.items
                if not r.external and type_is(r.type, rel_type)]

    def by_id(self, rel_id: str) -> Relationship | None:
        return next((r for r in self.items if r.id == rel_id), None)

    def new_id(self) -> str:
        n = len(self._taken) + 1
        while f"rid{n}" in self._taken:
            n += 1
        self._taken.add(f"rid{n}")
        return f"rId{n}"

    def add(self, rel_type: str, member: str) -> str:
        rel_id = self.new_id()
        target = xt.escape_attr(relative(self.owner_part, member))
        self._added.append(f'<{xt.qname(self.prefix, "Relationship")} Id="{rel_id}" '
                           f'Type="{rel_type}" Target="{target}"/>')
        return rel_id

    def remove(self, rel: Relationship) -> None:
        self._removed.append(rel.element)

    @property
    def changed(self) -> bool:
        return bool(self._added or self._removed)

    def render(self) -> bytes:
        text = self.part.text
        edits = [(el.start, el.end, "") for el in self._removed]
        if self._added:
            name, top = xt.root(text)
            whole = xt.first(text, name, top.start)
            if whole is None:
                raise ValueError(f"{self.owner_part}: relationships part has no root")
            edits += xt.append_children(text, whole, name, "".join(self._added))
        return self.part.with_text(xt.splice(text, edits)).encode()


def new_rels(entries: list[tuple[str, str, bool]]) -> bytes:
    """A fresh relationships part: (id, type, target, external) rows in order."""
    rows = []
    for index, (rel_type, target, external) in enumerate(entries, start=1):
        mode = ' TargetMode="External"' if external else ""
        rows.append(f'<Relationship Id="rId{index}" Type="{rel_type}" '
                    f'Target="{xt.escape_attr(target)}"{mode}/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{REL_NS}">{"".join(rows)}</Relationships>').encode()


class ContentTypes:
    """`[Content_Types].xml`: add overrides for new parts, drop those of removed parts."""

    def __init__(self, part: xt.XmlPart) -> None:
        self.part = part
        text = part.text
        self.prefix = xt.prefix_for(text, CT_NS) or ""
        self._overrides = {el.attrs.get("PartName", "").lstrip("/").lower(): el
                           for el in xt.iter_elements(text, xt.qname(self.prefix, "Override"))}
        self._defaults = {el.attrs.get("Extension", "").lower(): el.attrs.get("ContentType", "")
                          for el in xt.iter_elements(text, xt.qname(self.prefix, "Default"))}
        self._edits: list[tuple[int, int, str]] = []
        self._added: list[str] = []

    def content_type(self, member: str) -> str | None:
        override = self._overrides.get(member.lower())
        if override is not None:
            return override.attrs.get("ContentType")
        return self._defaults.get(posixpath.splitext(member)[1].lstrip(".").lower())

    def remove(self, member: str) -> None:
        el = self._overrides.pop(member.lower(), None)
        if el is not None:
            self._edits.append((el.start, el.end, ""))

    def set(self, member: str, content_type: str) -> None:
        if self.content_type(member) == content_type and member.lower() in self._overrides:
            return
        self.remove(member)
        self._added.append(f'<{xt.qname(self.prefix, "Override")} '
                           f'PartName="/{xt.escape_attr(member)}" ContentType="{content_type}"/>')

    def ensure_default(self, extension: str, content_type: str) -> None:
        if extension not in self._defaults:
            self._defaults[extension] = content_type
            self._added.insert(0, f'<{xt.qname(self.prefix, "Default")} '
                                  f'Extension="{extension}" ContentType="{content_type}"/>')

    @property
    def changed(self) -> bool:
        return bool(self._edits or self._added)

    def render(self) -> bytes:
        text = self.part.text
        edits = list(self._edits)
        if self._added:
            name, top = xt.root(text)
            whole = xt.first(text, name, top.start)
            if whole is None:
                raise ValueError("[Content_Types].xml has no root element")
            edits += xt.append_children(text, whole, name, "".join(self._added))
        return self.part.with_text(xt.splice(text, edits)).encode()
