// The placeindex dashboard. Pages read only what the data loaders in src/data write from the
// published warehouse ($PLACEINDEX_HOME/placeindex.duckdb, default data/ in the repository).
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";

const projectPython = fileURLToPath(new URL("../.venv/bin/python", import.meta.url));

// The loaders need the project's Python (with duckdb), not whatever python3 is first on the PATH.
const python = process.env.PLACEINDEX_PYTHON ?? (existsSync(projectPython) ? projectPython : "python3");

// One page per English district; the list comes from the warehouse the site is built from.
let districts;
function districtPages() {
  if (districts) return districts;
  const script = fileURLToPath(new URL("./loaders/district_paths.py", import.meta.url));
  let output;
  try {
    output = execFileSync(python, [script], {encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"]});
  } catch (error) {
    throw new Error(`could not list the district pages: ${error.stderr?.trim() || error.message}`);
  }
  return (districts = output
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [path, name, region] = line.split("\t");
      return {path, name, region};
    }));
}

export default {
  root: "src",
  title: "placeindex",
  pages: [
    {name: "England overview", path: "/"},
    {name: "Districts", path: "/districts"},
    {name: "Sources & methods", path: "/sources"},
    {name: "Data dictionary", path: "/dictionary"},
    {name: "How the pressures are measured", path: "/methods"}
  ],
  async *dynamicPaths() {
    for (const {path} of districtPages()) yield path;
  },
  interpreters: {".py": [python]},
  // Not the default (a font from Google): the site must work with no network at all. Inputs'
  // styles come with an implicit `npm:` import only, and the pages import Inputs from node_modules.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  // A data: icon, so browsers do not ask the server for a /favicon.ico that is not there.
  head: '<link rel="icon" href="data:,">',
  style: "style.css",
  // A district page writes its name in the browser, so the search cannot read it from the page.
  search: {
    async *index() {
      for (const {path, name, region} of districtPages()) {
        yield {path, title: name, text: `${name} district ${region} local authority`, keywords: "district"};
      }
    }
  },
  toc: true,
  pager: false,
  footer:
    "placeindex: open neighbourhood indicators for England. Contains public sector information " +
    "licensed under the Open Government Licence v3.0; contains OS data © Crown copyright and " +
    "database right. Sources and licences: <a href=\"/sources\">Sources &amp; methods</a>."
};
