"""How a physics output is conventionally read: the levels that matter and what each band means.

Most outputs have no such scale (a loss, an accuracy). A PSI does: below 0.1 no shift, 0.1 to
0.25 moderate, above 0.25 significant. A dashboard draws a PSI panel against those levels, so
noise between 0.014 and 0.051 stays low on its chart instead of filling it, and names the band
the value is in when no alert is wired to the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from triage.model.physics import DriftPhysics
from triage.sim.physics.drift import PSI_MODERATE, PSI_SIGNIFICANT, psi_band


@dataclass(frozen=True)
class Reading:
    """An output's conventional scale: its floor, the levels that matter, and a band's name."""

    floor: float
    levels: tuple[float, ...]
    band: Callable[[float], str]
    """The name of the band a value falls in (`no shift`, `moderate`, `significant`)."""
    alarming: tuple[str, ...] = ()
    """The band names that call for a look."""
    name: str = ""
    """What the levels are called (`PSI bands`)."""

    def scaled(self, factor: float) -> Reading:
        """The same reading for the output multiplied by `factor` (a signal's `scale:`)."""
        if factor == 1.0 or factor <= 0:
            return self
        band = self.band
        return Reading(self.floor * factor, tuple(level * factor for level in self.levels),
                       lambda value: band(value / factor), self.alarming, self.name)


PSI_READING = Reading(0.0, (PSI_MODERATE, PSI_SIGNIFICANT), psi_band, ("moderate", "significant"),
                      "PSI bands")


def reading_of(spec: object, output: str) -> Reading | None:
    """The conventional reading of `output` of the physics system `spec`, if it has one."""
    if isinstance(spec, DriftPhysics) and (output.startswith("psi.") or output == "psi_max"):
        return PSI_READING
    return None
