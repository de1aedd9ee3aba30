"""The workbook part: which tabs exist, which are the toolkit's, and the text edits that
add a tab, rename one, and mark it as the toolkit's.

Ownership is a hidden, sheet-scoped defined name (`CustomerToolkitTab`, value
`"customer-toolkit"`). Excel and LibreOffice both keep sheet-scoped names, and update
their sheet index when the owner reorders tabs, whatever they rename the parts to.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.excel import xmltext as xt

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
MARKER_NAME = "CustomerToolkitTab"
MARKER_VALUE = '"customer-toolkit"'
# Where <definedNames> goes: after these (CT_Workbook's sequence), before the rest.
_BEFORE_DEFINED_NAMES = ("externalReferences", "functionGroups", "sheets")


@dataclass(frozen=True)
class SheetEntry:
    index: int  # position in <sheets> (what localSheetId counts)
    name: str
    sheet_id: int
    rel_id: str
    element: xt.Element


@dataclass(frozen=True)
class DefinedName:
    name: str
    local_sheet: int | None
    value: str
    element: xt.Element


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "on"}


class WorkbookXml:
    """Parsed view of the workbook part plus queued text edits."""

    def __init__(self, part: xt.XmlPart) -> None:
        self.part = part
        text = part.text
        root_name, root = xt.root(text)
        self.strict = STRICT_NS in root.attrs.values()
        prefix = xt.prefix_for(text, MAIN_NS)
        self.prefix = prefix if prefix is not None else root_name.partition(":")[0] if (
            ":" in root_name) else ""
        rel_prefix = xt.prefix_for(text, "http://schemas.openxmlformats.org/officeDocument/"
                                         "2006/relationships")
        self.rel_prefix = rel_prefix or "r"
        self._declare_r = rel_prefix is None or rel_prefix == ""
        q = self.q
        self.sheets_element = xt.first(text, q("sheets"))
        self.sheets: list[SheetEntry] = []
        if self.sheets_element is not None:
            rid_key = f"{self.rel_prefix}:id"
            for index, el in enumerate(xt.iter_elements(
                    text, q("sheet"), self.sheets_element.tag_end,
                    self.sheets_element.close_start)):
                sheet_id = el.attrs.get("sheetId", "0")
                rel_id = el.attrs.get(rid_key) or next(
                    (v for k, v in el.attrs.items() if k.endswith(":id")), "")
                self.sheets.append(SheetEntry(index, el.attrs.get("name", ""),
                                              int(sheet_id) if sheet_id.isdigit() else 0,
                                              rel_id, el))
        self.names_element = xt.first(text, q("definedNames"))
        self.defined_names: list[DefinedName] = []
        if self.names_element is not None:
            for el in xt.iter_elements(text, q("definedName"), self.names_element.tag_end,
                                       self.names_element.close_start):
                local = el.attrs.get("localSheetId")
                self.defined_names.append(DefinedName(
                    el.attrs.get("name", ""), int(local) if local and local.isdigit() else None,
                    xt.unescape(el.inner(text)), el))
        pr = xt.first(text, q("workbookPr"))
        self.date1904 = pr is not None and _truthy(pr.attrs.get("date1904"))
        protection = xt.first(text, q("workbookProtection"))
        self.structure_locked = protection is not None and _truthy(
            protection.attrs.get("lockStructure"))
        self.file_sharing = xt.first(text, q("fileSharing")) is not None
        self._edits: list[tuple[int, int, str]] = []
        self._new_sheets: list[str] = []
        self._new_names: list[str] = []

    def q(self, local: str) -> str:
        return xt.qname(self.prefix, local)

    def owned_indexes(self) -> set[int]:
        return {d.local_sheet for d in self.defined_names
                if d.name.casefold() == MARKER_NAME.casefold() and d.local_sheet is not None
                and d.value.strip() == MARKER_VALUE}

    def find_sheet(self, name: str) -> SheetEntry | None:
        wanted = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == wanted), None)

    def next_sheet_id(self) -> int:
        return max((s.sheet_id for s in self.sheets), default=0) + 1 + len(self._new_sheets)

    def rename(self, sheet: SheetEntry, name: str) -> None:
        start_tag = self.part.text[sheet.element.start : sheet.element.tag_end]
        self._edits.append((sheet.element.start, sheet.element.tag_end,
                            xt.set_attr(start_tag, "name", name)))

    def add_sheet(self, name: str, rel_id: str) -> int:
        """Queue a new <sheet> at the end; returns its index (for localSheetId)."""
        sheet_id = self.next_sheet_id()
        declare = (f' xmlns:{self.rel_prefix}="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"') if self._declare_r else ""
        self._new_sheets.append(f'<{self.q("sheet")} name="{xt.escape_attr(name)}" '
                                f'sheetId="{sheet_id}" {self.rel_prefix}:id="{rel_id}"{declare}/>')
        return len(self.sheets) + len(self._new_sheets) - 1

    def mark_owned(self, index: int) -> None:
        self._new_names.append(f'<{self.q("definedName")} name="{MARKER_NAME}" '
                               f'localSheetId="{index}" hidden="1">'
                               f'{xt.escape_text(MARKER_VALUE)}</{self.q("definedName")}>')

    @property
    def changed(self) -> bool:
        return bool(self._edits or self._new_sheets or self._new_names)

    def render(self) -> bytes:
        text = self.part.text
        edits = list(self._edits)
        if self._new_sheets:
            if self.sheets_element is None:
                raise ValueError("the workbook part has no <sheets> list")
            edits += xt.append_children(text, self.sheets_element, self.q("sheets"),
                                        "".join(self._new_sheets))
        if self._new_names:
            names = "".join(self._new_names)
            if self.names_element is not None:
                edits += xt.append_children(text, self.names_element, self.q("definedNames"),
                                            names)
            else:
                edits.append((self._names_position(), self._names_position(),
                              f'<{self.q("definedNames")}>{names}</{self.q("definedNames")}>'))
        return self.part.with_text(xt.splice(text, edits)).encode()

    def _names_position(self) -> int:
        for local in _BEFORE_DEFINED_NAMES:
            element = xt.first(self.part.text, self.q(local))
            if element is not None:
                return element.end
        raise ValueError("the workbook part has no <sheets> list")
