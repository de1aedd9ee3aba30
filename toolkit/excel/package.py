"""The workbook as the zip package it is: read members, copy them raw, write new ones.

Members the toolkit does not own are copied with their compressed bytes exactly as they
are (no decompression, no re-compression), so a chart, a macro project or a picture
comes out bit for bit the same. Python's zipfile has no public "copy raw" call, so this
module reads each member's data straight from the archive (after its local header) and
writes a small zip of its own: local headers, data, central directory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from toolkit.excel.xmltext import XmlPart

_LOCAL_SIG = b"PK\x03\x04"
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LIMIT = 0xFFFFFFFF
_CHUNK = 1 << 20
_UTF8_FLAG = 0x800
_DESCRIPTOR_FLAG = 0x8


class PackageError(Exception):
    """The file is not a zip package we can copy (the caller words the owner message)."""


class ZipPackage:
    """Read access to a zip package: member names, texts, and raw compressed data."""

    def __init__(self, fp: BinaryIO) -> None:
        self._fp = fp
        try:
            self._zip = zipfile.ZipFile(fp)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PackageError(str(exc)) from exc
        self.infos: list[zipfile.ZipInfo] = self._zip.infolist()
        self._by_lower = {info.filename.lower(): info for info in self.infos}

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ZipPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return [info.filename for info in self.infos]

    def find(self, name: str) -> str | None:
        """The member's name as stored, matched case-insensitively (part names are)."""
        info = self._by_lower.get(name.lower())
        return info.filename if info else None

    def read(self, name: str) -> bytes:
        info = self._by_lower.get(name.lower())
        if info is None:
            raise KeyError(name)
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
            raise PackageError(f"{name}: {exc}") from exc

    def xml(self, name: str) -> XmlPart:
        return XmlPart.decode(self.read(name))

    def raw_chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's stored (compressed) bytes, streamed, exactly as in the archive."""
        self._fp.seek(info.header_offset)
        header = self._fp.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != _LOCAL_SIG:
            raise PackageError(f"{info.filename}: broken local header")
        fields = _LOCAL.unpack(header)
        data_start = info.header_offset + _LOCAL.size + fields[9] + fields[10]
        remaining = info.compress_size
        pos = data_start
        while remaining > 0:
            self._fp.seek(pos)
            chunk = self._fp.read(min(_CHUNK, remaining))
            if not chunk:
                raise PackageError(f"{info.filename}: archive ends inside the member")
            pos += len(chunk)
            remaining -= len(chunk)
            yield chunk


def _dos_stamp(when: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = when
    year = min(max(year, 1980), 2107)
    date = (year - 1980) << 9 | month << 5 | day
    time = hour << 11 | minute << 5 | second // 2
    return time, date


def _strip_zip64(extra: bytes) -> bytes:
    """Extra fields minus ZIP64 records (sizes here always fit in 32 bits)."""
    out = bytearray()
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        if tag != 0x0001:
            out += extra[pos : pos + 4 + size]
        pos += 4 + size
    return bytes(out)


@dataclass
class _Entry:
    name: bytes
    flags: int
    method: int
    time: int
    date: int
    crc: int = 0
    csize: int = 0
    usize: int = 0
    offset: int = 0
    extra: bytes = b""
    comment: bytes = b""
    made_by: int = 20
    needed: int = 20
    internal: int = 0
    external: int = 0


@dataclass
class ZipWriter:
    """Writes a zip archive to a seekable binary file, member by member."""

    fp: BinaryIO
    when: datetime
    level: int = 1  # fast: only the toolkit's own parts are compressed here
    _entries: list[_Entry] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)

    def _claim(self, name: str) -> None:
        key = name.lower()
        if key in self._names:
            raise PackageError(f"{name}: written twice")
        self._names.add(key)

    def _local_header(self, entry: _Entry) -> bytes:
        return _LOCAL.pack(_LOCAL_SIG, entry.needed, entry.flags, entry.method, entry.time,
                           entry.date, entry.crc, entry.csize, entry.usize, len(entry.name),
                           len(entry.extra)) + entry.name + entry.extra

    def copy_raw(self, source: ZipPackage, info: zipfile.ZipInfo) -> None:
        """Copy one member of `source` with its compressed bytes untouched."""
        self._claim(info.filename)
        utf8 = bool(info.flag_bits & _UTF8_FLAG)
        name = info.orig_filename.encode("utf-8" if utf8 else "cp437")
        time, date = _dos_stamp(info.date_time)
        entry = _Entry(name=name, flags=info.flag_bits & ~_DESCRIPTOR_FLAG,
                       method=info.compress_type, time=time, date=date, crc=info.CRC,
                       csize=info.compress_size, usize=info.file_size,
                       offset=self.fp.tell(), extra=_strip_zip64(info.extra),
                       comment=info.comment, made_by=info.create_system << 8 |
                       min(info.create_version, 63), needed=info.extract_version,
                       internal=info.internal_attr, external=info.external_attr)
        if max(entry.csize, entry.usize, entry.offset) >= _LIMIT:
            raise PackageError(f"{info.filename}: larger than 4 GB")
        self.fp.write(self._local_header(entry))
        written = 0
        for chunk in source.raw_chunks(info):
            self.fp.write(chunk)
            written += len(chunk)
        if written != entry.csize:
            raise PackageError(f"{info.filename}: copied {written} of {entry.csize} bytes")
        self._entries.append(entry)

    def write_chunks(self, name: str, chunks: Iterator[bytes]) -> None:
        """Deflate a new member from a stream of bytes (the header is patched after)."""
        self._claim(name)
        time, date = _dos_stamp(self.when.timetuple()[:6])
        entry = _Entry(name=name.encode("utf-8"), flags=_UTF8_FLAG, method=zipfile.ZIP_DEFLATED,
                       time=time, date=date, offset=self.fp.tell())
        self.fp.write(self._local_header(entry))
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -15)
        crc = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            entry.usize += len(chunk)
            packed = compressor.compress(chunk)
            entry.csize += len(packed)
            self.fp.write(packed)
        tail = compressor.flush()
        entry.csize += len(tail)
        self.fp.write(tail)
        entry.crc = crc
        if max(entry.csize, entry.usize, entry.offset) >= _LIMIT:
            raise PackageError(f"{name}: larger than 4 GB")
        end = self.fp.tell()
        self.fp.seek(entry.offset)
        self.fp.write(self._local_header(entry))
        self.fp.seek(end)
        self._entries.append(entry)

    def write_bytes(self, name: str, data: bytes) -> None:
        self.write_chunks(name, iter((data,)))

    def finish(self) -> None:
        """Write the central directory; the archive is complete after this."""
        if len(self._entries) >= 0xFFFF:
            raise PackageError("more than 65,535 members")
        start = self.fp.tell()
        for e in self._entries:
            self.fp.write(_CENTRAL.pack(b"PK\x01\x02", e.made_by, e.needed, e.flags, e.method,
                                        e.time, e.date, e.crc, e.csize, e.usize, len(e.name),
                                        len(e.extra), len(e.comment), 0, e.internal, e.external,
                                        e.offset) + e.name + e.extra + e.comment)
        size = self.fp.tell() - start
        if start + size >= _LIMIT:
            raise PackageError("archive larger than 4 GB")
        count = len(self._entries)
        self.fp.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))
