"""Build hook: ship the top-level incidents/ pack and labs/ inside the wheel as triage/incidents/
and triage/labs/."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithIncidents(build_py):
    """Copy incidents/*.yaml and labs/*.yaml into the built package so an installed wheel finds
    its pack and its labs."""

    def run(self) -> None:
        super().run()
        for folder in ("incidents", "labs"):
            source = Path(__file__).parent / folder
            target = Path(self.build_lib) / "triage" / folder
            target.mkdir(parents=True, exist_ok=True)
            for authored in sorted(source.glob("*.yaml")):
                shutil.copy2(authored, target / authored.name)


setup(cmdclass={"build_py": BuildWithIncidents})
