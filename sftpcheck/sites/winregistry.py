"""Reading HKEY_CURRENT_USER with winreg, on Windows only (WinSCP's and PuTTY's default store).

Only the values a saved site needs are asked for, by name: a stored password is never
read, not even into memory.
"""

from __future__ import annotations

import sys

from sftpcheck.sites.registry import RegistryValue


def read_subkeys(
    root: str, branches: tuple[str, ...], names: tuple[str, ...]
) -> dict[str, dict[str, RegistryValue]]:
    """The `names` values of each `branch` key under HKCU\\root and of its child keys."""
    keys: dict[str, dict[str, RegistryValue]] = {}
    if sys.platform != "win32":
        return keys
    import winreg

    for branch in branches:
        try:
            handle = winreg.OpenKey(winreg.HKEY_CURRENT_USER, f"{root}\\{branch}")
        except OSError:
            continue
        with handle:
            keys[branch] = _values(handle, names)
            index = 0
            while True:
                try:
                    child = winreg.EnumKey(handle, index)
                except OSError:
                    break
                index += 1
                with winreg.OpenKey(handle, child) as child_handle:
                    keys[f"{branch}\\{child}"] = _values(child_handle, names)
    return keys


def _values(handle: object, names: tuple[str, ...]) -> dict[str, RegistryValue]:
    values: dict[str, RegistryValue] = {}
    if sys.platform != "win32":
        return values
    import winreg

    for name in names:
        try:
            value, kind = winreg.QueryValueEx(handle, name)
        except OSError:
            continue
        if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ, winreg.REG_DWORD):
            values[name] = value
    return values
