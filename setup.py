"""The package list, which pyproject.toml cannot write as "found + one mapped folder".

Every package under dashboard/ (found, so a new subpackage is never left out of the wheel)
plus ``frontline_data``: the top-level data/ folder, mapped in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["dashboard", "dashboard.*"]), "frontline_data"])
