"""The package's layers point one way, and no module imports itself back through others.

Every import of a package module counts: at the top, inside a function, or under
TYPE_CHECKING (a reader follows it either way). A failure names the import to move.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sftpcheck.check.pipeline import CHECK_IDS

PACKAGE = Path(__file__).resolve().parents[1] / "sftpcheck"

# Each layer, and what it must never import. cli and the commands (each package's
# command.py, which alone may use the console) sit on top; below them check, then check's
# steps, then the wire (net), the catalog (reasons) and the values (model).
NEVER = {
    "sftpcheck.net": ("check", "reasons", "render", "sites", "files", "console", "cli"),
    "sftpcheck.sites": ("check", "console", "cli"),
    "sftpcheck.files": ("check", "console", "cli"),
    "sftpcheck.render": ("check", "net", "console", "cli"),
    "sftpcheck.reasons": ("check", "net", "render", "sites", "files", "console", "cli"),
    "sftpcheck.model": ("check", "net", "reasons", "render", "console", "cli"),
    # Quoting outside text sits below everything that takes such text in.
    "sftpcheck.outside": (
        "check",
        "net",
        "reasons",
        "render",
        "sites",
        "files",
        "console",
        "cli",
        "model",
    ),
    "sftpcheck.console": ("check", "demo", "explain", "files", "sites", "cli"),
}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = _modules()


def _own(name: str) -> str | None:
    """The package module `name` refers to (a module, or the package holding a name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(own for name in names if (own := _own(name)) and own != module)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in GRAPH[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return groups


def _within(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def test_no_module_imports_itself_back() -> None:
    assert _cycles() == []


def test_each_layer_imports_only_below_it() -> None:
    breaks = [
        f"{module} imports {other}"
        for module, imported in GRAPH.items()
        for layer, banned in NEVER.items()
        if _within(module, layer)
        for other in imported
        if any(_within(other, f"sftpcheck.{name}") for name in banned)
        and not (module.endswith(".command") and other == "sftpcheck.console")
    ]
    assert breaks == []


def test_nothing_imports_the_cli() -> None:
    users = [module for module, imported in GRAPH.items() if "sftpcheck.cli" in imported]
    assert users == ["sftpcheck.__main__"]


def test_a_step_imports_no_other_step() -> None:
    """A step's helpers are named after it (ssh_stalls); another step's are off limits."""
    steps = "sftpcheck.check.steps."

    def step_of(module: str) -> str:
        name = module.removeprefix(steps)
        return max((i for i in CHECK_IDS if name == i or name.startswith(i + "_")), key=len)

    reaches = [
        f"{module} imports {other}"
        for module, imported in GRAPH.items()
        if module.startswith(steps)
        for other in imported
        if other.startswith(steps) and step_of(other) != step_of(module)
    ]
    assert reaches == []


def test_the_step_list_imports_no_step() -> None:
    """check/pipeline.py loads the steps by name when a run starts, never on import."""
    assert not [
        m for m in GRAPH["sftpcheck.check.pipeline"] if m.startswith("sftpcheck.check.steps")
    ]
