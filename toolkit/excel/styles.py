"""The few cell styles the toolkit's tabs need, appended to the owner's styles part.

A bold header, a date, a date-time and a wrapped-text style. Existing entries are reused
when an identical one is already there (so daily runs do not grow the part); otherwise
new `<font>`/`<xf>` entries are appended and the counts updated, as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.excel import xmltext as xt
from toolkit.excel.workbook_xml import MAIN_NS

DATE_FORMAT = 14  # built-in: the owner's short date
DATETIME_FORMAT = 22  # built-in: short date + h:mm
_SPACE_BETWEEN_TAGS = re.compile(r">\s+<")
_BOLD = re.compile(r"<(?:\w+:)?b(?:\s+val=\"(?:1|true)\")?\s*/>")

MINIMAL_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@dataclass(frozen=True)
class CellStyles:
    """cellXfs indexes for the toolkit's cells (0 = the workbook's default)."""

    header: int = 0
    date: int = 0
    datetime: int = 0
    wrap: int = 0


def _norm(xml: str) -> str:
    return _SPACE_BETWEEN_TAGS.sub("><", xml.strip())


def _xf_key(attrs: dict[str, str], inner: str) -> tuple[str, ...] | None:
    """What matters about an xf for reuse; None when it carries things we do not write."""
    inner = _norm(inner)
    wrap = ""
    if inner:
        match = re.fullmatch(r"<(?:\w+:)?alignment((?:\s+[\w:]+=\"[^\"]*\")*)\s*/>", inner)
        if match is None:
            return None
        align = xt.parse_attrs(match.group(1))
        if set(align) - {"wrapText", "vertical"}:
            return None
        wrap = "wrap" if align.get("wrapText") in {"1", "true"} else ""
        wrap += align.get("vertical", "")
    return (attrs.get("numFmtId", "0"), attrs.get("fontId", "0"), attrs.get("fillId", "0"),
            attrs.get("borderId", "0"), attrs.get("xfId", "0"), wrap)


class Styles:
    """The styles part with queued appends (fonts, cellXfs)."""

    def __init__(self, part: xt.XmlPart | None) -> None:
        self.created = part is None
        self.part = part or xt.XmlPart(MINIMAL_STYLES, "utf-8", b"")
        text = self.part.text
        self.prefix = xt.prefix_for(text, MAIN_NS) or ""
        self._edits: list[tuple[int, int, str]] = []
        self.changed = False

    def q(self, local: str) -> str:
        return xt.qname(self.prefix, local)

    def _collection(self, local: str) -> xt.Element:
        element = xt.first(self.part.text, self.q(local))
        if element is None:
            raise ValueError(f"the styles part has no <{local}>")
        return element

    def _items(self, parent: xt.Element, local: str) -> list[xt.Element]:
        return list(xt.iter_elements(self.part.text, self.q(local), parent.tag_end,
                                     parent.close_start))

    def ensure(self) -> CellStyles:
        """Find or append the toolkit's styles; returns their cellXfs indexes."""
        text = self.part.text
        fonts_el = self._collection("fonts")
        fonts = self._items(fonts_el, "font")
        base = _norm(fonts[0].inner(text)) if fonts else ""
        base = _BOLD.sub("", base)
        bold_inner = f"<{self.q('b')}/>" + base
        bold_font = next((i for i, f in enumerate(fonts) if _norm(f.inner(text)) == bold_inner),
                         None)
        new_fonts: list[str] = []
        if bold_font is None:
            if not fonts:
                new_fonts.append(f"<{self.q('font')}/>")
            bold_font = len(fonts) + len(new_fonts)
            new_fonts.append(f"<{self.q('font')}>{bold_inner}</{self.q('font')}>")
        if new_fonts:
            self._edits += xt.append_children(text, fonts_el, self.q("fonts"), "".join(new_fonts),
                                              count=len(fonts) + len(new_fonts))

        has_style_xfs = xt.first(text, self.q("cellStyleXfs")) is not None
        xf_id = "0" if has_style_xfs else ""
        xfs_el = self._collection("cellXfs")
        existing = [_xf_key(x.attrs, x.inner(text)) for x in self._items(xfs_el, "xf")]
        wanted = {
            "header": ((str(0), str(bold_font), "0", "0", xf_id or "0", ""),
                       {"applyFont": "1"}, ""),
            "date": ((str(DATE_FORMAT), "0", "0", "0", xf_id or "0", ""),
                     {"applyNumberFormat": "1"}, ""),
            "datetime": ((str(DATETIME_FORMAT), "0", "0", "0", xf_id or "0", ""),
                         {"applyNumberFormat": "1"}, ""),
            "wrap": (("0", "0", "0", "0", xf_id or "0", "wraptop"), {"applyAlignment": "1"},
                     f'<{self.q("alignment")} vertical="top" wrapText="1"/>'),
        }
        found: dict[str, int] = {}
        new_xfs: list[str] = []
        if not existing:
            new_xfs.append(f'<{self.q("xf")} numFmtId="0" fontId="0" fillId="0" borderId="0"/>')
            existing.append(("0", "0", "0", "0", "0", ""))
        for key, (signature, applies, child) in wanted.items():
            if signature in existing:
                found[key] = existing.index(signature)
                continue
            found[key] = len(existing)
            existing.append(signature)
            xf_attr = f' xfId="{xf_id}"' if xf_id else ""
            extra = "".join(f' {k}="{v}"' for k, v in applies.items())
            head = (f'<{self.q("xf")} numFmtId="{signature[0]}" fontId="{signature[1]}" '
                    f'fillId="0" borderId="0"{xf_attr}{extra}')
            new_xfs.append(f'{head}>{child}</{self.q("xf")}>' if child else head + "/>")
        if new_xfs:
            self._edits += xt.append_children(text, xfs_el, self.q("cellXfs"), "".join(new_xfs),
                                              count=len(existing))
        self.changed = self.created or bool(self._edits)
        return CellStyles(**found)

    def render(self) -> bytes:
        return self.part.with_text(xt.splice(self.part.text, self._edits)).encode()
