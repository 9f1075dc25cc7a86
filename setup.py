"""Build hook: ship the top-level incidents/ pack inside the wheel as triage/incidents/."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithIncidents(build_py):
    """Copy incidents/*.yaml into the built package so an installed wheel finds its pack."""

    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "incidents"
        target = Path(self.build_lib) / "triage" / "incidents"
        target.mkdir(parents=True, exist_ok=True)
        for incident in sorted(source.glob("*.yaml")):
            shutil.copy2(incident, target / incident.name)


setup(cmdclass={"build_py": BuildWithIncidents})
