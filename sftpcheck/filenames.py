"""Is a file name one the vendor's importer takes? If not, say what is wrong with it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NameProblem:
    """Why a name is not in the spec, and the spec name it most likely meant."""

    name: str
    faults: tuple[str, ...]
    likely: str | None

    def sentence(self) -> str:
        meant = f" It looks like {self.likely}." if self.likely else ""
        faults = "; ".join(self.faults) if self.faults else "it is not in the spec's list"
        return f"'{self.name}' is not a name the vendor imports: {faults}.{meant}"


def likely_spec_name(name: str, allowed: tuple[str, ...]) -> str | None:
    """The spec name a mangled name most likely meant: 'Students (1).csv' -> students.csv."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    core = re.sub(r"[^a-z]", "", stem.lower())
    by_core = {re.sub(r"[^a-z]", "", spec.rsplit(".", 1)[0].lower()): spec for spec in allowed}
    if core in by_core:
        return by_core[core]
    for spec_core, spec in by_core.items():
        if spec_core and spec_core in core:
            return spec
    close = difflib.get_close_matches(core, list(by_core), n=1, cutoff=0.6)
    return by_core[close[0]] if close else None


def name_problem(name: str, allowed: tuple[str, ...]) -> NameProblem | None:
    """None when `name` is exactly one of `allowed`; else what is wrong with it."""
    if name in allowed:
        return None
    faults: list[str] = []
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if "/" in name or "\\" in name:
        faults.append("it includes a folder")
    if name != name.strip() or " " in name:
        faults.append("it has spaces")
    if any(ch.isupper() for ch in name):
        faults.append("it has capital letters")
    if any(ch.isdigit() for ch in stem) and not any(any(c.isdigit() for c in a) for a in allowed):
        faults.append("it has numbers or a date")
    if re.search(r"[^A-Za-z0-9 _./\\-]", name):
        faults.append("it has extra characters such as brackets")
    wanted_extensions = {spec.rpartition(".")[2] for spec in allowed if "." in spec}
    wanted = "/.".join(sorted(wanted_extensions))
    if not extension:
        faults.append(f"it has no .{wanted} ending")
    elif extension.lower() not in wanted_extensions:
        faults.append(f"it ends in .{extension}, not .{wanted}")
    return NameProblem(name=name, faults=tuple(faults), likely=likely_spec_name(name, allowed))
