"""Reasons raised by the network checks: dns, tcp and protocol."""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.unexpected import unexpected_error

DNS_UNEXPECTED_ERROR = unexpected_error("dns")
TCP_UNEXPECTED_ERROR = unexpected_error("tcp")
PROTOCOL_UNEXPECTED_ERROR = unexpected_error("protocol")

DNS_NXDOMAIN = Reason(
    code="dns.nxdomain",
    status=Status.FAIL,
    title="The server name does not exist",
    explanation=(
        "The name of the server could not be found. The name does not exist in DNS. "
        "Most of the time this is a typo in the server name."
    ),
    fix=(
        "Copy the server name from the vendor's setup guide. Do not type it by hand.",
        "Check the spelling, the dots and the ending, such as .com or .org.",
        "Put only the name in the host field. Leave out sftp:// and any folder.",
    ),
    causes=(
        "A typo in the server name.",
        "The vendor moved to a new server name.",
        "The name was copied with a space or a slash at the end.",
    ),
    confirm="The dns check asks for the name and gets the answer that it does not exist.",
    ask_vendor="What is the exact server name for SFTP uploads?",
)

DNS_NO_ADDRESS = Reason(
    code="dns.no_address",
    status=Status.FAIL,
    title="The server name has no address",
    explanation=(
        "The name exists, but it does not point to any address. "
        "A computer cannot connect to a name that has no address."
    ),
    fix=(
        "Check that you used the name for the SFTP server, not the vendor's web site.",
        "Ask the vendor if the SFTP server name changed.",
    ),
    causes=(
        "The name is for something else, such as a mail domain.",
        "The vendor's DNS records are not set up yet, or were removed.",
    ),
    confirm="The dns check gets an answer for the name, but no IPv4 or IPv6 address.",
    ask_vendor="Which server name should we use for SFTP, and what are its addresses?",
)

DNS_TIMEOUT = Reason(
    code="dns.timeout",
    status=Status.FAIL,
    title="No DNS server answered",
    explanation=(
        "This computer asked its DNS servers for the address of the server name. "
        "None of them answered in time. Without an address, no connection can start."
    ),
    fix=(
        "Check that this computer can reach the internet at all.",
        "Ask your network team if a firewall blocks DNS (port 53) from this computer.",
        "Try again with --resolver and a DNS server you know works.",
    ),
    causes=(
        "This computer has no network, or its DNS server is down.",
        "A firewall blocks DNS traffic from this computer.",
    ),
    confirm="The dns check waits for an answer until the timeout and gets none.",
)

DNS_SERVFAIL = Reason(
    code="dns.servfail",
    status=Status.FAIL,
    title="The DNS server failed to answer",
    explanation=(
        "A DNS server replied, but only to say that it failed or that it will not answer. "
        "So the address of the server is not known."
    ),
    fix=(
        "Try again in a few minutes. Some DNS faults go away on their own.",
        "Ask your network team to check the DNS server this computer uses.",
        "Try again with --resolver and another DNS server to compare.",
    ),
    causes=(
        "Your DNS server is broken or refuses to look up outside names.",
        "The vendor's DNS is broken.",
    ),
    confirm="The dns check gets SERVFAIL or REFUSED from every DNS server it asks.",
)

DNS_UNEXPECTED_ADDRESS = Reason(
    code="dns.unexpected_address",
    status=Status.WARN,
    title="The name points to an address the vendor did not list",
    explanation=(
        "The server name points to an address that is not in the list the vendor gave "
        "you. If your firewall only allows the listed addresses, it will block this one."
    ),
    fix=(
        "Ask the vendor for the full, current list of addresses for the server.",
        "Add every address shown in this report to your firewall allowlist.",
    ),
    causes=(
        "The vendor added or moved servers and the list you have is old.",
        "The name is answered by a different DNS view inside your network.",
    ),
    confirm="The dns check compares each address with the --expect-ip values.",
    ask_vendor="Is this address yours, and what is the full list we should allow?",
)

TCP_REFUSED = Reason(
    code="tcp.refused",
    status=Status.FAIL,
    title="Nothing accepts connections on that port",
    explanation=(
        "The server answered, but it said no to a connection on this port. "
        "Nothing is listening there. Most of the time the port number is wrong."
    ),
    fix=(
        "Use port 22 for SFTP unless the vendor gave you another port.",
        "Check that the client is set to SFTP, not FTP (port 21) or FTPS (port 990).",
        "Ask the vendor if their SFTP service is up.",
    ),
    causes=(
        "The wrong port number in the client.",
        "The vendor's SFTP service is down.",
    ),
    confirm="The tcp check gets a refusal (a TCP reset) from the address.",
    ask_vendor="Which port does your SFTP server use, and is it up?",
)

