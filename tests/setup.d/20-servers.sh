#!/usr/bin/env bash
# The other SFTP servers of the server matrix (tests/matrix): ProFTPD's mod_sftp, dropbear
# and tinysshd (both running OpenSSH's sftp-server), Go's x/crypto/ssh + pkg/sftp (built
# offline from Debian's Go sources), and node's ssh2 (npm ci of tests/servers/node_sftp).
# The AsyncSSH server comes from PyPI through the `test` extra. Idempotent and quiet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/setup.d/lib.sh
. "$here/lib.sh"
packages=(
    proftpd-core proftpd-mod-crypto
    dropbear-bin openssh-sftp-server openssh-client openssl
    tinysshd ucspi-tcp
    golang-go golang-golang-x-crypto-dev golang-github-pkg-sftp-dev
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
mapfile -t missing < <(missing_debian "${packages[@]}")
install_debian "${missing[@]}"
# The packages start their daemons where they can; the tests run their own on other ports.
if [ ${#missing[@]} -gt 0 ] && command -v service >/dev/null 2>&1; then
    service proftpd stop >/dev/null 2>&1 || true
    service dropbear stop >/dev/null 2>&1 || true
fi
# node's ssh2, exactly as package-lock.json pins it; again only when the lock file changed.
node_dir="$here/../servers/node_sftp"
if command -v npm >/dev/null 2>&1 \
    && ! cmp -s "$node_dir/package-lock.json" "$node_dir/node_modules/.sftpcheck-lock" 2>/dev/null; then
    (cd "$node_dir" && npm ci --silent --no-audit --no-fund >/dev/null \
        && cp package-lock.json node_modules/.sftpcheck-lock)
fi
