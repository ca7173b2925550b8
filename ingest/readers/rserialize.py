"""A fast reader of R's serialization format, for the .rda files R data packages publish.

Why it exists: `rdata` (the pure-Python reader the project used before) builds a Python object with
enum-typed flags for every CHARSXP and then converts each one again; a Census data frame of 600,000
strings took it 8 s and the LSOA boundaries 11 s, the bulk of a full refresh. Here the stream is
walked once over a bytes buffer: numeric vectors are read in bulk with numpy (big-endian XDR), the
strings of a character vector in one tight loop, and a data frame becomes the pandas frame `rdata`
would give (the same dtypes, so everything downstream of `ingest.readers.rda` is unchanged).

What it reads (and all it reads; anything else is an `RDataError` that names the SEXP type):

- an .rda file: uncompressed or gzip, bzip2 or xz compressed; the "RDX2\\n" / "RDX3\\n" header and
  XDR ("X\\n") serialization, format versions 2 and 3 (v3 records the writer's native encoding);
- NULL, symbols, pairlists (attributes, the file's list of named objects, language objects and
  closures as plain cons cells), environments, namespaces and packages (kept only so that references
  to them resolve), builtins, and the reference table (REFSXP);
- logical, integer, double, complex, raw and character vectors and lists (VECSXP, EXPRSXP), long
  vectors included; CHARSXP encodings as R marks them (UTF-8, latin1, bytes, ASCII), strings R did
  not mark decoded as the caller's default encoding (else the v3 header's native one);
- ALTREP objects R 3.5+ may write in format 3: compact integer and double sequences, deferred
  strings and the wrap_* wrappers, expanded to ordinary vectors.

S4 objects, external pointers and weak references (a data.table carries one) are kept as opaque
placeholders. Byte code (BCODESXP: compiled functions) is refused, as are ASCII ("RDA") and
native-binary ("RDB") saves: R's save() writes XDR unless told otherwise.

`to_python` converts an object as `rdata` 1.1 did: a data.frame (tibble and sf frames included) to
a pandas DataFrame (strings as pandas strings, integers as Int32, logicals as boolean, doubles as
float64 with R's NA kept as its NaN, factors as Categorical), other atomic vectors to numpy arrays
(shaped by their dim; masked where an integer or logical is NA), named lists to dicts and other
lists to lists. An sf geometry column is thereby a list of nested lists of n x 2 coordinate arrays.
Where rdata had no answer it is an `RDataError` here: a string column holding bytes (marked so, or
not text in its encoding; rdata failed an assertion) and a factor code outside its levels (rdata
read code 0 as the last level; R calls such a factor malformed).
"""

from __future__ import annotations

import bz2
import gc
import gzip
import lzma
import math
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

# SEXP types (R's Rinternals.h) and the serialization's pseudo-types (serialize.c).
NILSXP, SYMSXP, LISTSXP, CLOSXP, ENVSXP, PROMSXP, LANGSXP = 0, 1, 2, 3, 4, 5, 6
SPECIALSXP, BUILTINSXP, CHARSXP, LGLSXP, INTSXP, REALSXP = 7, 8, 9, 10, 13, 14
CPLXSXP, STRSXP, DOTSXP, VECSXP, EXPRSXP, RAWSXP = 15, 16, 17, 19, 20, 24
EXTPTRSXP, WEAKREFSXP, S4SXP = 22, 23, 25
REFSXP, NILVALUE_SXP, GLOBALENV_SXP, UNBOUNDVALUE_SXP, MISSINGARG_SXP = 255, 254, 253, 252, 251
BASENAMESPACE_SXP, NAMESPACESXP, PACKAGESXP, PERSISTSXP = 250, 249, 248, 247
EMPTYENV_SXP, BASEENV_SXP, ATTRLANGSXP, ATTRLISTSXP, ALTREP_SXP = 242, 241, 240, 239, 238

