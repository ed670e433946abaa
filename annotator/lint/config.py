"""Lint configuration: ``.helpdesk-annotator.toml`` or ``[tool.helpdesk-annotator]`` in pyproject.

Keys (all optional)::

    allow = ["SFDC", "TAM"]          # acronyms that need no definition (added to the defaults;
                                     # "SFDC,TAM" works too; compared case-insensitively)
    default-allow = true             # false: drop the built-in allowlist (API, URL, FAQ, ...)
    glossary = ["docs/terms.csv"]    # extra glossary files, relative to the config file
    builtin-glossary = true          # false: use only the glossary files above
    disable = ["HA002"]              # rule codes to switch off

The same keys may sit in a ``lint`` sub-table (``[tool.helpdesk-annotator.lint]``), which wins;
other keys of the table belong to other subcommands and are ignored here. Without a ``lint``
sub-table, an unknown key is an error (E402, with the closest known key). Discovery walks up
from the linted path: in each directory ``.helpdesk-annotator.toml`` first, then a
``pyproject.toml`` that has the table.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import LintError
from ..fileio import read_regular
from .findings import RULES
from .words import DEFAULT_ALLOW

CONFIG_FILE = ".helpdesk-annotator.toml"
TABLE = "helpdesk-annotator"
_KEYS = {"allow", "default-allow", "glossary", "disable", "builtin-glossary"}
#: Largest configuration file read (a pyproject.toml is a few kilobytes).
MAX_CONFIG_BYTES = 1024 * 1024


def split_items(values: Iterable[str]) -> list[str]:
    """``["SLA,KPI", " TAM "]`` -> ``["SLA", "KPI", "TAM"]``: how ``--allow``, ``--disable`` and
    the same keys given as one string in a configuration file are read."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


@dataclass(frozen=True)
class LintConfig:
    allow: frozenset[str] = frozenset()
    default_allow: bool = True
    glossary: tuple[Path, ...] = ()
    disable: frozenset[str] = frozenset()
    builtin_glossary: bool = True
    source: Path | None = None  # the file this came from, for messages

    @property
    def allowlist(self) -> frozenset[str]:
        return (DEFAULT_ALLOW if self.default_allow else frozenset()) | self.allow

    def with_overrides(
        self,
        *,
        allow: Iterable[str] = (),
        disable: Iterable[str] = (),
        glossary: Iterable[Path] = (),
        default_allow: bool | None = None,
        builtin_glossary: bool | None = None,
    ) -> LintConfig:
        return replace(
            self,
            allow=self.allow | frozenset(allow),
            disable=self.disable | frozenset(disable),
            glossary=self.glossary + tuple(glossary),
            default_allow=self.default_allow if default_allow is None else default_allow,
            builtin_glossary=self.builtin_glossary if builtin_glossary is None else builtin_glossary,
        )


def settings_table(data: dict, path: Path) -> dict | None:
    """The lint settings in a parsed file (None when a pyproject has no table for us)."""
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get(TABLE)
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get(TABLE, data)
    if not isinstance(table, dict):
        raise LintError("E402", path=str(path), detail=f"[tool.{TABLE}] must be a table")
    lint = table.get("lint")
    if lint is not None:
        if not isinstance(lint, dict):
            raise LintError("E402", path=str(path), detail="'lint' must be a table")
        _check_keys(lint, path)
        return {**{k: v for k, v in table.items() if k in _KEYS}, **lint}
    # Without a lint sub-table the settings are the table's own keys; sub-tables belong to
    # other subcommands.
    _check_keys({k: v for k, v in table.items() if not isinstance(v, dict)}, path)
    return table


def _check_keys(table: dict, path: Path) -> None:
    """E402 for a key the linter does not know (a typo would otherwise be silently ignored)."""
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(sorted(_KEYS))})"
            raise LintError("E402", path=str(path), detail=f"unknown key {key!r}{hint}")


def _string_list(value: object, key: str, path: Path, *, split: bool = False) -> list[str]:
    """A list of non-blank strings; with ``split``, comma-separated items are split out
    (``allow = "WFM,KPI"`` as ``--allow WFM,KPI``)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LintError("E402", path=str(path), detail=f"{key!r} must be a list of strings")
    if split:
        return split_items(value)
    return [v.strip() for v in value]


def parse_config(data: dict, path: Path) -> LintConfig:
    """Validate a parsed table into a :class:`LintConfig` (raises E402 naming ``path``)."""
    allow = _string_list(data.get("allow", []), "allow", path, split=True)
    disable = [c.upper() for c in _string_list(data.get("disable", []), "disable", path, split=True)]
    unknown = sorted(set(disable) - set(RULES))
    if unknown:
        raise LintError(
            "E402", path=str(path), detail=f"unknown rule code(s) in 'disable': {', '.join(unknown)}"
        )
    flags = {}
    for key in ("default-allow", "builtin-glossary"):
        flags[key] = data.get(key, True)
        if not isinstance(flags[key], bool):
            raise LintError("E402", path=str(path), detail=f"{key!r} must be true or false")
    glossary = tuple(
        (path.parent / g).resolve() for g in _string_list(data.get("glossary", []), "glossary", path)
    )
    for file in glossary:
        if not file.is_file():
            raise LintError("E402", path=str(path), detail=f"glossary file not found: {file}")
    return LintConfig(
        allow=frozenset(allow),
        default_allow=flags["default-allow"],
        builtin_glossary=flags["builtin-glossary"],
        glossary=glossary,
        disable=frozenset(disable),
        source=path,
    )


def read_toml(path: Path) -> dict:
    """A TOML file's data; E402 naming the file when it cannot be read or parsed.

    ``tomllib`` recurses once per nesting level, so a hostile file nested deeper than the
    interpreter's limit is reported as invalid TOML, not as a traceback."""
    try:
        return tomllib.loads(read_regular(path, limit=MAX_CONFIG_BYTES).decode("utf-8"))
    except OSError as exc:
        raise LintError("E402", path=str(path), detail=f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise LintError("E402", path=str(path), detail=f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LintError("E402", path=str(path), detail=f"invalid TOML: {exc}") from exc
    except RecursionError:
        raise LintError("E402", path=str(path), detail="invalid TOML: nested too deeply") from None


def load_config(path: Path) -> LintConfig:
    """Read one configuration file (``.helpdesk-annotator.toml`` or ``pyproject.toml``)."""
    path = Path(path)
    data = read_toml(path)
    table = settings_table(data, path)
    if table is None:
        return LintConfig(source=path)
    return parse_config(table, path)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or a directory)."""
    start = Path(start).resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            if TABLE in read_toml(pyproject).get("tool", {}):
                return pyproject
    return None


def discover_config(start: Path) -> LintConfig:
    found = find_config(start)
    return load_config(found) if found else LintConfig()
