"""The layer rules of the README's "Architecture" section, checked on the source.

    python tools/architecture.py          # prints every breach; exit 1 when there is one

It reads ``src/seedlint`` with ``ast`` (every import, at module level or inside a function,
counts: an import hidden in a function is still a dependency; one under ``if
TYPE_CHECKING:`` serves annotations only and does not) and reports:
- import cycles between seedlint's modules;
- ``argparse`` imported outside the command-line modules;
- a module that parses, validates, runs workers or stores the cache reaching a reporter;
- functions above cyclomatic complexity 15 (radon) and modules above 600 lines.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "seedlint"
COMMAND_LINE = ("seedlint.cli", "seedlint.__main__")  # the packages argparse may live in
# Modules below the reporters: none of them may reach seedlint.report (directly or not)
ENGINE_PREFIXES = (
    "seedlint.parse",
    "seedlint.frontmatter",
    "seedlint.jekyll",
    "seedlint.schema",
    "seedlint.linter",
    "seedlint.rules",
    "seedlint.run",
    "seedlint.isolation",
    "seedlint.writing",
    "seedlint.cache",
    "seedlint.fixer",
)
MAX_COMPLEXITY = 15
MAX_LINES = 600


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (imports for annotations only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _walk_runtime(child))
            continue
        yield from _walk_runtime(node)


def _walk_runtime(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    yield from _runtime_nodes(node)


def imports(path: Path, name: str, modules: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Every module ``path`` imports at run time, absolute, including imports inside
    functions (those under ``if TYPE_CHECKING:`` serve annotations only). ``from . import
    x`` depends on the module ``x`` when it is one of ``modules``, else on the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else node.module
            module = module or base
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in modules else module)
    return found


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    names = set(modules)
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges[name] = {m for m in imports(path, name, names) if m in modules and m != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def breaches(package: Path = PACKAGE) -> list[str]:
    """Every breach of the layer rules in ``package`` (seedlint's source by default)."""
    edges = graph(package)
    found = [f"import cycle: {' <-> '.join(c)}" for c in cycles(edges)]
    for name, path in sorted((module_name(p, package), p) for p in package.rglob("*.py")):
        in_command_line = any(name == p or name.startswith(p + ".") for p in COMMAND_LINE)
        if not in_command_line and "argparse" in imports(path, name):
            found.append(f"argparse outside the command line: {name}")
        if name.startswith(ENGINE_PREFIXES):
            reporters = sorted(m for m in reachable(edges, name) if m.startswith("seedlint.report"))
            if reporters:
                found.append(f"{name} reaches a reporter: {', '.join(reporters)}")
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{name}: {lines} lines (at most {MAX_LINES})")
    found.extend(_complex_functions(package))
    return found


def _complex_functions(package: Path) -> Iterator[str]:
    try:
        from radon.complexity import cc_visit
    except ImportError:
        yield "radon is not installed: complexity not checked (pip install radon)"
        return
    for path in sorted(package.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                where = f"{path.relative_to(package.parent)}:{block.lineno}"
                yield f"{where}: {block.fullname} has complexity {block.complexity}"


def main() -> int:
    found = breaches()
    for line in found:
        print(line)
    print(f"{len(found)} breach(es)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