TYPE_NAMES = {
    0: "NILSXP (NULL)",
    1: "SYMSXP (symbol)",
    2: "LISTSXP (pairlist)",
    3: "CLOSXP (closure)",
    4: "ENVSXP (environment)",
    5: "PROMSXP (promise)",
    6: "LANGSXP (language object)",
    7: "SPECIALSXP (special function)",
    8: "BUILTINSXP (builtin function)",
    9: "CHARSXP (string)",
    10: "LGLSXP (logical vector)",
    13: "INTSXP (integer vector)",
    14: "REALSXP (double vector)",
    15: "CPLXSXP (complex vector)",
    16: "STRSXP (character vector)",
    17: "DOTSXP (dot-dot-dot)",
    18: "ANYSXP",
    19: "VECSXP (list)",
    20: "EXPRSXP (expression vector)",
    21: "BCODESXP (byte code)",
    22: "EXTPTRSXP (external pointer)",
    23: "WEAKREFSXP (weak reference)",
    24: "RAWSXP (raw vector)",
    25: "S4SXP (S4 object)",
    238: "ALTREP_SXP (alternative representation)",
    239: "ATTRLISTSXP",
    240: "ATTRLANGSXP",
    241: "BASEENV_SXP",
    242: "EMPTYENV_SXP",
    243: "BCREPREF (byte code)",
    244: "BCREPDEF (byte code)",
    245: "GENERICREFSXP",
    246: "CLASSREFSXP",
    247: "PERSISTSXP",
    248: "PACKAGESXP",
    249: "NAMESPACESXP",
    250: "BASENAMESPACE_SXP",
    251: "MISSINGARG_SXP",
    252: "UNBOUNDVALUE_SXP",
    253: "GLOBALENV_SXP",
    254: "NILVALUE_SXP",
    255: "REFSXP",
}

# The general-purpose bits of a CHARSXP's flags (R's "levels", flags >> 12).
_BYTES_MASK, _LATIN1_MASK, _UTF8_MASK, _ASCII_MASK = 1 << 1, 1 << 2, 1 << 3, 1 << 6
_IS_OBJECT, _HAS_ATTR, _HAS_TAG = 1 << 8, 1 << 9, 1 << 10

R_INT_NA = -(2**31)

_INT = struct.Struct(">i")
_F8, _I4, _U1 = np.dtype(">f8"), np.dtype(">i4"), np.dtype("u1")
_NATIVE = {_F8: np.dtype(np.float64), _I4: np.dtype(np.int32), _U1: _U1}
_TWO_INTS = struct.Struct(">ii")
# Shorter character vectors (an sf geometry's class) are not worth a record array.
_FIXED_WIDTH_AT_LEAST = 64

_COMPRESSIONS = (
    (b"BZh", "bzip2", bz2.decompress),
    (b"\x1f\x8b", "gzip", gzip.decompress),
    (b"\xfd7zXZ\x00", "xz", lzma.decompress),
)


class RDataError(ValueError):
    """The bytes are no R data file this module reads: damaged, truncated, or an unsupported form."""


def type_name(sexp_type: int) -> str:
    return TYPE_NAMES.get(sexp_type, f"unknown SEXP type {sexp_type}")


class RObject:
    """One R object: its SEXP type, its value and attributes (a dict, attribute name -> RObject or
    None for NULL), and whether R marked it an object (it has a class).

    value by type: numpy arrays (native byte order) for logical (int32, R's NA as INT_MIN),
    integer, double, complex and raw vectors; a list of str / None (NA) / bytes (a string marked
    as bytes, or one its encoding cannot decode) for character vectors; a list of RObject / None
    for lists; a list of (tag, RObject / None) for pairlists (with `tail` the CDR of a dotted pair);
    the name for a symbol; the names for a namespace or package; a dict of its parts for an
    environment."""

    __slots__ = ("attributes", "is_object", "tail", "type", "value")

    def __init__(
        self, sexp_type: int, value: Any, attributes: dict | None = None, is_object: bool = False
    ):
        self.type = sexp_type
        self.value = value
        self.attributes = attributes
        self.is_object = is_object
        self.tail = None

    def attribute(self, name: str) -> Any:
        """The attribute's value (a list of str for a character vector); None if absent."""
        if not self.attributes:
            return None
        found = self.attributes.get(name)
        return None if found is None else found.value

    def classes(self) -> list:
        found = self.attribute("class")
        return found if self.is_object and isinstance(found, list) else []

    def __repr__(self) -> str:
        return f"RObject({type_name(self.type)}, attributes={sorted(self.attributes or ())})"


class Symbol(str):
    """An R symbol (a name); a str so that tags and attribute names read as text."""

    __slots__ = ()


def _sentinel(sexp_type: int) -> RObject:
    return RObject(sexp_type, None)