TCP_TIMEOUT = Reason(
    code="tcp.timeout",
    status=Status.FAIL,
    title="No answer at all: a firewall drops the traffic",
    explanation=(
        "The connection got no answer at all, not even a no. This is what a firewall "
        "does when it quietly drops traffic. The firewall may be yours or the vendor's."
    ),
    fix=(
        "Ask your network team to allow outgoing TCP to the addresses in this report, "
        "on this port.",
        "Ask your network team for your district's public IP address. Send it to the "
        "vendor and ask them to allow it on their side.",
        "Run the check from another network, such as a phone hotspot, to see whose firewall it is.",
    ),
    causes=(
        "Your firewall does not allow the vendor's addresses.",
        "The vendor's firewall does not allow your district's public address.",
        "The server is down.",
    ),
    confirm="The tcp check waits until the timeout and gets no reply of any kind.",
    ask_vendor="Which of our addresses do you allow, and which addresses should we allow?",
)

TCP_UNREACHABLE = Reason(
    code="tcp.unreachable",
    status=Status.FAIL,
    title="No route to the server",
    explanation=(
        "This computer has no path to the server. A router or firewall on the way said "
        "that the server cannot be reached from here."
    ),
    fix=(
        "Check that this computer has a working internet connection.",
        "Ask your network team if a firewall rule rejects traffic to these addresses.",
        "If the server has an IPv6 address and your network has no IPv6, use the IPv4 address.",
    ),
    causes=(
        "A firewall rule that rejects the traffic.",
        "No internet route, or no IPv6 on this network.",
    ),
    confirm="The tcp check gets 'no route to host' or 'network unreachable'.",
)

TCP_PARTIAL = Reason(
    code="tcp.partial",
    status=Status.WARN,
    title="Some of the server's addresses answer and some do not",
    explanation=(
        "The server has more than one address: its name has several, or the vendor lists "
        "several for firewalls. Some of them work from here and some do not. Uploads can "
        "fail now and then, when the client picks a bad one."
    ),
    fix=(
        "Ask your network team to allow every address in this report, not just one.",
        "Send the vendor the list of addresses that failed.",
    ),
    causes=(
        "Your firewall allows only some of the vendor's addresses.",
        "One of the vendor's servers is down.",
    ),
    confirm="The tcp check connects to every address at once and compares.",
    ask_vendor="Are all of these addresses in service?",
)

PROTOCOL_FTP = Reason(
    code="protocol.ftp",
    status=Status.FAIL,
    title="An FTP server answered, not SFTP",
    explanation=(
        "The program on this port speaks FTP. FTP is an older way to send files, and it "
        "is not the same as SFTP. The vendor wants SFTP, which uses port 22."
    ),
    fix=(
        "In the client, set the protocol to SFTP. In WinSCP this is 'File protocol: "
        "SFTP'. In FileZilla, pick 'SFTP - SSH File Transfer Protocol'.",
        "Set the port to 22, or the SFTP port the vendor gave you.",
        "Do not use FTP, FTPS or 'FTP over TLS'. They are different.",
    ),
    causes=(
        "The client is set to FTP.",
        "The port is 21, the FTP port.",
    ),
    confirm="The protocol check reads the server's first line and sees an FTP 220 greeting.",
)

PROTOCOL_NO_BANNER = Reason(
    code="protocol.no_banner",
    status=Status.FAIL,
    title="The connection opened but the server said nothing",
    explanation=(
        "The connection opened, but the server never sent its greeting. An SFTP server "
        "always speaks first. Something in the middle may hold the traffic back."
    ),
    fix=(
        "Check the port. Use 22 unless the vendor gave you another.",
        "Ask your network team if a proxy or security device checks SSH traffic.",
        "Ask the vendor if the server is overloaded or stuck.",
    ),
    causes=(
        "A firewall or proxy that lets the connection open but holds the data.",
        "A server that is overloaded.",
        "Another kind of service that waits for the client to speak first.",
    ),
    confirm="The protocol check opens the connection and waits for a greeting until the timeout.",
)

