"""`docProps/app.xml`: keep the list of worksheet titles in step with the workbook.

The titles are grouped by heading pairs whose names are localised ("Worksheets",
"Листы", ...), so the worksheet group is recognised by its titles, not its name. When it
cannot be recognised the part is left exactly as it is (it is only informational).
"""

from __future__ import annotations

from toolkit.excel import xmltext as xt

VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


class AppProps:
    def __init__(self, part: xt.XmlPart, worksheet_names: list[str]) -> None:
        self.part = part
        self._edits: list[tuple[int, int, str]] = []
        self._vt = xt.prefix_for(part.text, VT_NS)
        ep = xt.prefix_for(part.text, EP_NS) or ""
        self._group: tuple[xt.Element, list[xt.Element], xt.Element] | None = None
        if self._vt is not None:
            self._group = self._find_group(ep, set(worksheet_names))
        self._new: list[str] = []

    def _find_group(self, ep: str, worksheets: set[str],
                    ) -> tuple[xt.Element, list[xt.Element], xt.Element] | None:
        text = self.part.text
        vt = self._vt or ""
        heading = xt.first(text, xt.qname(ep, "HeadingPairs"))
        titles_el = xt.first(text, xt.qname(ep, "TitlesOfParts"))
        if heading is None or titles_el is None:
            return None
        vector = xt.first(text, xt.qname(vt, "vector"), titles_el.tag_end, titles_el.close_start)
        if vector is None:
            return None
        titles = list(xt.iter_elements(text, xt.qname(vt, "lpstr"), vector.tag_end,
                                       vector.close_start))
        variants = list(xt.iter_elements(text, xt.qname(vt, "variant"), heading.tag_end,
                                         heading.close_start))
        offset = 0
        for i in range(0, len(variants) - 1, 2):
            count_el = xt.first(text, xt.qname(vt, "i4"), variants[i + 1].tag_end,
                                variants[i + 1].close_start)
            if count_el is None or not count_el.inner(text).strip().isdigit():
                return None
            count = int(count_el.inner(text).strip())
            group = titles[offset : offset + count]
            if count and len(group) == count and all(
                    xt.unescape(t.inner(text)) in worksheets for t in group):
                return vector, group, count_el
            offset += count
        return None

    def add(self, name: str) -> None:
        if self._group is not None:
            lpstr = xt.qname(self._vt or "", "lpstr")
            self._new.append(f"<{lpstr}>{xt.escape_text(name)}</{lpstr}>")

    def rename(self, old: str, new: str) -> None:
        if self._group is None:
            return
        for title in self._group[1]:
            if xt.unescape(title.inner(self.part.text)) == old:
                self._edits.append((title.tag_end, title.close_start, xt.escape_text(new)))
                return

    @property
    def changed(self) -> bool:
        return bool(self._edits or self._new)

    def render(self) -> bytes:
        text = self.part.text
        edits = list(self._edits)
        if self._new and self._group is not None:
            vector, group, count_el = self._group
            edits.append((group[-1].end, group[-1].end, "".join(self._new)))
            edits.append((count_el.tag_end, count_el.close_start,
                          str(len(group) + len(self._new))))
            size = vector.attrs.get("size")
            if size is not None and size.isdigit():
                tag = text[vector.start : vector.tag_end]
                edits.append((vector.start, vector.tag_end,
                              xt.set_attr(tag, "size", str(int(size) + len(self._new)))))
        return self.part.with_text(xt.splice(text, edits)).encode()