# The environments and markers R writes as bare flags; one instance each, as in R.
_GLOBALENV = _sentinel(GLOBALENV_SXP)
_EMPTYENV = _sentinel(EMPTYENV_SXP)
_BASEENV = _sentinel(BASEENV_SXP)
_BASENAMESPACE = _sentinel(BASENAMESPACE_SXP)
_UNBOUNDVALUE = _sentinel(UNBOUNDVALUE_SXP)
_MISSINGARG = _sentinel(MISSINGARG_SXP)
_SINGLETONS = {
    GLOBALENV_SXP: _GLOBALENV,
    EMPTYENV_SXP: _EMPTYENV,
    BASEENV_SXP: _BASEENV,
    BASENAMESPACE_SXP: _BASENAMESPACE,
    UNBOUNDVALUE_SXP: _UNBOUNDVALUE,
    MISSINGARG_SXP: _MISSINGARG,
}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a file's objects are built: they are hundreds of
    thousands of small containers (a boundary file's rings), none of them cyclic garbage, and the
    collector's passes over them took as long as reading them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- the stream -------------------------------------------------------------------------------


def decompress(data: bytes) -> bytes:
    """The file's bytes as R wrote them before compressing (gzip, bzip2, xz, or none)."""
    for magic, name, function in _COMPRESSIONS:
        if data.startswith(magic):
            try:
                return function(data)
            except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as exc:
                raise RDataError(f"its {name} compression is damaged or truncated: {exc}")
    return data


def read_rda(path: Path | str, default_encoding: str | None = None) -> dict[str, RObject | None]:
    """The objects an .rda file holds (as R's save() wrote them), by name, in the file's order.

    default_encoding decodes strings R did not mark with an encoding; None means the native
    encoding a format-3 file records (ASCII for a format-2 one)."""
    return parse_rda(Path(path).read_bytes(), default_encoding)


def parse_rda(data: bytes, default_encoding: str | None = None) -> dict[str, RObject | None]:
    with _collector_paused():
        return _parse_rda(decompress(data), default_encoding)


def _parse_rda(data: bytes, default_encoding: str | None) -> dict[str, RObject | None]:
    magic = data[:5]
    if magic not in (b"RDX2\n", b"RDX3\n"):
        if magic in (b"RDA2\n", b"RDA3\n", b"RDB2\n", b"RDB3\n"):
            form = "ASCII" if magic.startswith(b"RDA") else "native binary"
            raise RDataError(
                f"it is an R data file in the {form} form, which this reader does not read "
                "(R's save() writes the XDR form unless given ascii = TRUE)"
            )
        raise RDataError(
            f"it does not start with an R data header (RDX2/RDX3); it starts {magic!r}"
        )
    if data[5:7] != b"X\n":
        raise RDataError(f"its serialization is not XDR (found {bytes(data[5:7])!r})")
    reader = _Reader(data, 7, default_encoding)
    found = reader.read_header()
    if found is None:
        return {}
    if not isinstance(found, RObject) or found.type != LISTSXP:
        raise RDataError(
            f"an .rda holds a pairlist of named objects; this one holds a "
            f"{type_name(found.type if isinstance(found, RObject) else NILSXP)}"
        )
    if reader.pos != len(data):
        raise RDataError(f"{len(data) - reader.pos} bytes follow the saved objects")
    objects: dict[str, RObject | None] = {}
    for tag, value in found.value:
        if tag is None:
            raise RDataError("an object in the file has no name")
        objects[str(tag)] = value
    return objects


class _Reader:
    """One pass over an XDR stream; `pos` is the next byte."""

    def __init__(self, data: bytes, pos: int, default_encoding: str | None):
        self.data = data
        self.pos = pos
        self.default_encoding = default_encoding
        self.references: list[Any] = []
        # CHARSXP flags -> the codec to decode its bytes with (None: keep the bytes).
        self.codecs: dict[int, str | None] = {}

    # -- primitives

    def _truncated(self, what: str) -> RDataError:
        return RDataError(f"it ends at byte {len(self.data)}, in the middle of {what}")

    def integer(self) -> int:
        try:
            (value,) = _INT.unpack_from(self.data, self.pos)
        except struct.error:
            raise self._truncated("an integer") from None
        self.pos += 4
        return value

    def length(self) -> int:
        try:
            (n,) = _INT.unpack_from(self.data, self.pos)
        except struct.error:
            raise self._truncated("a vector's length") from None
        self.pos += 4
        if n < 0:
            if n != -1:
                raise RDataError(f"a vector length is negative ({n}) at byte {self.pos}")
            # A long vector: its length follows as two unsigned 32-bit halves.
            upper, lower = self.integer(), self.integer()
            n = ((upper & 0xFFFFFFFF) << 32) + (lower & 0xFFFFFFFF)
        return n

    def array(self, dtype: np.dtype, count: int) -> np.ndarray:
        end = self.pos + count * dtype.itemsize
        if end > len(self.data):
            raise self._truncated(f"a vector of {count} values")
        found = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos = end
        # Native byte order: numpy and pandas would otherwise carry '>' dtypes downstream.
        return found.astype(_NATIVE[dtype])

    def read_header(self) -> Any:
        version = self.integer()
        if version not in (2, 3):
            raise RDataError(f"serialization format version {version} is not 2 or 3")
        self.integer()  # the R version that wrote it
        self.integer()  # the oldest R version that can read it
        if version == 3:
            size = self.integer()
            if size < 0 or self.pos + size > len(self.data):
                raise self._truncated("the native encoding")
            native = self.data[self.pos : self.pos + size].decode("ascii", "replace")
            self.pos += size
            if self.default_encoding is None:
                self.default_encoding = native
        if self.default_encoding is None:
            self.default_encoding = "ascii"
        return self.item()

    # -- strings

    def codec(self, flags: int) -> str | None:
        """The codec of a CHARSXP with these flags, as rdata chose it: R's own mark first."""
        if flags & 0xFF != CHARSXP:
            raise RDataError(f"a character vector holds a {type_name(flags & 0xFF)}")
        levels = flags >> 12
        if levels & _UTF8_MASK:
            codec = "utf-8"
        elif levels & _LATIN1_MASK:
            codec = "latin-1"
        elif levels & _ASCII_MASK:
            codec = "ascii"
        elif levels & _BYTES_MASK:
            codec = None
        else:
            codec = self.default_encoding
        self.codecs[flags] = codec
        return codec

    def char(self, flags: int) -> str | bytes | None:
        if flags & 0xFF != CHARSXP:
            raise RDataError(f"a character vector holds a {type_name(flags & 0xFF)}")
        n = self.integer()
        if n == -1:
            value = None  # NA_character_
        else:
            if n < 0 or self.pos + n > len(self.data):
                raise self._truncated("a string")
            raw = self.data[self.pos : self.pos + n]
            self.pos += n
            value = _decode(raw, self.codecs[flags] if flags in self.codecs else self.codec(flags))
        if flags & _HAS_ATTR:
            self.item()  # old R wrote CHARSXP attributes; R itself ignores them
        return value

    def strings(self, n: int) -> list:
        """The elements of a character vector: the hot loop of a Census table."""
        if n >= _FIXED_WIDTH_AT_LEAST:
            found = self.fixed_width_strings(n)
            if found is not None:
                return found
        data, pos, codecs = self.data, self.pos, self.codecs
        unpack = _TWO_INTS.unpack_from
        values: list = [None] * n
        try:
            for i in range(n):
                flags, size = unpack(data, pos)
                if size == -1 and flags & 0xFF == CHARSXP and not flags & _HAS_ATTR:
                    pos += 8
                    continue  # NA_character_
                if size < 0 or flags & _HAS_ATTR:
                    self.pos = pos + 4
                    values[i] = self.char(flags)
                    pos = self.pos
                    continue
                pos += 8
                end = pos + size
                codec = codecs[flags] if flags in codecs else self.codec(flags)
                if codec is None:
                    values[i] = data[pos:end]
                else:
                    try:
                        values[i] = data[pos:end].decode(codec)
                    except UnicodeDecodeError:
                        values[i] = data[pos:end]
                pos = end
        except struct.error:
            self.pos = pos
            raise self._truncated("a character vector") from None
        if pos > len(data):
            self.pos = len(data)
            raise self._truncated("a character vector")
        self.pos = pos
        return values

    def fixed_width_strings(self, n: int) -> list | None:
        """A character vector of ASCII strings all as long as its first (area codes: 'E01000001'),
        read as one numpy record array: the element headers are then at known places. None when
        it is not one (an NA, another length, another mark, a byte outside ASCII)."""
        data, pos = self.data, self.pos
        if pos + 8 > len(data):
            return None
        flags, size = _TWO_INTS.unpack_from(data, pos)
        if size <= 0 or flags & 0xFF != CHARSXP or flags & _HAS_ATTR:
            return None
        if (flags >> 12) & (_BYTES_MASK | _LATIN1_MASK):
            return None
        end = pos + n * (8 + size)
        if end > len(data):
            return None
        layout = np.dtype([("flags", ">i4"), ("size", ">i4"), ("text", f"S{size}")])
        records = np.frombuffer(data, dtype=layout, count=n, offset=pos)
        if not ((records["flags"] == flags).all() and (records["size"] == size).all()):
            return None
        texts = np.ascontiguousarray(records["text"])
        octets = texts.view(np.uint8)
        # ASCII is the same text in every codec R marks; a NUL numpy would drop from the end.
        if (octets >= 0x80).any() or (octets == 0).any():
            return None
        self.pos = end
        return texts.astype(f"U{size}").tolist()

    # -- items

    def item(self) -> Any:
        try:
            (flags,) = _INT.unpack_from(self.data, self.pos)
        except struct.error:
            raise self._truncated("an object's header") from None
        self.pos += 4
        # The types of a data frame first: this runs once for every vector, ring and attribute.
        sexp_type = flags & 0xFF
        if sexp_type == NILVALUE_SXP:
            return None
        if sexp_type == REFSXP:
            index = flags >> 8 or self.integer()
            if not 0 < index <= len(self.references):
                raise RDataError(
                    f"a reference to entry {index} of a table of {len(self.references)}"
                )
            return self.references[index - 1]
        if sexp_type == LISTSXP:
            return self.pairlist(flags)
        if sexp_type == REALSXP:
            value = self.array(_F8, self.length())
        elif sexp_type == INTSXP or sexp_type == LGLSXP:
            value = self.array(_I4, self.length())
        elif sexp_type == STRSXP:
            value = self.strings(self.length())
        elif sexp_type == VECSXP or sexp_type == EXPRSXP:
            value = [self.item() for _ in range(self.length())]
        elif sexp_type in _SINGLETONS:
            return _SINGLETONS[sexp_type]
        elif sexp_type == CHARSXP:
            return self.char(flags)
        elif sexp_type == SYMSXP:
            name = self.item()
            symbol = RObject(SYMSXP, Symbol(name if isinstance(name, str) else repr(name)))
            self.references.append(symbol)
            return symbol
        elif sexp_type in (LANGSXP, CLOSXP, PROMSXP, DOTSXP, ATTRLISTSXP, ATTRLANGSXP):
            return self.pairlist(flags)
        elif sexp_type == ENVSXP:
            return self.environment(flags)
        elif sexp_type in (NAMESPACESXP, PACKAGESXP, PERSISTSXP):
            if self.integer() != 0:
                raise RDataError(f"a malformed {type_name(sexp_type)}")
            found = RObject(sexp_type, self.strings(self.length()))
            self.references.append(found)
            return found
        elif sexp_type == CPLXSXP:
            value = self.array(_F8, 2 * self.length()).view(np.complex128)
        elif sexp_type == RAWSXP:
            value = self.array(_U1, self.length())
        elif sexp_type in (SPECIALSXP, BUILTINSXP):
            n = self.integer()
            if n < 0 or self.pos + n > len(self.data):
                raise self._truncated("a builtin's name")
            value = self.data[self.pos : self.pos + n].decode("ascii", "replace")
            self.pos += n
        elif sexp_type == ALTREP_SXP:
            return self.altrep(flags)
        elif sexp_type == EXTPTRSXP or sexp_type == WEAKREFSXP:
            # data.table's .internal.selfref is one: kept so that references to it resolve.
            found = RObject(sexp_type, None, None, bool(flags & _IS_OBJECT))
            self.references.append(found)
            if sexp_type == EXTPTRSXP:
                found.value = {"protected": self.item(), "tag": self.item()}
            if flags & _HAS_ATTR:
                found.attributes = self.attributes()
            return found
        elif sexp_type == S4SXP:
            value = None
        else:
            if sexp_type not in TYPE_NAMES:
                raise RDataError(
                    f"it holds an object of SEXP type {sexp_type}, which R does not define (at "
                    f"byte {self.pos - 4}); the file is damaged"
                )
            raise RDataError(
                f"it holds an R object of type {type_name(sexp_type)}, which this reader does "
                "not read"
            )
        return RObject(
            sexp_type,
            value,
            self.attributes() if flags & _HAS_ATTR else None,
            bool(flags & _IS_OBJECT),
        )

    def attributes(self) -> dict[str, Any]:
        found = self.item()
        if not isinstance(found, RObject) or found.type != LISTSXP:
            raise RDataError("an object's attributes are not a pairlist")
        attributes = {}
        for tag, value in found.value:
            if tag is None:
                raise RDataError("an attribute has no name")
            attributes[str(tag)] = value
        return attributes

    def pairlist(self, flags: int) -> RObject:
        """A chain of cons cells, read as one list of (tag, value) without recursing down the CDR."""
        sexp_type = flags & 0xFF
        if sexp_type == ATTRLISTSXP:
            sexp_type, flags = LISTSXP, flags | _HAS_ATTR
        elif sexp_type == ATTRLANGSXP:
            sexp_type, flags = LANGSXP, flags | _HAS_ATTR
        head = RObject(sexp_type, [], None, bool(flags & _IS_OBJECT))
        cells = head.value
        first = True
        while True:
            attributes = self.attributes() if flags & _HAS_ATTR else None
            if first:
                head.attributes = attributes
                first = False
            tag = None
            if flags & _HAS_TAG:
                symbol = self.item()
                tag = symbol.value if isinstance(symbol, RObject) else symbol
            cells.append((tag, self.item()))
            flags = self.integer()
            cdr_type = flags & 0xFF
            if cdr_type == NILVALUE_SXP:
                return head
            if cdr_type not in (LISTSXP, LANGSXP, ATTRLISTSXP, ATTRLANGSXP):
                self.pos -= 4  # a dotted pair: its CDR is read as an item of its own
                head.tail = self.item()
                return head
            if cdr_type in (ATTRLISTSXP, ATTRLANGSXP):
                flags |= _HAS_ATTR

    def environment(self, flags: int) -> RObject:
        found = RObject(ENVSXP, None)
        # Registered before its contents: they may refer back to it.
        self.references.append(found)
        locked = self.integer()
        enclosure, frame, hashtab = self.item(), self.item(), self.item()
        attributes = self.item()
        found.value = {
            "locked": bool(locked),
            "enclos": enclosure,
            "frame": frame,
            "hashtab": hashtab,
        }
        if isinstance(attributes, RObject) and attributes.type == LISTSXP:
            found.attributes = {str(tag): value for tag, value in attributes.value}
        found.is_object = bool(flags & _IS_OBJECT)
        return found

    def altrep(self, flags: int) -> RObject:
        info, state, attributes = self.item(), self.item(), self.item()
        if not (isinstance(info, RObject) and info.type == LISTSXP and info.value):
            raise RDataError("an ALTREP object without its class")
        name_symbol = info.value[0][1]
        name = str(name_symbol.value) if isinstance(name_symbol, RObject) else "?"
        expand = _ALTREP_CLASSES.get(name)
        if expand is None:
            raise RDataError(
                f"it holds an ALTREP object of class {name!r}, which this reader does not read"
            )
        found = expand(state)
        found.is_object = bool(flags & _IS_OBJECT)
        if isinstance(attributes, RObject) and attributes.type == LISTSXP:
            found.attributes = {str(tag): value for tag, value in attributes.value}
        return found


def _decode(raw: bytes, codec: str | None) -> str | bytes:
    if codec is None:
        return raw
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return raw


# --- ALTREP -----------------------------------------------------------------------------------


def _altrep_state_vector(state: Any, what: str) -> np.ndarray:
    if not (isinstance(state, RObject) and state.type in (INTSXP, REALSXP)):
        raise RDataError(f"a {what} ALTREP's state is not a numeric vector")
    return state.value


def _compact_intseq(state: Any) -> RObject:
    n, start, step = (int(x) for x in _altrep_state_vector(state, "compact_intseq")[:3])
    return RObject(INTSXP, (start + step * np.arange(n, dtype=np.int64)).astype(np.int32))


def _compact_realseq(state: Any) -> RObject:
    n, start, step = _altrep_state_vector(state, "compact_realseq")[:3]
    return RObject(REALSXP, np.linspace(start, start + (n - 1) * step, int(n)))


def _wrapped(state: Any) -> RObject:
    # The state is a dotted pair: the wrapped vector and the wrapper's metadata.
    if not (isinstance(state, RObject) and state.type == LISTSXP and state.value):
        raise RDataError("a wrap_* ALTREP's state is not a pairlist")
    wrapped = state.value[0][1]
    if not isinstance(wrapped, RObject):
        raise RDataError("a wrap_* ALTREP wraps nothing")
    return RObject(wrapped.type, wrapped.value)


def _deferred_string(state: Any) -> RObject:
    # The state is a dotted pair: the numbers as.character() was given and R's scipen.
    if not (isinstance(state, RObject) and state.type == LISTSXP and state.value):
        raise RDataError("a deferred_string ALTREP's state is not a pairlist")
    numbers = state.value[0][1]
    scipen_object = state.tail
    scipen = int(scipen_object.value[0]) if isinstance(scipen_object, RObject) else 0
    if not (isinstance(numbers, RObject) and numbers.type in (INTSXP, REALSXP)):
        raise RDataError("a deferred_string ALTREP does not hold numbers")
    if numbers.type == INTSXP:
        texts = [None if x == R_INT_NA else str(x) for x in numbers.value.tolist()]
    else:
        # R's NA is a NaN whose low word is 1954: it stays NA, as in R; other NaNs and the
        # infinities are written as R writes them.
        values = numbers.value
        na = np.isnan(values) & (values.view(np.uint64) & 0xFFFFFFFF == 1954)
        texts = [
            None if is_na else _format_real(x, scipen)
            for x, is_na in zip(values.tolist(), na.tolist(), strict=True)
        ]
    return RObject(STRSXP, texts)


def _format_real(number: float, scipen: int) -> str:
    """A double as rdata wrote a deferred string's number (the shortest round-trip digits; R itself
    writes 15 significant digits)."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Inf" if number > 0 else "-Inf"
    fixed = np.format_float_positional(number, trim="-")
    scientific = np.format_float_scientific(number, trim="-")
    return scientific if len(fixed) - len(scientific) > scipen else fixed


_ALTREP_CLASSES = {
    "compact_intseq": _compact_intseq,
    "compact_realseq": _compact_realseq,
    "deferred_string": _deferred_string,
    "wrap_integer": _wrapped,
    "wrap_real": _wrapped,
    "wrap_logical": _wrapped,
    "wrap_string": _wrapped,
    "wrap_complex": _wrapped,
    "wrap_raw": _wrapped,
}


# --- conversion to Python, as rdata 1.1 converts ------------------------------------------------


def to_python(found: Any) -> Any:
    """The object as `rdata` 1.1's default conversion gives it (see the module docstring)."""
    with _collector_paused():
        return _to_python(found)


def _to_python(found: Any) -> Any:
    if found is None:
        return None
    if type(found) is not RObject:
        return found  # a lone CHARSXP's text
    if found.is_object:
        # The first class rdata has a constructor for decides; the other classes are ignored.
        for name in found.classes():
            if name == "data.frame":
                return _data_frame(found)
            if name == "factor" or name == "ordered":
                return _factor(found, ordered=name == "ordered")
    return _plain(found)


def _plain(found: RObject) -> Any:
    sexp_type = found.type
    value = found.value
    if sexp_type in (REALSXP, INTSXP, LGLSXP, CPLXSXP):
        if sexp_type == INTSXP or sexp_type == LGLSXP:
            missing = value == R_INT_NA
            if sexp_type == LGLSXP:
                value = value.astype(np.bool_)
            if missing.any():
                value = np.ma.MaskedArray(value, mask=missing)
        dim = found.attribute("dim") if found.attributes else None
        if dim is not None:
            value = np.reshape(value, tuple(int(d) for d in dim), order="F")
        return value
    if sexp_type == STRSXP:
        return np.array(value)
    if sexp_type == VECSXP or sexp_type == EXPRSXP:
        items = [_to_python(item) for item in value]
        names = found.attribute("names") if found.attributes else None
        if names is not None:
            if len(names) != len(items):
                raise RDataError(f"a list of {len(items)} items has {len(names)} names")
            return dict(zip(names, items, strict=True))
        return items
    if sexp_type == SYMSXP:
        return str(value)
    if sexp_type == LISTSXP:
        if value and value[0][0] is not None:
            return {str(tag): _to_python(item) for tag, item in value}
        return [_to_python(item) for _, item in value]
    if sexp_type == RAWSXP:
        return value
    return found


def _data_frame(found: RObject) -> Any:
    import pandas as pd

    if found.type != VECSXP:
        raise RDataError(f"a data.frame that is a {type_name(found.type)}, not a list")
    names = found.attribute("names")
    if names is None or len(names) != len(found.value):
        raise RDataError("a data.frame whose columns are not all named")
    columns = {name: _column(item) for name, item in zip(names, found.value, strict=True)}
    row_names = found.attributes.get("row.names") if found.attributes else None
    if row_names is None:
        raise RDataError("a data.frame without row.names")
    index: Any
    compact = row_names.value
    if row_names.type == INTSXP and len(compact) == 2 and compact[0] == R_INT_NA:
        index = pd.RangeIndex(1, abs(int(compact[1])) + 1)
    else:
        index = _to_python(row_names)
    return pd.DataFrame(columns, columns=list(columns), index=index)


def _column(found: Any) -> Any:
    """A data frame column as rdata's frame constructor takes it."""
    import pandas as pd

    if not isinstance(found, RObject) or found.classes() or found.attribute("dim") is not None:
        converted = _to_python(found)
        if isinstance(converted, np.ndarray) and converted.dtype != object:
            return _typed_column(converted)
        if isinstance(converted, np.ndarray):
            return _string_column(list(converted))
        return converted
    if found.type == STRSXP:
        return _string_column(found.value)
    if found.type in (INTSXP, LGLSXP) and (
        found.attribute("names") is not None or found.attribute("dimnames") is not None
    ):
        return _labelled_column(found)
    if found.type == INTSXP:
        missing = found.value == R_INT_NA
        return pd.arrays.IntegerArray(found.value, missing)
    if found.type == LGLSXP:
        missing = found.value == R_INT_NA
        return pd.arrays.BooleanArray(found.value.astype(np.bool_), missing)
    if found.type == REALSXP or found.type == CPLXSXP:
        return found.value
    converted = _to_python(found)
    if isinstance(converted, np.ndarray):
        return _typed_column(converted)
    return converted


def _labelled_column(found: RObject) -> np.ndarray:
    """A named integer or logical column as rdata framed it: through an xarray DataArray, which
    pandas takes as a plain numpy column (int32 or bool), an NA turning the column to float64
    with NaN (a logical's TRUE and FALSE then 1.0 and 0.0)."""
    values = found.value
    missing = values == R_INT_NA
    if found.type == LGLSXP:
        values = values.astype(np.bool_)
    if not missing.any():
        return values
    return np.where(missing, np.nan, values.astype(np.float64))


def _typed_column(values: np.ndarray) -> Any:
    import pandas as pd

    if np.issubdtype(values.dtype, np.integer):
        return pd.Series(values, dtype=pd.Int32Dtype()).array
    if np.issubdtype(values.dtype, np.bool_):
        return pd.Series(values, dtype=pd.BooleanDtype()).array
    if np.issubdtype(values.dtype, np.str_):
        return pd.Series(values, dtype=pd.StringDtype()).array
    return values


def _string_column(values: list) -> Any:
    import pandas as pd

    if not set(map(type, values)) <= {str, type(None)}:
        value = next(value for value in values if value is not None and type(value) is not str)
        raise RDataError(
            f"a character column holds {value!r}: bytes R marked as such, or not text in the "
            "encoding they are marked with"
        )
    return pd.Series(np.array(values, dtype=object), dtype=pd.StringDtype()).array


def _factor(found: RObject, *, ordered: bool) -> Any:
    import pandas as pd

    if found.type != INTSXP:
        raise RDataError(f"a factor that is a {type_name(found.type)}, not integer codes")
    levels = found.attribute("levels")
    if levels is None:
        raise RDataError("a factor without levels")
    codes = found.value
    missing = codes == R_INT_NA
    if ((codes < 1) & ~missing).any() or (codes > len(levels)).any():
        # R's own as.character() says "malformed factor" of these.
        bad = int(codes[((codes < 1) & ~missing) | (codes > len(levels))][0])
        raise RDataError(f"a malformed factor: code {bad} is not one of its {len(levels)} levels")
    codes = np.where(missing, -1, codes - 1)
    return pd.Categorical.from_codes(codes, categories=np.array(levels), ordered=ordered)
