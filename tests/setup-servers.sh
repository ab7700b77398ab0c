#!/usr/bin/env bash
# Installs the real peers the tests talk to, when they are missing. The base (OpenSSH's
# sshd, iptables and ip for the firewall tests in a network namespace, GNU time for
# `make bench`) is here; each family of peers (other servers, clients, proxies, fail2ban)
# has a script of its own in tests/setup.d/, run in name order. Needs root to install;
# without root it says what is missing and the tests that need it are skipped (failed
# under CI).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
[ -x /usr/bin/time ] || missing+=(time)
# shellcheck source=tests/setup.d/lib.sh
. "$here/setup.d/lib.sh"
install_debian "${missing[@]}"
# The package starts sshd on port 22 where it can; the tests run their own on other ports.
if [ ${#missing[@]} -gt 0 ] && command -v service >/dev/null 2>&1; then
    service ssh stop >/dev/null 2>&1 || true
fi
for script in "$here"/setup.d/[0-9]*.sh; do
    [ -e "$script" ] || continue
    bash "$script"
done
