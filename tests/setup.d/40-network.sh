#!/usr/bin/env bash
# The peers of the network tests (tests/network): real proxies (tinyproxy for HTTP CONNECT,
# Dante for SOCKS5 and SOCKS4), fail2ban (only its fail2ban-regex is run, never the server),
# and OpenSSH's client for the side-by-side runs and the path checks (ssh -vvv, sftp -b).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/setup.d/lib.sh
. "$here/lib.sh"
mapfile -t missing < <(missing_debian tinyproxy dante-server fail2ban openssh-client util-linux)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    # Debian starts a package's daemon on install; fail2ban-server must never run here, and
    # the tests start their own proxies. policy-rc.d's "101" forbids the start.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
install_debian "${missing[@]}"
# Where policy-rc.d was not ours to set, stop what the packages may have started.
if [ ${#missing[@]} -gt 0 ] && command -v service >/dev/null 2>&1; then
    for daemon in tinyproxy danted fail2ban; do
        service "$daemon" stop >/dev/null 2>&1 || true
    done
fi
