"""pyproject.toml ships the product and only the product: every folder of the installed package
is listed (setuptools warns about, and a wheel silently lacks, a folder left out), and the lab
(benchmarks/, tools/) stays in the checkout."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _folder(package: str) -> Path:
    """The checkout folder a package name installs from, through ``package-dir``."""
    parts = package.split(".")
    for size in range(len(parts), 0, -1):
        mapped = SETUPTOOLS.get("package-dir", {}).get(".".join(parts[:size]))
        if mapped is not None:
            return ROOT / mapped / Path(*parts[size:])
    return ROOT / Path(*parts)


def _package_folders() -> set[str]:
    """Every folder under the package roots, as the dotted name it installs under."""
    names = set()
    for root in ("annotator", *SETUPTOOLS.get("package-dir", {})):
        base = _folder(root)
        for folder in (base, *(p for p in base.rglob("*") if p.is_dir())):
            if "__pycache__" in folder.parts:
                continue
            relative = folder.relative_to(base).parts
            names.add(".".join((root, *relative)))
    return names


def test_packaging_lists_every_package_folder():
    assert set(SETUPTOOLS["packages"]) == _package_folders()


@pytest.mark.parametrize("package", SETUPTOOLS["packages"])
def test_packaging_listed_package_exists(package):
    assert _folder(package).is_dir(), package


def test_packaging_data_folders_ship_their_files():
    data = SETUPTOOLS["package-data"]
    for package in SETUPTOOLS["packages"]:
        if not (_folder(package) / "__init__.py").exists():
            assert data.get(package) == ["*"], f"{package} is a data folder without package-data"


@pytest.mark.parametrize("lab", ["benchmarks", "tools"])
def test_packaging_lab_stays_out_of_the_package(lab):
    assert (ROOT / lab / "__main__.py").exists() or (ROOT / lab / "__init__.py").exists()
    assert not any(re.search(rf"\b{lab}\b|\bbench\b", p) for p in SETUPTOOLS["packages"])
    assert not (ROOT / "annotator" / "bench").exists()
    assert not (ROOT / "annotator" / "evaluate.py").exists()


def test_packaging_license_is_an_spdx_expression():
    assert PYPROJECT["project"]["license"] == "MIT"


def test_packaging_gunicorn_has_an_upper_bound():
    gunicorn = next(d for d in PYPROJECT["project"]["dependencies"] if d.startswith("gunicorn"))
    assert "<" in gunicorn, "plugin/worker.py subclasses gunicorn internals: bound the major"
