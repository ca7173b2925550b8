"""The R serialization reader (ingest/readers/rserialize.py): the real .rda files read as `rdata`
read them, values a user would check in them, small files `rdata` writes (NA, encodings, factors,
compressions, format versions, ALTREP) and streams written byte by byte for what `rdata` cannot
write (references to environments, byte code, damage)."""

from __future__ import annotations

import bz2
import json
import lzma
import struct
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
import rdata
from rdata.conversion.to_r import DEFAULT_CLASS_MAP, R_INT_NA, build_r_object
from rdata.missing import R_FLOAT_NA
from rdata.parser import CharFlags, RObjectType

from ingest.catalog import get_source
from ingest.readers import rda, read_source, rserialize
from ingest.readers.rserialize import RDataError
from tests.conftest import real_file

# --- the real files ----------------------------------------------------------------------------


def rdata_objects(path: Path, encoding: str = "utf-8") -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return rdata.read_rda(path, default_encoding=encoding)


def fast_objects(path: Path, encoding: str = "utf-8") -> dict:
    return {
        name: rserialize.to_python(value)
        for name, value in rserialize.read_rda(path, default_encoding=encoding).items()
    }


def assert_same_frame(expected: pd.DataFrame, found: pd.DataFrame) -> None:
    """Every column, dtype, index and value; list columns (sf geometry) array by array, bit for
    bit, and doubles bit for bit (R's NA is a NaN of its own)."""
    nested = [name for name in expected.columns if expected[name].dtype == object]
    pd.testing.assert_frame_equal(
        expected.drop(columns=nested), found.drop(columns=nested), check_exact=True
    )
    assert list(expected.columns) == list(found.columns)
    for name in expected.columns:
        if expected[name].dtype == np.float64:
            assert expected[name].to_numpy().tobytes() == found[name].to_numpy().tobytes()
    for name in nested:
        assert_same_nested(expected[name].tolist(), found[name].tolist())


def assert_same_nested(expected, found) -> None:
    if isinstance(expected, np.ndarray):
        assert type(found) is type(expected)
        assert (found.dtype, found.shape) == (expected.dtype, expected.shape)
        assert found.tobytes() == expected.tobytes()
    elif isinstance(expected, list):
        assert type(found) is list and len(found) == len(expected)
        for one, other in zip(expected, found, strict=True):
            assert_same_nested(one, other)
    else:
        assert type(found) is type(expected) and found == expected


@pytest.mark.parametrize(
    "name", ["proficiency21_msoa21.rda", "boundaries_ltla24.rda", "ethnicity21_ltla21.rda"]
)
def test_a_real_file_reads_as_rdata_reads_it(shared_data, name):
    # The three small ones: rdata takes seconds over the others (bench/rda_read.py compares all).
    path = real_file(name)
    expected, found = rdata_objects(path), fast_objects(path)
    assert list(found) == list(expected)
    for key, frame in expected.items():
        assert isinstance(found[key], pd.DataFrame)
        assert_same_frame(frame, found[key])


def test_the_religion_table_from_its_r_file(shared_data):
    frame = read_source(
        get_source("ons__census2021_ts030_lsoa"), real_file("religion21_lsoa21.rda")
    )
    assert frame.height == 35672
    assert frame.null_count().sum_horizontal().item() == 0
    city_of_london = frame.row(by_predicate=pl.col("geography code") == "E01000001", named=True)
    assert city_of_london == {
        "_row_number": 1,
        "geography code": "E01000001",
        "Religion: Total: All usual residents": 1475,
        "Religion: No religion": 713,
        "Religion: Christian": 510,
        "Religion: Buddhist": 10,
        "Religion: Hindu": 39,
        "Religion: Jewish": 29,
        "Religion: Muslim": 32,
        "Religion: Sikh": 0,
        "Religion: Other religion": 5,
        "Religion: Not answered": 137,
    }


