#!/usr/bin/env bash
# Installs the real servers the tests talk to, when they are missing: OpenSSH's sshd, and
# iptables for the firewall tests in a network namespace; GNU time for `make bench`'s
# peak-memory reading. Needs root to install; without
# root it says what is missing and the tests that need it are skipped (failed under CI).
set -euo pipefail
missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
[ -x /usr/bin/time ] || missing+=(time)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-servers: not root, so not installing: ${missing[*]}" >&2
    exit 0
fi
echo "setup-servers: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The package starts sshd on port 22 where it can; the tests run their own on other ports.
if command -v service >/dev/null 2>&1; then service ssh stop >/dev/null 2>&1 || true; fi
