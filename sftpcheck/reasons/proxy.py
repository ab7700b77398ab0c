"""Reasons raised by the tcp check when the connection goes through a proxy (--proxy)."""

from __future__ import annotations

from sftpcheck.model import Reason, Status

TCP_PROXY_REFUSED = Reason(
    code="tcp.proxy_refused",
    status=Status.FAIL,
    title="The proxy does not accept connections",
    explanation=(
        "The client is set to go through a proxy, but the proxy itself could not be used. "
        "Nothing took the connection at the proxy's address and port, or what answered "
        "there is not a proxy of that kind. The server was never tried."
    ),
    fix=(
        "Check the proxy's name and port in the client's proxy settings.",
        "Check the proxy type: HTTP, SOCKS5 or SOCKS4. Ask your network team which one it is.",
        "If this network needs no proxy, turn the proxy off in the client (--proxy none).",
    ),
    causes=(
        "A typo in the proxy's name or port.",
        "The proxy is down, or was replaced by a new one.",
        "The proxy type is wrong, such as SOCKS set for an HTTP proxy.",
    ),
    confirm="The tcp check connects to the proxy, and is refused, or hears no proxy reply.",
)

TCP_PROXY_DENIED = Reason(
    code="tcp.proxy_denied",
    status=Status.FAIL,
    title="The proxy will not connect to the server",
    explanation=(
        "The proxy answered, but it said no. Its rules do not let this computer reach the "
        "server on this port. Many proxies only allow port 443, the web port, and SFTP uses "
        "port 22. The report quotes the proxy's own answer."
    ),
    fix=(
        "Send the proxy's answer to your network team.",
        "Ask them to let the proxy connect to the server's name and port for SFTP.",
        "Or ask them to let this computer reach the server without the proxy.",
    ),
    causes=(
        "The proxy allows CONNECT only to port 443 (Squid's stock rule).",
        "A rule on the proxy blocks the server's address or port.",
    ),
    confirm="The tcp check asks the proxy to connect, and the proxy answers with a refusal.",
)

TCP_PROXY_AUTH = Reason(
    code="tcp.proxy_auth",
    status=Status.FAIL,
    title="The proxy wants a login",
    explanation=(
        "The proxy asks for a user name and password before it connects anywhere. It got "
        "none, or it did not accept the one it got. This login is for the proxy, not for "
        "the vendor's server."
    ),
    fix=(
        "Ask your network team for the proxy's user name and password.",
        "Put the user name in the proxy URL, as in http://USER@proxy:3128.",
        "Put the password in SFTPCHECK_PROXY_PASSWORD, never in the URL.",
        "In the client, enter the same login in its proxy settings.",
    ),
    causes=(
        "The client's proxy settings hold no login.",
        "The proxy password was changed or has expired.",
    ),
    confirm="The tcp check asks the proxy to connect, and the proxy asks for a login.",
)

TCP_PROXY_TIMEOUT = Reason(
    code="tcp.proxy_timeout",
    status=Status.FAIL,
    title="The proxy did not answer in time",
    explanation=(
        "The proxy took the connection, but then gave no answer in time. Either the proxy "
        "is stuck, or it is still waiting for the server, whose firewall may drop the "
        "traffic without a word."
    ),
    fix=(
        "Try again with a longer --timeout.",
        "Ask your network team if the proxy may reach the server's address and port.",
        "Ask the vendor to allow the proxy's public address in their firewall.",
    ),
    causes=(
        "A firewall between the proxy and the server drops the traffic.",
        "The vendor allows only some addresses, and the proxy's is not one of them.",
        "The proxy is overloaded.",
    ),
    confirm="The tcp check waits for the proxy's reply until the timeout and gets none.",
    ask_vendor="Which addresses do you allow? Our traffic comes from our proxy's address.",
)

TCP_PROXY_CANNOT_REACH = Reason(
    code="tcp.proxy_cannot_reach",
    status=Status.FAIL,
    title="The proxy could not reach the server",
    explanation=(
        "The proxy works and tried to connect to the server, but it could not. The server "
        "refused, or the proxy found no route to it, or it could not look up the name. "
        "The report quotes the proxy's own answer."
    ),
    fix=(
        "Check the server's name and port.",
        "Send the proxy's answer to your network team. Ask if the proxy can reach the server.",
        "Ask the vendor if the server is up and listening on this port.",
    ),
    causes=(
        "A typo in the server name or port.",
        "The server is down.",
        "The proxy's network has no route to the server.",
    ),
    confirm="The tcp check asks the proxy to connect, and the proxy says it could not.",
)

REASONS = (
    TCP_PROXY_REFUSED,
    TCP_PROXY_DENIED,
    TCP_PROXY_AUTH,
    TCP_PROXY_TIMEOUT,
    TCP_PROXY_CANNOT_REACH,
)