def test_the_ethnicity_table_from_its_r_file(shared_data):
    frame = read_source(
        get_source("ons__census2021_ts021_lsoa"), real_file("ethnicity21_lsoa21.rda")
    )
    assert frame.height == 35672
    row = frame.row(by_predicate=pl.col("geography code") == "E01000001", named=True)
    assert row["Ethnic group: Total: All usual residents"] == 1474
    assert row["Ethnic group: White"] == 1181
    assert row["Ethnic group: Asian, Asian British or Asian Welsh"] == 158


def test_the_lsoa_boundaries_from_their_r_file(shared_data):
    frame = read_source(get_source("ons__lsoa21_boundaries"), real_file("boundaries_lsoa21.rda"))
    assert frame.height == 35672
    code, name, geometry = frame.row(0)[1:]
    assert (code, name) == ("E01000001", "City of London 001A")
    assert geometry.startswith(
        '{"type":"MultiPolygon","coordinates":[[[[-0.09726559999999998,51.5215848],'
        "[-0.0984983,51.520539899999996],"
    )
    first_ring = json.loads(geometry)["coordinates"][0][0]
    assert first_ring[0] == first_ring[-1]
    kinds = frame.get_column("geometry_geojson").str.extract(r'^\{"type":"(\w+)"').unique()
    assert kinds.to_list() == ["MultiPolygon"]


def test_welsh_names_in_the_ward_file_decode(shared_data):
    path = real_file("wards_dec2023.rda")
    wards = read_source(get_source("ons__ward23_boundaries"), path)
    names = dict(wards.select("WD23CD", "WD23NMW").iter_rows())
    # R marked these UTF-8.
    assert names["W05001040"] == "Bôn-y-maen"
    assert names["W05001193"] == "Glan-y-môr"
    # These it left unmarked: they are read as the layout's encoding says (UTF-8 by default).
    (frame,) = fast_objects(path).values()
    anglesey = frame.loc[frame["WD23CD"] == "W05001492", "LAD23NMW"].item()
    assert anglesey == "Ynys Môn"
    (as_latin1,) = fast_objects(path, encoding="latin-1").values()
    assert as_latin1.loc[as_latin1["WD23CD"] == "W05001492", "LAD23NMW"].item() == "Ynys MÃ´n"


# --- small files rdata writes -------------------------------------------------------------------


def frame_writer(columns, row_names=None):
    """rdata's writer with its data frame constructor replaced by one that writes these R columns
    (built with rdata's own builders, for what its pandas conversion cannot write)."""

    def constructor(data, converter):
        n = len(data)
        attributes = {
            "names": np.array(list(columns), dtype="U"),
            "class": np.array(["tbl_df", "tbl", "data.frame"], dtype="U"),
            "row.names": (
                row_names
                if row_names is not None
                else np.ma.array(data=[R_INT_NA, -n], mask=[True, False], fill_value=R_INT_NA)
            ),
        }
        values = [make(converter) for make in columns.values()]
        return build_r_object(
            RObjectType.VEC,
            value=values,
            is_object=True,
            attributes=converter.convert_to_r_attributes(attributes),
        )

    return {**DEFAULT_CLASS_MAP, pd.DataFrame: constructor}


def write(path: Path, columns, rows: int = 3, **options) -> Path:
    rdata.write_rda(
        path,
        {"frame": pd.DataFrame({"placeholder": range(rows)})},
        constructor_dict=frame_writer(columns),
        **options,
    )
    return path


def char(value: bytes | None, flags: int = 0):
    if value is None:
        return build_r_object(RObjectType.CHAR)
    return build_r_object(RObjectType.CHAR, value=value, gp=flags)


def strings(*values):
    return lambda converter: build_r_object(RObjectType.STR, value=list(values))


def vector(r_type, values, dtype, classes=None, levels=None, names=None):
    def make(converter):
        attributes = {}
        if levels is not None:
            attributes["levels"] = np.array(levels, dtype="U")
        if classes is not None:
            attributes["class"] = np.array(classes, dtype="U")
        if names is not None:
            attributes["names"] = np.array(names, dtype="U")
        return build_r_object(
            r_type,
            value=np.array(values, dtype=dtype),
            is_object=classes is not None,
            attributes=converter.convert_to_r_attributes(attributes) if attributes else None,
        )

    return make


