#!/usr/bin/env bash
# The real SFTP clients of the explain harness (tests/clients/): OpenSSH's sftp with sshpass,
# PuTTY's psftp/puttygen, FileZilla's fzsftp, curl, lftp, and Java with JSch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/setup.d/lib.sh
. "$here/lib.sh"
mapfile -t missing < <(missing_debian openssh-client sshpass putty-tools filezilla curl lftp \
    default-jre-headless libjsch-java)
install_debian "${missing[@]}"
