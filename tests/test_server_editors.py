"""The README's editor setup, run in a real editor: headless Neovim with the README's
``init.lua`` opens a broken record, and the diagnostics it shows are the CLI's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from cli_runner import run_cli_process  # noqa: E402
from conftest import RECORDS  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"
RECORD = RECORDS / "2019-10-23-start-building-with-azure-cognitive-services-for-free.md"

# Neovim 0.7 (Debian 12's) has no vim.lsp.start; this is what 0.8 added, for the test only
_SHIM_FOR_NEOVIM_07 = """
if vim.lsp.start == nil then
  vim.lsp.start = function(config)
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
    return id
  end
end
"""

_PROBE = """
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { lnum = d.lnum, col = d.col, code = d.code or lsp.code,
                        source = d.source or lsp.source })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, os.getenv("SEEDLINT_PROBE"))
vim.cmd("qa!")
"""


NVIM = os.environ.get("SEEDLINT_NVIM", "nvim")  # which Neovim to run


def readme_neovim_config(index: int) -> str:
    """A Lua block of the README's Neovim section, as a user copies it."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Neovim") : text.index("### Helix")]
    return re.findall(r"```lua\n(.*?)```", section, re.S)[index]


def neovim_version() -> tuple[int, ...]:
    found = subprocess.run([NVIM, "--version"], capture_output=True, text=True).stdout
    match = re.match(r"NVIM v(\d+)\.(\d+)", found)
    return tuple(int(part) for part in match.groups()) if match else (0, 0)


@pytest.mark.skipif(shutil.which(NVIM) is None, reason="Neovim is not installed")
@pytest.mark.parametrize(
    ("snippet", "since"),
    [(0, (0, 7)), pytest.param(1, (0, 11), id="vim.lsp.config")],
)
def test_neovim_with_the_readme_configuration_shows_the_diagnostics(
    tmp_path: Path, snippet: int, since: tuple[int, int]
) -> None:
    if neovim_version() < since:
        pytest.skip(f"the snippet needs Neovim {since[0]}.{since[1]}")
    text = RECORD.read_text(encoding="utf-8")
    text = text.replace("quality: 34", 'quality: "34"')
    text = re.sub(
        r"^topics:\n(?:  - .*\n)+", 'topics: ["🚀 Azure", "🚀 Azure"]\n', text, flags=re.M
    )
    record = tmp_path / "2019-10-23-broken.md"
    record.write_text(text, encoding="utf-8")
    (tmp_path / "init.lua").write_text(_SHIM_FOR_NEOVIM_07 + readme_neovim_config(snippet))
    (tmp_path / "probe.lua").write_text(_PROBE)
    probe = tmp_path / "found.json"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "SEEDLINT_PROBE": str(probe),
    }
    command = [NVIM, "--headless", "-n", "-i", "NONE", "-u", "init.lua", record.name]
    subprocess.run(
        [*command, "-c", "luafile probe.lua"], cwd=tmp_path, env=env, timeout=120, check=True
    )
    shown = json.loads(probe.read_text(encoding="utf-8"))
    cli = run_cli_process("check", "--no-cache", "--format", "json", record.name, cwd=tmp_path)
    lines = text.splitlines()
    # Neovim keeps 0-based lines and byte columns (it converts the server's UTF-16)
    expected = sorted(
        (
            d["line"] - 1,
            len(lines[d["line"] - 1][: d["column"] - 1].encode("utf-8")),
            d["code"],
        )
        for d in json.loads(cli.stdout)
    )
    assert {"SL103", "SL107"} <= {code for _, _, code in expected}
    assert sorted((d["lnum"], d["col"], d["code"]) for d in shown) == expected
    assert {d["source"] for d in shown} == {"seedlint"}