NA_COLUMNS = {
    "text": strings(
        char(b"E01000001", CharFlags.ASCII),
        char(None),
        char("Ynys Môn".encode(), CharFlags.UTF8),
    ),
    "unmarked": strings(char("Ynys Môn".encode()), char(None), char(b"plain")),
    "latin1": strings(char("Café".encode("latin-1"), CharFlags.LATIN1), char(None), char(b"x")),
    "count": vector(RObjectType.INT, [7, R_INT_NA, -3], np.int32),
    "share": vector(RObjectType.REAL, [0.25, R_FLOAT_NA, np.nan], np.float64),
    "flag": vector(RObjectType.LGL, [1, R_INT_NA, 0], np.int32),
    "kind": vector(RObjectType.INT, [2, R_INT_NA, 1], np.int32, ["factor"], ["Urban", "Rural"]),
    "band": vector(
        RObjectType.INT, [1, R_INT_NA, 2], np.int32, ["ordered", "factor"], ["low", "high"]
    ),
    "named": vector(RObjectType.INT, [1, R_INT_NA, 3], np.int32, names=["a", "b", "c"]),
}


def test_na_encodings_and_factors_read_as_r_holds_them(tmp_path):
    path = write(tmp_path / "na.rda", NA_COLUMNS)
    (frame,) = fast_objects(path).values()
    assert frame.index.tolist() == [1, 2, 3]
    rows = frame.astype(object).where(frame.notna(), None).to_dict("list")
    assert rows["text"] == ["E01000001", None, "Ynys Môn"]
    assert rows["unmarked"] == ["Ynys Môn", None, "plain"]
    assert rows["latin1"] == ["Café", None, "x"]
    assert rows["count"] == [7, None, -3]
    assert rows["share"] == [0.25, None, None]
    assert rows["flag"] == [True, None, False]
    assert rows["kind"] == ["Rural", None, "Urban"]
    assert rows["band"] == ["low", None, "high"]
    assert rows["named"] == [1.0, None, 3.0]
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        "text": "string",
        "unmarked": "string",
        "latin1": "string",
        "count": "Int32",
        "share": "float64",
        "flag": "boolean",
        "kind": "category",
        "band": "category",
        # As rdata framed a named integer vector: through an xarray DataArray, NA as NaN.
        "named": "float64",
    }
    assert list(frame["kind"].cat.categories) == ["Urban", "Rural"]
    assert frame["band"].cat.ordered and not frame["kind"].cat.ordered
    # R's NA_real_ and a NaN stay the two NaNs they are (pandas and polars both read null).
    nan_bits = frame["share"].to_numpy().view(np.uint64)[1:].tolist()
    assert nan_bits == [R_FLOAT_NA.view(np.uint64), np.float64(np.nan).view(np.uint64)]
    assert_same_frame(rdata_objects(path)["frame"], frame)


def test_na_cells_reach_the_table_as_null(tmp_path):
    # Row 2 is NA in every column.
    path = write(tmp_path / "na.rda", NA_COLUMNS)
    (frame,) = fast_objects(path).values()
    table = pl.from_pandas(frame).select(pl.all().cast(pl.String))
    assert table.row(1) == (None,) * len(NA_COLUMNS)


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize(
    ("compression", "magic"),
    [("gzip", b"\x1f\x8b"), ("bzip2", b"BZh"), ("xz", b"\xfd7zXZ\x00"), (None, b"RDX")],
)
def test_every_compression_and_format_version(tmp_path, compression, magic, version):
    path = tmp_path / "frame.rda"
    frame = pd.DataFrame(
        {
            "code": pd.array(["E01000001", None, "W01000001"], dtype="string[python]"),
            "n": [1.5, 2.0, -0.0],
            "total": pd.array([10, None, 30], dtype="Int32"),
        },
        index=pd.RangeIndex(1, 4),
    )
    rdata.write_rda(path, {"frame": frame}, compression=compression, format_version=version)
    data = path.read_bytes()
    assert data.startswith(magic)
    if compression is None:
        assert data.startswith(f"RDX{version}\nX\n".encode())
    (found,) = fast_objects(path).values()
    rows = found.astype(object).where(found.notna(), None).to_dict("list")
    assert rows == {
        "code": ["E01000001", None, "W01000001"],
        "n": [1.5, 2.0, -0.0],
        "total": [10, None, 30],
    }
    assert_same_frame(rdata_objects(path)["frame"], found)


