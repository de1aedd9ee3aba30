"""Which members a run rewrites, removes and adds: the package graph of the toolkit's tabs.

A toolkit tab written before keeps its worksheet part. Anything hanging only off that
part (its old drawing and chart, or a comment the owner added to a toolkit tab) is
removed with it, but never a part that an owner's part also points to.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote

from toolkit.excel import opc
from toolkit.excel.package import ZipPackage

MAX_URL = 2079  # Excel's limit for a hyperlink address
_SAFE_URL = ":/?#[]@!$&'()*+,;=%~-._"


def links_of(package: ZipPackage) -> Callable[[str], list[str]]:
    """A cached `part -> internal members it points to` reader over the package's rels."""
    cache: dict[str, list[str]] = {}

    def links(part: str) -> list[str]:
        if part not in cache:
            stored = package.find(opc.rels_for(part))
            found: list[str] = []
            if stored is not None:
                try:
                    rels = opc.Rels(part, package.xml(stored))
                except (ValueError, UnicodeDecodeError):
                    rels = None
                if rels is not None:
                    for rel in rels.items:
                        if not rel.external:
                            member = package.find(opc.resolve(part, rel.target))
                            if member is not None:
                                found.append(member)
            cache[part] = found
        return cache[part]

    return links


def _walk(starts: list[str], links: Callable[[str], list[str]], stop: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        part = todo.pop()
        key = part.lower()
        if key in seen:
            continue
        seen.add(key)
        if key in stop:
            continue
        todo.extend(links(part))
    return seen


def doomed_members(package: ZipPackage, replaced: list[str]) -> set[str]:
    """Lower-cased member names to drop because only replaced worksheet parts use them.

    The replaced parts themselves are not included (they are rewritten in place), but
    their relationship parts are.
    """
    links = links_of(package)
    replaced_keys = {p.lower() for p in replaced}
    kept = _walk([""], links, replaced_keys)
    hanging = _walk(replaced, links, set()) - replaced_keys
    doomed = {m for m in hanging if m not in kept}
    for part in list(doomed) + list(replaced):
        rels = package.find(opc.rels_for(part))
        if rels is not None:
            doomed.add(rels.lower())
    return doomed


def fresh_name(taken: set[str], folder: str, stem: str, ext: str) -> str:
    """`folder/stemN.ext` with N one more than any such name already taken."""
    pattern = re.compile(re.escape(posixpath.join(folder, stem).lower()) + r"(\d+)\."
                         + re.escape(ext.lower()) + "$")
    numbers = [int(m.group(1)) for name in taken if (m := pattern.match(name))]
    name = posixpath.join(folder, f"{stem}{max(numbers, default=0) + 1}.{ext}")
    taken.add(name.lower())
    return name


def safe_url(url: str) -> str | None:
    """A hyperlink target Excel accepts (percent-encoded), or None when it cannot be one."""
    cleaned = quote(url.strip(), safe=_SAFE_URL)
    if not cleaned or len(cleaned) > MAX_URL:
        return None
    return cleaned
