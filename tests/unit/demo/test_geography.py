"""The geography family's demo files: the LSOA, ward and district lookups agree with one another and
with the other families' files, the postcode directory places every demo postcode, the centroids,
Trafford Data Lab's postcode subset and the LSOA 2021 boundaries agree with it, and the lookups keep
their publishers' encodings."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

import polars as pl
import pytest

from demo.world import SEED
from demo.world.areas import (
    NI_SUPER_OUTPUT_AREAS,
    SCOTTISH_DATA_ZONES,
    TRAFFORD_LABEL,
    build_geography,
)
from demo.world.places import NO_GRID_POSTCODE, demo_postcodes, haversine_km
from ingest.catalog import get_source
from ingest.postcodes import normalise_postcode
from tests.unit.demo.conftest import centroids_of, demo_file, lad23_of, quoted_fields, read

# ---------------------------------------------------------------------------------------------
# Geography is consistent across files
# ---------------------------------------------------------------------------------------------


def test_chgind_has_every_change_type(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    assert set(lookup.get_column("CHGIND")) == {"U", "S", "M", "X"}
    pairs = lookup.select("LSOA11CD", "LSOA21CD", "CHGIND").rows()
    per_old = Counter(old for old, _, _ in pairs)
    per_new = Counter(new for _, new, _ in pairs)
    for old, new, chgind in pairs:
        if chgind == "U":
            assert old == new and per_old[old] == 1 and per_new[new] == 1
        elif chgind == "S":
            assert per_old[old] >= 2 and per_new[new] == 1
        elif chgind == "M":
            assert per_old[old] == 1 and per_new[new] >= 2
        else:
            assert per_old[old] >= 2 and per_new[new] >= 2


def test_lsoa21_sets_agree(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    wards = read("ons__lsoa21_ward23_lad23", demo_dir)
    assert set(lookup.get_column("LSOA21CD")) == set(wards.get_column("LSOA21CD"))
    assert wards.get_column("ObjectId").to_list() == list(range(1, wards.height + 1))
    english = wards.filter(pl.col("LSOA21CD").str.starts_with("E"))
    assert english.get_column("LSOA21NMW").null_count() == english.height
    welsh = wards.filter(pl.col("LSOA21CD").str.starts_with("W"))
    assert welsh.height > 0 and welsh.get_column("LAD23NMW").null_count() == 0


def test_lsoa11_sets_agree(demo_dir: Path) -> None:
    lookup = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LSOA11CD"))
    ward19 = read("ons__lsoa11_ward19_lad19", demo_dir)
    assert lookup == set(ward19.get_column("LSOA11CD"))
    codes = ward19.get_column("LSOA11CD").to_list()
    assert codes != sorted(codes)  # rows not in LSOA order, as published
    assert ward19.get_column("FID").to_list() == list(range(1, ward19.height + 1))
    english = {code for code in lookup if code.startswith("E")}
    for source_id in (
        "mhclg__iod2019_file1",
        "mhclg__iod2019_file2",
        "mhclg__iod2019_file3",
        "mhclg__iod2019_file6",
        "mhclg__iod2019_file9",
    ):
        frame = read(source_id, demo_dir)
        assert set(frame.get_column("LSOA code (2011)")) == english, source_id
    imd = read("ons__imd2019_lookup", demo_dir)
    assert set(imd.get_column("LSOA11CD")) == english


def test_wards_and_districts_resolve(demo_dir: Path) -> None:
    ward_lad = read("ons__ward19_lad19", demo_dir)
    ward_codes = set(ward_lad.get_column("WD19CD"))
    assert {code[:3] for code in ward_codes} == {"E05", "W05", "S13", "N08"}
    assert set(read("ons__lsoa11_ward19_lad19", demo_dir).get_column("WD19CD")) <= ward_codes
    la = read("drkane__la_all_codes", demo_dir)
    lad_codes = set(la.get_column("LADCD"))
    assert set(ward_lad.get_column("LAD19CD")) <= lad_codes
    assert set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LAD22CD")) <= lad_codes
    assert set(read("ons__lsoa21_ward23_lad23", demo_dir).get_column("LAD23CD")) <= lad_codes
    reorganised = la.filter(pl.col("LADCD") != pl.col("LADCD_ACTIVE"))
    assert reorganised.height >= 1
    assert set(reorganised.get_column("Current")) == {"FALSE"}
    active = set(la.filter(pl.col("Current") == "TRUE").get_column("LADCD"))
    assert set(reorganised.get_column("LADCD_ACTIVE")) <= active


# ---------------------------------------------------------------------------------------------
# Encodings of the lookups
# ---------------------------------------------------------------------------------------------


def test_cp1252_lookup_is_not_utf8(demo_dir: Path) -> None:
    data = (demo_dir / demo_file("ons__lsoa11_lsoa21_lad22")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "ô" in data.decode("cp1252")
    assert not data.startswith(b"\xef\xbb\xbf")


def test_ward23_lookup_is_utf8_with_bom(demo_dir: Path) -> None:
    data = (demo_dir / demo_file("ons__lsoa21_ward23_lad23")).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "ô".encode() in data and b"\r\n" not in data


# ---------------------------------------------------------------------------------------------
# Postcodes, the postcode directory, centroids and Trafford Data Lab's subset
# ---------------------------------------------------------------------------------------------


def test_demo_postcodes_are_valid_made_up_and_in_demo_lsoas(demo_dir: Path) -> None:
    geography = build_geography(SEED)
    postcodes = demo_postcodes(geography)
    assert postcodes == demo_postcodes(build_geography(SEED))  # deterministic
    for postcode in postcodes:
        assert normalise_postcode(postcode) == postcode  # the UK format, as normalised
        assert re.fullmatch(r"ZY[1-9] \d[A-Z]{2}", postcode)
    lsoa21 = set(read("ons__lsoa21_ward23_lad23", demo_dir).get_column("LSOA21CD"))
    assert set(postcodes.values()) == lsoa21  # every demo LSOA 2021, and nothing else
    # One postcode district per demo district: ZY1 is Synthetown's.
    lad = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LAD23CD").rows())
    by_district = {postcode.split()[0]: set() for postcode in postcodes}
    for postcode, code in postcodes.items():
        by_district[postcode.split()[0]].add(code)
    assert all(lad[code] == "E06009901" for code in by_district["ZY1"])


def test_postcode_directory_places_every_demo_postcode(demo_dir: Path) -> None:
    postcodes = demo_postcodes(build_geography(SEED))
    directory = read("ons__postcode_directory", demo_dir)
    live = directory.filter(pl.col("doterm").is_null())
    assert dict(live.select("pcds", "lsoa21").rows()) == postcodes
    assert (directory.get_column("pcd").str.len_chars() == 7).all()
    terminated = directory.filter(pl.col("doterm").is_not_null())
    assert terminated.height >= 9
    assert (terminated.get_column("doterm") > terminated.get_column("dointr")).all()
    no_grid = directory.filter(pl.col("pcds") == NO_GRID_POSTCODE).row(0, named=True)
    assert (no_grid["lat"], no_grid["long"]) == (99.999999, 0.0)

    placed = directory.filter(pl.col("lat") < 99)
    # Each postcode's LSOA 2011 is one the LSOA 2021 came from; its district is the 2023 one.
    pairs = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).select("LSOA11CD", "LSOA21CD").rows())
    lad23 = lad23_of(demo_dir)
    centroids = centroids_of(demo_dir)
    for lsoa11, lsoa21, oslaua, lat, lon in placed.select(
        "lsoa11", "lsoa21", "oslaua", "lat", "long"
    ).rows():
        assert (lsoa11, lsoa21) in pairs
        assert oslaua == lad23[lsoa21]
        assert haversine_km((lat, lon), centroids[lsoa21]) < 0.5
    # Merged districts' postcodes are in the new unitary authority.
    assert "E06009903" in set(placed.get_column("oslaua"))
    assert not {"E07009902", "E07009903"} & set(placed.get_column("oslaua"))


def test_postcode_directory_quotes_text_and_leaves_numbers_and_blanks_bare(demo_dir: Path) -> None:
    onspd = get_source("ons__postcode_directory").default_layout
    assert onspd.member is not None and onspd.header is not None
    with zipfile.ZipFile(demo_dir / onspd.file_name) as archive:
        assert archive.namelist() == [onspd.member]
        lines = archive.read(onspd.member).decode("utf-8").splitlines()
    assert lines[0] == ",".join(onspd.header)
    header = list(onspd.header)
    fields = next(csv.reader(io.StringIO(lines[1])))
    quoted = quoted_fields(lines[1])
    for name in ("pcd", "pcds", "dointr", "oslaua", "lsoa11", "lsoa21", "usertype"):
        assert quoted[header.index(name)], name
    for name in ("lat", "long", "imd", "doterm"):
        assert not quoted[header.index(name)], name
    assert fields[header.index("doterm")] == ""


def test_centroids_cover_every_demo_lsoa(demo_dir: Path) -> None:
    latlong = read("drkane__lsoa_latlong", demo_dir)
    assert (latlong.get_column("LSOACD") == latlong.get_column("lsoa11cd")).all()
    codes = latlong.get_column("LSOACD").to_list()
    assert codes == sorted(codes)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    lsoas = set(lookup.get_column("LSOA11CD")) | set(lookup.get_column("LSOA21CD"))
    assert lsoas <= set(codes)
    assert set(SCOTTISH_DATA_ZONES) | set(NI_SUPER_OUTPUT_AREAS) <= set(codes)
    centroids = centroids_of(demo_dir)
    for code in lsoas:  # inside England and Wales
        lat, lon = centroids[code]
        assert 50.0 < lat < 55.8 and -5.5 < lon < 1.8, code
    # A split LSOA's parts lie near their parent; a merged one between its parents.
    for old, new, chgind in lookup.select("LSOA11CD", "LSOA21CD", "CHGIND").rows():
        if chgind in ("S", "M"):
            assert haversine_km(centroids[old], centroids[new]) < 5, (old, new)


def test_trafford_postcodes_are_the_mockchester_part_of_the_directory(demo_dir: Path) -> None:
    subset = read("trafforddatalab__trafford_postcodes", demo_dir)
    directory = read("ons__postcode_directory", demo_dir)
    joined = subset.join(directory, left_on="postcode", right_on="pcds", how="left")
    assert joined.get_column("lsoa21").null_count() == 0
    assert (joined.get_column("lsoa_code") == joined.get_column("lsoa21")).all()
    assert ((joined.get_column("lat") - joined.get_column("lat_right")).abs() < 1e-6).all()
    assert joined.get_column("doterm").drop_nulls().len() >= 1  # terminated ones kept
    mockchester = {code for code, lad in lad23_of(demo_dir).items() if lad == "E08009901"}
    assert set(subset.get_column("lsoa_code")) == mockchester
    assert set(subset.select("la_code", "la_name").rows()) == {TRAFFORD_LABEL}
    names = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LSOA21NM").rows())
    for code, name in subset.select("lsoa_code", "lsoa_name").unique().rows():
        assert name.split(" ")[-1] == names[code].split(" ")[-1]  # 'Trafford 001A' for '... 001A'
    wards = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "WD23CD").rows())
    assert all(wards[lsoa] == ward for lsoa, ward in subset.select("lsoa_code", "ward_code").rows())
    assert set(subset.get_column("locality")) == {"North", "Central", "South", "West"}
    postcodes = subset.get_column("postcode").to_list()
    assert postcodes == sorted(postcodes)


# ---------------------------------------------------------------------------------------------
# LSOA 2021 boundaries
# ---------------------------------------------------------------------------------------------

BOUNDARIES = "trafforddatalab__gm_lsoa21_boundaries"
# One feature a line, as GDAL writes GeoJSON: properties, then a MultiPolygon of lon/lat pairs.
_FEATURE_LINE = re.compile(
    r'^\{ "type": "Feature", "properties": \{ "area_code": "E01\d{6}", "area_name": "[^"]+" \}, '
    r'"geometry": \{ "type": "MultiPolygon", "coordinates": \[ \[ \[ \[ -?\d[^"]* \] \] \] \] \} \}'
    r",?$"
)


def _ring_area(ring: list[list[float]]) -> float:
    """Signed area (shoelace) in square degrees: negative for a clockwise ring."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Whether a point is inside a ring (even-odd rule: a ray east crosses it an odd number of
    times)."""
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _in_multipolygon(lon: float, lat: float, geometry: dict) -> bool:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return any(
        _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes)
        for outer, *holes in polygons
    )


def _boundaries(demo_dir: Path) -> dict[str, dict]:
    frame = read(BOUNDARIES, demo_dir)
    return {
        code: json.loads(text)
        for code, text in frame.select("area_code", "geometry_geojson").rows()
    }


def _containing(boundaries: dict[str, dict], lat: float, lon: float) -> list[str]:
    return [code for code, geometry in boundaries.items() if _in_multipolygon(lon, lat, geometry)]


def test_boundaries_are_laid_out_like_the_real_file(demo_dir: Path, shared_data: Path) -> None:
    name = demo_file(BOUNDARIES)
    ours = (demo_dir / name).read_bytes().decode("utf-8").split("\n")
    real_path = next(shared_data.rglob(name))
    real = real_path.read_bytes().decode("utf-8").split("\n")
    # The same five lines above the features (the collection's name and CRS included), the same
    # three below (']', '}' and a final newline), and every feature on a line of its own.
    assert ours[:5] == real[:5]
    assert ours[-3:] == real[-3:] == ["]", "}", ""]
    for lines in (ours, real):
        features = lines[5:-3]
        assert all(_FEATURE_LINE.match(line) for line in features)
        assert all(line.endswith(",") for line in features[:-1]) and features[-1].endswith("} }")
        collection = json.loads("\n".join(lines))
        codes = [f["properties"]["area_code"] for f in collection["features"]]
        assert codes == sorted(codes)
        # Rings run clockwise, as the publisher's (ESRI) export writes them.
        for feature in collection["features"]:
            for outer, *_ in feature["geometry"]["coordinates"]:
                assert _ring_area(outer) < 0


def test_boundaries_tile_mockchester_and_hold_the_centroids(demo_dir: Path) -> None:
    frame = read(BOUNDARIES, demo_dir)
    boundaries = _boundaries(demo_dir)
    mockchester = {code for code, lad in lad23_of(demo_dir).items() if lad == "E08009901"}
    assert set(boundaries) == mockchester
    # Named as the Trafford postcode subset names the same LSOAs ('Trafford 001A').
    subset = read("trafforddatalab__trafford_postcodes", demo_dir)
    assert dict(frame.select("area_code", "area_name").rows()) == dict(
        subset.select("lsoa_code", "lsoa_name").unique().rows()
    )
    # Each an axis-aligned rectangle (south, west, north, east); together they tile their
    # bounding box: no two overlap and their areas add up to the box's.
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for code, geometry in boundaries.items():
        ((ring,),) = geometry["coordinates"]  # one polygon, no holes
        lons, lats = {x for x, _ in ring}, {y for _, y in ring}
        assert len(ring) == 5 and len(lons) == len(lats) == 2, code
        boxes[code] = (min(lats), min(lons), max(lats), max(lons))
        assert (
            abs(abs(_ring_area(ring)) - (max(lats) - min(lats)) * (max(lons) - min(lons))) < 1e-12
        )
    codes = sorted(boxes)
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            (s1, w1, n1, e1), (s2, w2, n2, e2) = boxes[first], boxes[second]
            assert min(n1, n2) <= max(s1, s2) or min(e1, e2) <= max(w1, w2), (first, second)
    south, west = min(b[0] for b in boxes.values()), min(b[1] for b in boxes.values())
    north, east = max(b[2] for b in boxes.values()), max(b[3] for b in boxes.values())
    total = sum((n - s) * (e - w) for s, w, n, e in boxes.values())
    assert total == pytest.approx((north - south) * (east - west), rel=1e-12)
    # Every Mockchester centroid inside its own LSOA's polygon and no other.
    centroids = centroids_of(demo_dir)
    for code in codes:
        assert _containing(boundaries, *centroids[code]) == [code]


def test_every_gm_library_lies_in_exactly_one_boundary(demo_dir: Path) -> None:
    boundaries = _boundaries(demo_dir)
    directory = read("ons__postcode_directory", demo_dir)
    lsoa = dict(directory.select("pcds", "lsoa21").rows())
    gm = read("trafforddatalab__gm_libraries", demo_dir)
    assert gm.height >= 3
    for name, postcode, lat, lon in gm.select("name", "postcode", "lat", "lon").rows():
        # In one polygon: its postcode's LSOA (point-in-polygon agrees with the postcode).
        assert _containing(boundaries, lat, lon) == [lsoa[postcode]], name
    # So are the Mockchester libraries of the 2016 list, at their postcodes' points.
    listed_2016 = read("dcms__libraries_2016_geocoded", demo_dir)
    in_mockchester = 0
    for postcode, lat, lng in listed_2016.select("postcode", "lat", "lng").rows():
        code = lsoa.get(normalise_postcode(postcode))
        if code in boundaries:
            in_mockchester += 1
            assert _containing(boundaries, lat, lng) == [code], postcode
        else:
            assert _containing(boundaries, lat, lng) == [], postcode
    assert in_mockchester >= gm.height


# ---------------------------------------------------------------------------------------------
# Westminster constituency boundaries of July 2024 (the ONS shapefile set)
# ---------------------------------------------------------------------------------------------

PCON24 = "ons__pcon24_boundaries"


def _shapefile_set(folder: Path) -> dict[str, bytes]:
    layout = get_source(PCON24).layout_for(demo_file(PCON24))
    return {
        Path(name).suffix: (folder / name).read_bytes()
        for name in (layout.file_name, *layout.companion_names)
    }


def test_the_constituency_shapefile_is_laid_out_like_the_real_set(
    demo_dir: Path, shared_data: Path
) -> None:
    assert demo_file(PCON24) == "PCON_JULY_2024_UK_BUC.shp"
    ours = _shapefile_set(demo_dir)
    real = _shapefile_set(next(shared_data.rglob(demo_file(PCON24))).parent)
    assert sorted(ours) == [".cpg", ".dbf", ".prj", ".shp", ".shx"]
    # The CRS and the encoding as ONS ships them.
    assert ours[".prj"] == real[".prj"] and ours[".cpg"] == real[".cpg"] == b"UTF-8"
    # The .dbf: version, last-update date, header and record lengths, every field's name, type,
    # width and decimals; a blank deletion flag before each record, the end-of-file mark after.
    header_bytes = int.from_bytes(real[".dbf"][8:10], "little")
    assert ours[".dbf"][:4] == real[".dbf"][:4]
    assert ours[".dbf"][8:header_bytes] == real[".dbf"][8:header_bytes]
    assert ours[".dbf"][header_bytes : header_bytes + 1] == b" "
    assert ours[".dbf"].endswith(b"\x1a") and real[".dbf"].endswith(b"\x1a")
    # The .shp and .shx: file code, version and shape type (5, polygons).
    for name in (".shp", ".shx"):
        assert ours[name][:4] == real[name][:4]
        assert ours[name][28:36] == real[name][28:36]


def test_the_constituencies_are_the_elections_and_hold_their_points(demo_dir: Path) -> None:
    frame = read(PCON24, demo_dir)
    codes = read("open_innovations__parl25_codes", demo_dir)
    assert sorted(frame.select("PCON24CD", "PCON24NM").rows()) == sorted(
        codes.select("PCON24CD", "PCON24NM").rows()
    )
    welsh = dict(frame.select("PCON24CD", "PCON24NMW").rows())
    assert [code for code, name in welsh.items() if name] == [
        code for code in sorted(welsh) if code.startswith("W")
    ]
    assert "Glanmôr" in welsh.values()
    # LONG and LAT as the .dbf holds them, read without the reader: inside their constituency.
    import duckdb

    from ingest.warehouse import install_extension

    install_extension("spatial")
    con = duckdb.connect()
    con.execute("load spatial")
    points = {
        code: (lon, lat)
        for code, lon, lat in con.execute(
            "select PCON24CD, LONG, LAT from st_read(?)", [str(demo_dir / demo_file(PCON24))]
        ).fetchall()
    }
    con.close()
    shapes = {
        code: json.loads(text) for code, text in frame.select("PCON24CD", "geometry_geojson").rows()
    }
    for code, (lon, lat) in points.items():
        assert _containing(shapes, lat, lon) == [code], code


def test_every_lsoa_centroid_lies_in_exactly_one_constituency(demo_dir: Path) -> None:
    frame = read(PCON24, demo_dir)
    shapes = {
        code: json.loads(text) for code, text in frame.select("PCON24CD", "geometry_geojson").rows()
    }
    centroids = centroids_of(demo_dir)
    lsoa21 = set(read("ons__lsoa21_boundaries", demo_dir)["LSOA21CD"])
    assert lsoa21 <= set(centroids)
    for code in sorted(lsoa21):
        found = _containing(shapes, *centroids[code])
        assert len(found) == 1 and found[0][:3] == {"E": "E14", "W": "W07"}[code[0]], code


def test_the_constituencies_line_up_with_the_lsoa_boundaries(demo_dir: Path) -> None:
    # Written in British National Grid metres and read back in WGS84: every corner is a corner
    # of the LSOA (or district) boxes, to a millimetre.
    lsoas = read("ons__lsoa21_boundaries", demo_dir)["geometry_geojson"]
    districts = read("ons__lad24_boundaries", demo_dir)["geometry_geojson"]
    corners = {
        (x, y)
        for text in [*lsoas, *districts]
        for polygon in json.loads(text)["coordinates"]
        for ring in polygon
        for x, y in ring
    }
    xs, ys = sorted({x for x, _ in corners}), sorted({y for _, y in corners})

    def nearest(values: list[float], value: float) -> float:
        return min(abs(value - other) for other in values)

    for text in read(PCON24, demo_dir)["geometry_geojson"]:
        geometry = json.loads(text)
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                for x, y in ring:
                    assert nearest(xs, x) < 1e-7 and nearest(ys, y) < 1e-7