@pytest.mark.parametrize(
    "last",
    [
        "E01000100",  # all nine ASCII characters: read as one block
        None,  # an NA among them
        "E0100010",  # one shorter
        "Ynys Môn",  # nine bytes of UTF-8, marked so
    ],
)
def test_a_long_column_of_codes_reads_whole_or_string_by_string(tmp_path, last):
    codes = [f"E01{n:06d}" for n in range(1, 100)] + [last]
    path = tmp_path / "codes.rda"
    rdata.write_rda(
        path, {"frame": pd.DataFrame({"code": pd.array(codes, dtype="string[python]")})}
    )
    (frame,) = fast_objects(path).values()
    assert frame["code"].tolist()[:-1] == codes[:-1]
    assert frame["code"].isna().tolist()[-1] == (last is None)
    if last is not None:
        assert frame["code"].tolist()[-1] == last
    assert_same_frame(rdata_objects(path)["frame"], frame)


def test_compact_sequences_rdata_writes_as_altrep(tmp_path):
    # A 0-based pandas index is R row names 0, 1, 2 to rdata, which format 3 writes as an
    # ALTREP compact_intseq; so is a column of a range.
    path = write(
        tmp_path / "seq.rda",
        {"id": lambda converter: converter.convert_to_r_object(pd.RangeIndex(5, 8))},
    )
    assert b"compact_intseq" in _stream(path)
    (frame,) = fast_objects(path).values()
    assert frame["id"].tolist() == [5, 6, 7]
    assert str(frame["id"].dtype) == "Int32"
    assert_same_frame(rdata_objects(path)["frame"], frame)

    indexed = tmp_path / "indexed.rda"
    rdata.write_rda(indexed, {"frame": pd.DataFrame({"x": [1.0, 2.0]})})
    (frame,) = fast_objects(indexed).values()
    assert frame.index.tolist() == [0, 1]
    assert_same_frame(rdata_objects(indexed)["frame"], frame)


def test_a_string_in_no_declared_encoding_is_an_error(tmp_path):
    path = write(
        tmp_path / "bad.rda", {"text": strings(char(b"\xff\xfeok"), char(b"a"), char(b"b"))}
    )
    (found,) = rserialize.read_rda(path, "utf-8").values()
    with pytest.raises(RDataError, match=r"a character column holds b'\\xff\\xfeok'"):
        rserialize.to_python(found)
    # As latin1 the same bytes are text.
    (frame,) = fast_objects(path, encoding="latin-1").values()
    assert frame["text"].tolist() == ["ÿþok", "a", "b"]


def test_a_factor_code_outside_its_levels_is_an_error(tmp_path):
    path = write(
        tmp_path / "factor.rda",
        {"kind": vector(RObjectType.INT, [1, 3, 2], np.int32, ["factor"], ["a", "b"])},
    )
    (found,) = rserialize.read_rda(path, "utf-8").values()
    with pytest.raises(RDataError, match="a malformed factor: code 3 is not one of its 2 levels"):
        rserialize.to_python(found)


# --- streams written byte by byte ---------------------------------------------------------------


def i4(*values: int) -> bytes:
    return struct.pack(f">{len(values)}i", *values)


def f8(*values: float) -> bytes:
    return struct.pack(f">{len(values)}d", *values)


def flags(sexp_type: int, *, obj=False, attr=False, tag=False, levels=0) -> bytes:
    return i4(sexp_type | obj << 8 | attr << 9 | tag << 10 | levels << 12)


