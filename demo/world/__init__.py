"""The demo's synthetic world: everything more than one family's files are drawn from.

`World(seed)` is the fake England and Wales the files describe, built lazily (each part once, on
first use) from the seed alone: its geography (`areas`), its IoD2019 (`deprivation`), its Census
residents (`residents`), its postcodes and places (`places`), its grant-receiving organisations
(`organisations`) and its libraries (`libraries`). Each part draws from a `random.Random` of its own,
seeded from `seed`, so what one family writes never depends on which other family ran first.

Nothing here knows a published layout: the family modules (`demo.iod2019`, `demo.census`, ...) write
the world into each publisher's files, with the catalog's headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from demo.world.areas import Geography, Msoa, build_geography, build_msoas
from demo.world.deprivation import IodRow, build_iod
from demo.world.libraries import Library, build_libraries
from demo.world.organisations import Org, grant_organisations
from demo.world.places import Places, build_places, demo_postcodes
from demo.world.residents import Census, build_census

SEED = 20190926


@dataclass(frozen=True)
class World:
    seed: int = SEED

    @cached_property
    def geography(self) -> Geography:
        return build_geography(self.seed)

    @cached_property
    def iod(self) -> list[IodRow]:
        return build_iod(self.geography, self.seed)

    @cached_property
    def msoas(self) -> tuple[list[Msoa], list[Msoa]]:
        """MSOAs of 2011 and of 2021."""
        return build_msoas(self.geography)

    @cached_property
    def census(self) -> Census:
        return build_census(self.geography, self.iod, self.seed)

    @cached_property
    def postcodes(self) -> dict[str, str]:
        """Demo postcode -> its LSOA 2021 code."""
        return demo_postcodes(self.geography)

    @cached_property
    def places(self) -> Places:
        return build_places(self.geography, self.seed)

    @cached_property
    def libraries(self) -> list[Library]:
        return build_libraries(self.geography, self.places, self.postcodes, self.seed)

    @cached_property
    def organisations(self) -> dict[str, list[Org]]:
        """Grant recipients by LAD22 code."""
        return grant_organisations(self.geography, self.postcodes, self.seed)


__all__ = ["SEED", "World"]