PROTOCOL_CLOSED = Reason(
    code="protocol.closed",
    status=Status.FAIL,
    title="The server hung up at once",
    explanation=(
        "The server closed the connection right after it opened, before it said anything. "
        "Servers do this when they block an address or when they are full."
    ),
    fix=(
        "Ask your network team for your district's public IP address. Send it to the "
        "vendor and ask them to allow it.",
        "Wait a few minutes and try again, in case the server was busy.",
        "Ask your network team if a firewall ends these connections.",
    ),
    causes=(
        "The vendor's server blocks your address.",
        "Too many connections at once, or too many failed logins.",
        "A firewall that cuts the connection.",
    ),
    confirm="The protocol check sees the connection end before any greeting arrives.",
    ask_vendor="Does your server block our address? Here is the address it saw.",
)

PROTOCOL_NOT_SSH = Reason(
    code="protocol.not_ssh",
    status=Status.FAIL,
    title="Something other than SFTP answered",
    explanation=(
        "A program answered on this port, but it is not an SFTP server. It may be a web "
        "server or another kind of service. The host name or the port is wrong."
    ),
    fix=(
        "Check the server name and the port against the vendor's setup guide.",
        "Use port 22 for SFTP unless the vendor gave you another.",
        "Do not use the vendor's web site address (https://) as the server name.",
    ),
    causes=(
        "The wrong port, such as 443 or 80.",
        "The web site's name instead of the SFTP server's name.",
    ),
    confirm="The protocol check reads what the server says and finds no SSH greeting.",
)

PROTOCOL_OLD_SSH = Reason(
    code="protocol.old_ssh",
    status=Status.FAIL,
    title="The server speaks an old SSH version",
    explanation=(
        "The server only speaks SSH version 1. It is old and unsafe, and modern SFTP "
        "clients will not use it."
    ),
    fix=(
        "Ask the vendor to update their server to SSH version 2.",
        "Check that you have the right server name and port.",
    ),
    causes=("A very old server.",),
    confirm="The protocol check reads a greeting that starts with SSH-1.",
    ask_vendor="Does your SFTP server support SSH version 2?",
)

DNS_UNREACHABLE = Reason(
    code="dns.unreachable",
    status=Status.FAIL,
    title="No DNS server could be reached",
    explanation=(
        "This computer could not send its question to any DNS server. It has no network, "
        "or no route to its DNS server. No server replied, because none was asked."
    ),
    fix=(
        "Check that this computer is on the network: a cable, Wi-Fi or VPN that is up.",
        "Open a web page from this computer to see if it can reach anything at all.",
        "If a VPN is needed to reach the DNS server, connect it and try again.",
    ),
    causes=(
        "The network cable is out, or Wi-Fi or the VPN is off.",
        "This computer has no default route, or none to its DNS server.",
    ),
    confirm="The operating system refuses to send the DNS question: network unreachable.",
)


PROTOCOL_THROTTLED = Reason(
    code="protocol.throttled",
    status=Status.FAIL,
    title="The server is turning this address away for now",
    explanation=(
        "The SFTP server hung up before the login could start, and it is a server that "
        "answered before, or it said it has too many connections. It limits how many "
        "connections or failed logins it takes from one address. Your whole district "
        "shares one address, so the nightly upload is turned away too."
    ),
    fix=(
        "Wait at least 15 minutes before you try again. Do not retry in a loop: each try "
        "can make the block last longer.",
        "Stop any script or client that keeps connecting or retrying a wrong password.",
        "If it lasts, ask the vendor to unblock your district's public address.",
    ),
    causes=(
        "Too many connections at once from your address (MaxStartups in OpenSSH).",
        "Too many failed logins: fail2ban or OpenSSH's penalties block the address.",
    ),
    confirm=(
        "The protocol check reads 'Exceeded MaxStartups', or sees a server that answered "
        "in SSH from this computer before now hang up at once."
    ),
    ask_vendor="Is our district's public address blocked on your server? For how long?",
)

REASONS: tuple[Reason, ...] = (
    DNS_UNEXPECTED_ERROR,
    TCP_UNEXPECTED_ERROR,
    PROTOCOL_UNEXPECTED_ERROR,
    DNS_NXDOMAIN,
    DNS_NO_ADDRESS,
    DNS_TIMEOUT,
    DNS_SERVFAIL,
    DNS_UNEXPECTED_ADDRESS,
    TCP_REFUSED,
    TCP_TIMEOUT,
    TCP_UNREACHABLE,
    TCP_PARTIAL,
    PROTOCOL_FTP,
    PROTOCOL_NO_BANNER,
    PROTOCOL_CLOSED,
    PROTOCOL_NOT_SSH,
    PROTOCOL_OLD_SSH,
    DNS_UNREACHABLE,
    PROTOCOL_THROTTLED,
)
