"""The pressures methods note (docs/methods/pressures.md) as a site page: one text, two places."""

from pathlib import Path

NOTE = Path(__file__).resolve().parents[2] / "docs" / "methods" / "pressures.md"

BANNER = """```js
import {banner} from "./components/common.js";
display(await banner());
```
"""

print("---\ntitle: How the pressures are measured\n---\n")
print(BANNER)
print(NOTE.read_text(encoding="utf-8"))
