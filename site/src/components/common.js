// What every page shares: the warehouse banner, number formats, colour scales and the maps.
// Libraries are imported by bare name so Framework bundles them from node_modules: the site is
// built and viewed with no network (an `npm:` import or an implicit `Plot` would go to a CDN).
import {FileAttachment} from "observablehq:stdlib";
import * as Plot from "@observablehq/plot";
import {html} from "htl";

const buildInfo = FileAttachment("../data/build.json").json();

/** The SYNTHETIC DEMO DATA banner on a demo build, else one line naming the published warehouse. */
export async function banner() {
  const build = await buildInfo;
  const published = build.run ? new Date(build.run.published_at) : null;
  const when = published
    ? published.toLocaleString("en-GB", {dateStyle: "long", timeStyle: "short", timeZone: "UTC"}) + " UTC"
    : "an unrecorded date";
  if (build.synthetic) {
    return html`<div class="synthetic-banner" role="alert" data-testid="synthetic-banner">
      SYNTHETIC DEMO DATA: made-up places and figures from the demo generator
      (${build.synthetic_files} of ${build.source_files} source files are synthetic). These are not
      official statistics. Published ${when}.
    </div>`;
  }
  return html`<p class="warehouse-line" data-testid="warehouse-line">From the warehouse published
    ${when} (${build.source_files} source files; see <a href="/sources">Sources &amp; methods</a>).</p>`;
}

// --- numbers ---------------------------------------------------------------------------------

export const NO_VALUE = "no value";

const isMissing = (x) => x === null || x === undefined || Number.isNaN(x);

// One argument each: Inputs.table calls a format with (value, index, rows).
export const fmt = {
  count: (x) => (isMissing(x) ? NO_VALUE : Math.round(x).toLocaleString("en-GB")),
  pct: (x) => (isMissing(x) ? NO_VALUE : `${x.toFixed(1)}%`),
  pp: (x) => (isMissing(x) ? NO_VALUE : `${x > 0 ? "+" : ""}${x.toFixed(1)} pp`),
  per1k: (x) => (isMissing(x) ? NO_VALUE : `${x.toFixed(0)} per 1,000`),
  gbp: (x) => (isMissing(x) ? NO_VALUE : `£${x.toLocaleString("en-GB", {minimumFractionDigits: 2, maximumFractionDigits: 2})}`),
  gbpWhole: (x) => (isMissing(x) ? NO_VALUE : `£${Math.round(x).toLocaleString("en-GB")}`),
  km: (x) => (isMissing(x) ? NO_VALUE : `${x.toFixed(1)} km`),
  score: (x) => (isMissing(x) ? NO_VALUE : x.toFixed(2)),
  int: (x) => (isMissing(x) ? NO_VALUE : String(x))
};

/** Rows from the loaders' column-wise tables ({columns, rows}). */
export function rowsOf(table) {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
}

export const PRESSURES = ["poverty", "transience", "fragmentation", "isolation", "democracy"];

export const PRESSURE_LABELS = {
  poverty: "Poverty",
  transience: "Transience",
  fragmentation: "Fragmentation",
  isolation: "Isolation",
  democracy: "Democracy"
};

// --- what can colour a map -------------------------------------------------------------------

const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function decileScale(label) {
  // Decile 1 is the worst tenth of England in every decile the site maps.
  return {type: "ordinal", domain: DECILES, scheme: "RdYlBu", unknown: "#d4d4d4", legend: true, label};
}

