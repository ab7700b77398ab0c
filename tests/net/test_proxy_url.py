"""--proxy URLs as sftpcheck reads them: what the report names, and what it refuses."""

from __future__ import annotations

import pytest

from sftpcheck.errors import InputError
from sftpcheck.net.proxy import ProxyKind, parse_proxy


@pytest.mark.parametrize(
    ("text", "kind", "url", "resolves_names"),
    [
        ("http://proxy.district.test:3128", ProxyKind.HTTP,
         "http://proxy.district.test:3128", True),
        ("socks5://jdoe@socks.district.test", ProxyKind.SOCKS5,
         "socks5://jdoe@socks.district.test:1080", True),
        ("socks5h://127.0.0.1:1081", ProxyKind.SOCKS5, "socks5://127.0.0.1:1081", True),
        ("SOCKS4://[::1]:1080", ProxyKind.SOCKS4, "socks4://[::1]:1080", False),
    ],
)  # fmt: skip
def test_a_proxy_url_is_read_as_the_client_would(
    text: str, kind: ProxyKind, url: str, resolves_names: bool
) -> None:
    proxy = parse_proxy(text, None)
    assert proxy is not None
    assert (proxy.kind, proxy.url, proxy.resolves_names) == (kind, url, resolves_names)


def test_the_password_comes_from_the_environment_and_never_shows() -> None:
    proxy = parse_proxy("http://jdoe@proxy.district.test:3128", "Env-Proxy-Pw-7")
    assert proxy is not None
    assert proxy.password is not None
    assert proxy.password.reveal() == "Env-Proxy-Pw-7"
    assert "Env-Proxy-Pw-7" not in proxy.url
    assert "Env-Proxy-Pw-7" not in repr(proxy)


def test_none_means_no_proxy() -> None:
    assert parse_proxy("none", "ignored") is None
    assert parse_proxy(" None ", None) is None


def test_a_url_with_a_password_is_refused_without_repeating_it() -> None:
    with pytest.raises(InputError) as refused:
        parse_proxy("ftp://jdoe:Url-Pw-8@proxy.district.test:21", None)
    assert "Url-Pw-8" not in str(refused.value)