def rchar(text: str | None) -> bytes:
    if text is None:
        return flags(9) + i4(-1)
    raw = text.encode()
    return flags(9, levels=64) + i4(len(raw)) + raw


def sym(name: str) -> bytes:
    return flags(1) + rchar(name)


def ref(index: int) -> bytes:
    return i4(255 | index << 8)


NIL = i4(254)


def pairlist(*cells: tuple[bytes | None, bytes], attr=False) -> bytes:
    """Cons cells (tag, value), NIL-terminated; a tag is a symbol's or a reference's bytes."""
    out = b""
    for tag, value in cells:
        out += flags(2, tag=tag is not None) + (tag or b"") + value
    return out + NIL


def rda_stream(*objects: tuple[str, bytes], version: int = 3) -> bytes:
    header = i4(version, 0x40400, 0x30500) + (i4(5) + b"UTF-8" if version == 3 else b"")
    body = pairlist(*((sym(name), value) for name, value in objects))
    return f"RDX{version}\nX\n".encode() + header + body


def ints(*values: int) -> bytes:
    return flags(13) + i4(len(values)) + i4(*values)


def _stream(path: Path) -> bytes:
    return rserialize.decompress(path.read_bytes())


def test_environments_and_references_to_them_resolve():
    # An object carrying an environment twice (as an sf column's attributes or a formula might):
    # the second is a reference to the first, by its place in the reference table (1: the
    # symbol 'x', 2: 'env', 3: the environment, 4: 'locked', 5: 'again').
    # Locked or not, the enclosure (the global environment), the frame, no hash table, no
    # attributes.
    environment = flags(4) + i4(0) + i4(253) + pairlist((sym("locked"), ints(1))) + NIL + NIL
    value = flags(13, attr=True) + i4(2) + i4(4, 5)
    value += pairlist((sym("env"), environment), (sym("again"), ref(3)))
    objects = rserialize.parse_rda(rda_stream(("x", value)))
    found = objects["x"]
    assert found.value.tolist() == [4, 5]
    env = found.attributes["env"]
    assert env.type == rserialize.ENVSXP
    assert found.attributes["again"] is env
    assert env.value["frame"].value[0][0] == "locked"
    assert rserialize.to_python(found).tolist() == [4, 5]


def test_wrapped_and_deferred_altrep_vectors_expand():
    def altrep(name: str, sexp_type: int, state: bytes) -> bytes:
        info = pairlist((None, sym(name)), (None, sym("base")), (None, ints(sexp_type)))
        return i4(238) + info + state + NIL

    # wrap_real's state: the wrapped vector and the wrapper's metadata, a dotted pair.
    wrapped = altrep("wrap_real", 14, flags(2) + flags(14) + i4(2) + f8(1.5, -2.0) + ints(0, 0))
    # deferred_string: as.character() of numbers, kept as the numbers and R's scipen.
    deferred = altrep("deferred_string", 16, flags(2) + ints(7, R_INT_NA, 12) + ints(0))
    r_na = struct.pack(">Q", 0x7FF00000000007A2)  # R's NA_real_, a NaN of its own
    numbers = flags(14) + i4(5) + f8(1.5) + r_na + f8(float("nan"), 1e-20, float("-inf"))
    deferred_reals = altrep("deferred_string", 16, flags(2) + numbers + ints(0))
    compact = altrep("compact_intseq", 13, flags(14) + i4(3) + f8(4, 10, 1))
    objects = rserialize.parse_rda(
        rda_stream(("w", wrapped), ("d", deferred), ("r", deferred_reals), ("c", compact))
    )
    assert rserialize.to_python(objects["w"]).tolist() == [1.5, -2.0]
    assert objects["d"].value == ["7", None, "12"]
    assert objects["r"].value == ["1.5", None, "NaN", "1e-20", "-Inf"]
    assert rserialize.to_python(objects["c"]).tolist() == [10, 11, 12, 13]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            flags(21) + i4(0),
            r"it holds an R object of type BCODESXP \(byte code\), which this reader does not read",
        ),
        (
            flags(99),
            (
                r"it holds an object of SEXP type 99, which R does not define \(at byte 45\); "
                "the file is damaged"
            ),
        ),
        (
            i4(238) + pairlist((None, sym("mmap_real"))) + NIL + NIL,
            "it holds an ALTREP object of class 'mmap_real', which this reader does not read",
        ),
    ],
)
def test_an_unsupported_object_is_named_by_its_type(value, message):
    with pytest.raises(RDataError, match=f"^{message}$"):
        rserialize.parse_rda(rda_stream(("x", value)))