/** Measures of a neighbourhood (LSOA) a district or ward map can be coloured by. */
export const neighbourhoodMeasures = [
  {
    key: "imd2025_decile",
    label: "IMD 2025 decile (1 = England's most deprived tenth)",
    color: decileScale("IMD 2025 decile (1 = most deprived)"),
    format: fmt.int
  },
  {
    key: "composite_decile",
    label: "Composite pressure decile (1 = England's most pressured tenth)",
    color: decileScale("Composite pressure decile (1 = most pressured)"),
    format: fmt.int
  },
  {
    key: "pressures_in_worst_quintile",
    label: "Pressures in England's worst fifth (0-5)",
    color: {type: "ordinal", domain: [0, 1, 2, 3, 4, 5], scheme: "YlOrRd", unknown: "#d4d4d4", legend: true, label: "Pressures in the worst fifth"},
    format: fmt.int
  },
  ...PRESSURES.map((pressure) => ({
    key: `${pressure}_decile`,
    label: `${PRESSURE_LABELS[pressure]} decile (1 = most pressured tenth)`,
    color: decileScale(`${PRESSURE_LABELS[pressure]} decile (1 = most pressured)`),
    format: fmt.int
  })),
  {
    key: "social_infrastructure_decile",
    label: "Social infrastructure decile (1 = thinnest tenth)",
    color: decileScale("Social infrastructure decile (1 = thinnest)"),
    format: fmt.int
  },
  {
    key: "private_rented_pct",
    label: "Households renting privately (%)",
    color: {type: "quantize", n: 6, scheme: "purples", unknown: "#d4d4d4", legend: true, label: "Renting privately (%)"},
    format: fmt.pct
  },
  {
    key: "moved_in_last_year_per_1k",
    label: "Residents who moved in during the year before the Census (per 1,000)",
    color: {type: "quantize", n: 6, scheme: "oranges", unknown: "#d4d4d4", legend: true, label: "Moved in (per 1,000)"},
    format: fmt.per1k
  }
];

/** District indicators the England map can be coloured by. */
export const districtMeasures = [
  {
    key: "imd2025_most_deprived_10pct_pct",
    label: "IMD 2025: share of neighbourhoods in England's most deprived 10%",
    color: {type: "quantize", n: 7, scheme: "reds", label: "Neighbourhoods in the most deprived 10% (%)"},
    format: fmt.pct
  },
  {
    key: "imd_most_deprived_10pct_change_pp",
    label: "IoD 2019 → 2025: change in that share (percentage points)",
    color: {type: "diverging", scheme: "RdBu", reverse: true, pivot: 0, label: "Change 2019 → 2025 (pp; red = more deprived)"},
    format: fmt.pp
  },
  {
    key: "composite_worst_decile_pct",
    label: "Composite pressure: share of neighbourhoods in England's most pressured 10%",
    color: {type: "quantize", n: 7, scheme: "orrd", label: "Neighbourhoods in the most pressured 10% (%)"},
    format: fmt.pct
  },
  {
    key: "residents_with_3plus_pressures_pct",
    label: "Residents in neighbourhoods facing three or more pressures (%)",
    color: {type: "quantize", n: 7, scheme: "ylorrd", label: "Residents facing 3+ pressures (%)"},
    format: fmt.pct
  },
  {
    key: "pressures_faced",
    label: "Pressures the district faces (0-5)",
    color: {type: "ordinal", domain: [0, 1, 2, 3, 4, 5], scheme: "YlOrRd", label: "Pressures faced"},
    format: fmt.int
  },
  {
    key: "private_rented_pct",
    label: "Households renting privately (%, Census 2021)",
    color: {type: "quantize", n: 7, scheme: "purples", label: "Renting privately (%)"},
    format: fmt.pct
  },
  {
    key: "moved_in_last_year_per_1k",
    label: "Residents who moved in during the year before the Census (per 1,000)",
    color: {type: "quantize", n: 7, scheme: "oranges", label: "Moved in (per 1,000)"},
    format: fmt.per1k
  },
  {
    key: "social_infrastructure_score_mean",
    label: "Social infrastructure score (higher = more places to meet)",
    color: {type: "quantize", n: 7, scheme: "greens", label: "Social infrastructure score"},
    format: fmt.score
  },
  {
    key: "national_funder_grants_per_head_gbp",
    label: "Grants per head placed in the district by funders with complete England files (£)",
    color: {type: "quantize", n: 7, scheme: "blues", label: "Grants per head (£)"},
    format: fmt.gbp
  }
];

// --- maps ------------------------------------------------------------------------------------

// A transverse Mercator on 2°W, close to the Ordnance Survey's British National Grid.
const projection = (domain) => ({type: "transverse-mercator", rotate: [2, 0], domain});

