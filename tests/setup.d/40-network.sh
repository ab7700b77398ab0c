#!/usr/bin/env bash
# The peers of the network tests (tests/network): real proxies (tinyproxy for HTTP CONNECT,
# Dante for SOCKS5 and SOCKS4), fail2ban (only its fail2ban-regex is run, never the server),
# and OpenSSH's client for the side-by-side runs and the path checks (ssh -vvv, sftp -b).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/setup.d/lib.sh
. "$here/lib.sh"
mapfile -t missing < <(missing_debian tinyproxy dante-server fail2ban openssh-client sshpass util-linux)
install_debian "${missing[@]}"
# The packages start their daemons where they can; the tests run their own on other ports.
if [ ${#missing[@]} -gt 0 ] && command -v service >/dev/null 2>&1; then
    for daemon in tinyproxy danted fail2ban; do
        service "$daemon" stop >/dev/null 2>&1 || true
    done
fi
