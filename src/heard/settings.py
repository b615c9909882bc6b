"""Which rules `heard check` runs: `--select`/`--ignore`, or `[tool.heard]` in pyproject.toml.

As in ruff, each entry is a code (`H080`), a code prefix (`H08` = H080-H089) or a rule name
(`abbreviation-not-explained`). The command line replaces what the configuration says.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    """Configuration that names no rule, or is not valid TOML: a usage error."""


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        chosen = not self.select or any(code.startswith(s) for s in self.select)
        return chosen and not any(code.startswith(i) for i in self.ignore)


def all_codes() -> dict[str, str]:
    """Every code the checker reports -> its rule name."""
    from .rules import LOAD_CODES, RULES

    names = {code: name for code, (name, _summary) in LOAD_CODES.items()}
    names.update({r.code: r.name for r in RULES})
    return names


def normalise(entries, where: str) -> tuple[str, ...]:
    """Codes and prefixes, upper-cased; rule names turned into their codes."""
    if isinstance(entries, str):
        entries = [part for part in entries.replace(",", " ").split() if part]
    if not isinstance(entries, list | tuple) or not all(isinstance(e, str) for e in entries):
        raise SettingsError(f"{where} must be a list of rule codes or names")
    codes = all_codes()
    by_name: dict[str, list[str]] = {}
    for code, name in codes.items():
        by_name.setdefault(name, []).append(code)
    found: list[str] = []
    for entry in entries:
        entry = entry.strip()
        if entry in by_name:
            found.extend(by_name[entry])
        elif any(code.startswith(entry.upper()) for code in codes) and entry[:1] in "hH":
            found.append(entry.upper())
        else:
            raise SettingsError(f"{where}: no rule is called {entry!r}; "
                                "`heard explain` lists them")
    return tuple(found)


def read_config(root: Path) -> dict:
    """The [tool.heard] table of the curriculum's pyproject.toml, or {}."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("heard", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise SettingsError(f"{path}: cannot read it as TOML ({exc})") from None
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.heard] must be a table")
    unknown = set(table) - {"select", "ignore"}
    if unknown:
        raise SettingsError(f"{path}: [tool.heard] has unknown settings: "
                            f"{', '.join(sorted(unknown))} (known: select, ignore)")
    return table


def selection(root: Path, select: list[str] | None, ignore: list[str] | None) -> Selection:
    config = read_config(root)
    return Selection(
        normalise(select if select is not None else config.get("select", []),
                  "--select" if select is not None else "[tool.heard] select"),
        normalise(ignore if ignore is not None else config.get("ignore", []),
                  "--ignore" if ignore is not None else "[tool.heard] ignore"))