def test_damaged_streams_are_errors(tmp_path):
    whole = rda_stream(("x", flags(14) + i4(3) + f8(1, 2, 3)), version=2)
    assert rserialize.to_python(rserialize.parse_rda(whole)["x"]).tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(
        RDataError, match="^it ends at byte 45, in the middle of a vector of 3 values$"
    ):
        rserialize.parse_rda(whole[:45])
    with pytest.raises(RDataError, match="^its bzip2 compression is damaged or truncated"):
        rserialize.parse_rda(bz2.compress(whole)[:-8])
    with pytest.raises(RDataError, match="^its xz compression is damaged or truncated"):
        rserialize.parse_rda(lzma.compress(whole)[:-8])
    with pytest.raises(RDataError, match=r"^4 bytes follow the saved objects$"):
        rserialize.parse_rda(whole + i4(0))
    with pytest.raises(RDataError, match=r"^serialization format version 4 is not 2 or 3$"):
        rserialize.parse_rda(whole.replace(i4(2), i4(4), 1))
    rdata.write_rda(tmp_path / "ascii.rda", {"x": [1.0]}, file_format="ascii", compression=None)
    with pytest.raises(RDataError, match="in the ASCII form, which this reader does not read"):
        rserialize.read_rda(tmp_path / "ascii.rda")


# --- the geometry text -------------------------------------------------------------------------


def test_coordinates_are_written_as_python_writes_them():
    rng = np.random.default_rng(20240601)
    bits = rng.integers(0, 2**64, size=50_000, dtype=np.uint64).view(np.float64)
    values = np.concatenate(
        [
            bits[np.isfinite(bits)],
            rng.uniform(-180, 180, 50_000),
            rng.uniform(-1, 1, 20_000) * 10.0 ** rng.integers(-20, 25, 20_000),
            np.round(rng.uniform(-90, 90, 10_000), 6),
            [0.0, -0.0, 1e-4, -1e-4, 9.99e-5, 1e16, 9999999999999998.0, 1e15, 5e-324, 2.0],
            [np.finfo(float).max, np.finfo(float).tiny, 0.1, 1 / 3, 123456789.0],
        ]
    )
    assert rda._float_texts(values).to_list() == [repr(value) for value in values.tolist()]


def test_the_geometry_text_of_every_row_at_once_is_the_row_by_row_text(shared_data):
    outer = np.array([[-2.5, 53.4], [-2.3, 53.4], [-2.3, 53.5], [-2.5, 53.5], [-2.5, 53.4]])
    tiny = np.array([[1e-05, -0.0], [0.00003, 51.0], [-3e-05, 51.1], [1e-05, -0.0]])
    whole = np.array([[0, 51], [1, 51], [1, 52], [0, 51]], dtype=np.int32)
    (frame,) = fast_objects(real_file("boundaries_ltla24.rda")).values()
    geometries = [
        [[outer, outer[::-1]], [tiny]],
        None,
        [outer + 1],
        [whole],
        *frame["geometry"].tolist(),
    ]
    fast = rda._polygon_texts(geometries)
    assert fast is not None
    one_at_a_time = [
        None
        if geometry is None
        else json.dumps(
            dict(zip(("type", "coordinates"), rda._geojson_coordinates(geometry), strict=True)),
            separators=(",", ":"),
            allow_nan=False,
        )
        for geometry in geometries
    ]
    assert fast == one_at_a_time
    assert fast[3] == (
        '{"type":"Polygon","coordinates":[[[0.0,51.0],[1.0,51.0],[1.0,52.0],[0.0,51.0]]]}'
    )