/** A frame for a map of `geo` at most `width` wide and `maxHeight` tall, in its own proportions. */
export function frame(geo, width, maxHeight) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of geo.features) {
    for (const polygon of feature.geometry.coordinates) {
      for (const [x, y] of polygon[0]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (!(x1 > x0 && y1 > y0)) return {width, height: Math.min(width, maxHeight)};
  const aspect = (y1 - y0) / ((x1 - x0) * Math.cos((((y0 + y1) / 2) * Math.PI) / 180));
  const height = Math.min(maxHeight, width * aspect);
  return {width: Math.round(Math.min(width, height / aspect)), height: Math.round(height)};
}

/** England's districts coloured by one indicator; each district links to its page. */
export function districtMap(boundaries, districts, measure, {width, maxHeight = 720, base = "."} = {}) {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const value = (f) => byCode.get(f.properties.code)?.[measure.key] ?? null;
  return Plot.plot({
    ...frame(boundaries, width, maxHeight),
    projection: projection(boundaries),
    color: {...measure.color, unknown: "#d4d4d4", legend: true},
    marks: [
      Plot.geo(boundaries, {
        fill: value,
        stroke: "white",
        strokeWidth: 0.4,
        className: "district-areas",
        href: (f) => `${base}/district/${f.properties.code}`,
        title: (f) => {
          const d = byCode.get(f.properties.code);
          return `${d?.name ?? f.properties.code}\n${measure.label}: ${measure.format(value(f))}`;
        }
      })
    ]
  });
}

/** England's constituencies (July 2024) coloured by their 2024 general-election turnout. */
export function constituencyMap(constituencies, {width, maxHeight = 560} = {}) {
  return Plot.plot({
    ...frame(constituencies, width, maxHeight),
    projection: projection(constituencies),
    color: {type: "quantize", n: 7, scheme: "purples", reverse: true, label: "turnout 2024 (%)", legend: true, unknown: "#d4d4d4"},
    marks: [
      Plot.geo(constituencies, {
        fill: (f) => f.properties.turnout_2024_pct,
        stroke: "white",
        strokeWidth: 0.3,
        className: "constituency-areas",
        title: (f) => `${f.properties.name}\nturnout 2024: ${fmt.pct(f.properties.turnout_2024_pct)}\nchange since 2019 (notional): ${f.properties.turnout_change_pp === null ? NO_VALUE : f.properties.turnout_change_pp.toFixed(1) + " pp"}`
      })
    ]
  });
}

/** Neighbourhoods (LSOAs) coloured by a measure, with the ward outlines that have a boundary. */
export function neighbourhoodMap(boundaries, neighbourhoods, measure, {width, maxHeight = 640, wardBoundaries, wards} = {}) {
  const byCode = new Map(neighbourhoods.map((d) => [d.code, d]));
  const wardNames = new Map((wards ?? []).map((w) => [w.code, w.name]));
  const value = (f) => byCode.get(f.properties.code)?.[measure.key] ?? null;
  return Plot.plot({
    ...frame(boundaries, width, maxHeight),
    projection: projection(boundaries),
    color: measure.color,
    marks: [
      Plot.geo(boundaries, {
        fill: value,
        stroke: "white",
        strokeWidth: 0.5,
        className: "lsoa-areas",
        title: (f) => {
          const d = byCode.get(f.properties.code);
          const ward = wardNames.get(d?.ward);
          return `${d?.name ?? f.properties.code} (${f.properties.code})${ward ? `\nWard: ${ward}` : ""}\n${measure.label}: ${measure.format(value(f))}`;
        }
      }),
      wardBoundaries
        ? Plot.geo(wardBoundaries, {
            stroke: "#111",
            strokeWidth: 1.2,
            fill: "none",
            className: "ward-outlines",
            title: (f) => `Ward: ${wardNames.get(f.properties.code) ?? f.properties.code}`
          })
        : null
    ]
  });
}

/** A small figure card. */
export function kpi(label, value, {testid, note} = {}) {
  return html`<div class="kpi">
    <div class="value" data-testid=${testid}>${value}</div>
    <div class="label">${label}</div>
    ${note ? html`<div class="label">${note}</div>` : null}
  </div>`;
}
