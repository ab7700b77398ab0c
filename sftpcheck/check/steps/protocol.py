"""The protocol check: what answers on the port (SSH, FTP, something else, silence, or a
server turning this address away), read on the tcp step's connection."""

from __future__ import annotations

import socket

from sftpcheck.check.session import Session
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.net import probes, seen
from sftpcheck.net.probes import Greeting, Heard
from sftpcheck.reasons import network as reasons

_GREETING_REASONS: dict[Heard, Reason] = {
    Heard.OLD_SSH: reasons.PROTOCOL_OLD_SSH,
    Heard.FTP: reasons.PROTOCOL_FTP,
    Heard.SMTP: reasons.PROTOCOL_NOT_SSH,
    Heard.HTTP: reasons.PROTOCOL_NOT_SSH,
    Heard.TLS: reasons.PROTOCOL_NOT_SSH,
    Heard.OTHER: reasons.PROTOCOL_NOT_SSH,
    Heard.HUNG_UP_ON_GREETING: reasons.PROTOCOL_NOT_SSH,
    Heard.SILENT: reasons.PROTOCOL_NO_BANNER,
    Heard.CLOSED: reasons.PROTOCOL_CLOSED,
    Heard.RESET: reasons.PROTOCOL_CLOSED,
    Heard.TOO_MANY_CONNECTIONS: reasons.PROTOCOL_THROTTLED,
}


def check_protocol(session: Session) -> Outcome:
    """Read what the server says first: SSH, FTP, something else, or silence.

    It reads on the tcp step's connection, which then goes on to the SSH engine with
    every byte read so far.
    """
    options = session.options
    connection = session.connection
    address = connection.address if connection else (session.connect_address or options.host)
    if connection is None:
        # The tcp step saw the connection open and at once reset: nothing was said.
        greeting = probes.Greeting(probes.Heard.RESET, "", 0, False, 0)
    else:
        greeting = probes.read_greeting(connection.sock, options.timeout)
        connection.received = greeting.raw
        connection.sent_greeting = greeting.sent
        if greeting.heard in (Heard.CLOSED, Heard.RESET) and connection.via_proxy is None:
            # Gone before a word, after our greeting: a server that hangs up on everyone, or
            # a TLS service that hangs up on an SSH line. A second connection that waits
            # before it speaks tells them apart (only on this failure path).
            greeting = _listen_quietly(address, options.port, options.timeout, greeting)
    details = {
        "address": address,
        "heard": greeting.heard.value,
        "first_line": greeting.first_line,
        "bytes_received": greeting.received,
        "sftpcheck_spoke_first": greeting.we_spoke,
    }
    if greeting.heard is Heard.SSH:
        software = probes.ssh_software(greeting.first_line)
        seen.remember(options.host, options.port, software)
        session.server_algorithms = greeting.algorithms
        return Outcome(
            status=Status.PASS,
            summary=f"An SSH server answered: {greeting.first_line}",
            details={**details, "software": software},
            facts=(Fact("Server software", software),),
        )
    session.close_connections()
    sighting = seen.recent_sighting(options.host, options.port)
    if greeting.heard in (Heard.CLOSED, Heard.RESET) and sighting is not None:
        return Outcome(
            status=Status.FAIL,
            summary=f"The server hangs up at once, though {sighting.words()}. It is most "
            "likely turning this address away for now (too many connections or failed "
            "logins). Wait at least 15 minutes; do not retry in a loop.",
            reason=reasons.PROTOCOL_THROTTLED,
            details={**details, "answered_before": sighting.when},
        )
    return Outcome(
        status=Status.FAIL,
        summary=_greeting_summary(greeting, options.port, options.timeout),
        reason=_GREETING_REASONS[greeting.heard],
        details=details,
    )


def _listen_quietly(address: str, port: int, timeout: float, first: Greeting) -> Greeting:
    try:
        sock = socket.create_connection((address, port), timeout=timeout)
    except OSError:
        return first
    with sock:
        return probes.read_greeting(sock, timeout, speak_first=False)


def _greeting_summary(greeting: Greeting, port: int, timeout: float) -> str:
    said = f"'{greeting.first_line}'"
    if greeting.heard is Heard.FTP:
        ftp_port = " Port 21 is the FTP port." if port == 21 else ""
        return (
            f"An FTP server answered on port {port} ({said}). This is FTP, not SFTP: set the "
            f"client to SFTP on port 22.{ftp_port}"
        )
    if greeting.heard is Heard.SILENT:
        if greeting.received:
            return (
                f"The server sent only {greeting.received} bytes ({said}) in {timeout:g} s; "
                "a full SSH greeting never arrived."
            )
        return f"The connection opened, but the server said nothing within {timeout:g} s."
    return {
        Heard.OLD_SSH: f"The server speaks SSH version 1 ({said}), which no modern client uses.",
        Heard.SMTP: f"A mail (SMTP) server answered on port {port} ({said}), not SFTP.",
        Heard.HTTP: f"A web (HTTP) server answered on port {port} ({said}), not SFTP.",
        Heard.TLS: f"A TLS service (such as HTTPS or FTPS) answered on port {port}, not SFTP.",
        Heard.OTHER: f"Something other than SSH answered on port {port}: {said}.",
        Heard.HUNG_UP_ON_GREETING: (
            f"The server stayed silent, then hung up when greeted in SSH. It is not an SFTP "
            f"server; it may be a TLS service (HTTPS or FTPS) on port {port}."
        ),
        Heard.CLOSED: "The server closed the connection at once, before saying anything.",
        Heard.TOO_MANY_CONNECTIONS: f"The server said {said} and hung up: it has too many "
        "connections from this address, or in all, for now. Wait at least 15 minutes; do not "
        "retry in a loop.",
        Heard.RESET: "The server reset the connection at once, before saying anything.",
    }[greeting.heard]
