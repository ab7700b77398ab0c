# Shared by tests/setup-servers.sh and the scripts beside this file (sourced, not run).

# install_debian PACKAGE... : apt-get install the given packages (as root), once, quietly.
# Without root it names them and returns: the tests that need them skip (fail under CI).
install_debian() {
    [ $# -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup-servers: not root, so not installing: $*" >&2
        return 0
    fi
    echo "setup-servers: installing $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${SFTPCHECK_APT_UPDATED:-}" ]; then
        apt-get update -qq >/dev/null
        export SFTPCHECK_APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# missing_debian PACKAGE... : print those of the given packages that are not installed.
missing_debian() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' \
            || printf '%s\n' "$package"
    done
}
