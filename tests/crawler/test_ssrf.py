"""The SSRF guard, against a real HTTP server on 127.0.0.1 and names answered in-process.

No test here sends a packet beyond loopback: the autouse ``net`` fixture replaces
``socket.getaddrinfo`` with a table (names the test sets; anything else only as a
numeric address, so no DNS query can leave) and ``socket.socket.connect`` with a hook
that refuses and records any destination outside 127.0.0.0/8 and ::1. The one
public-looking address, PUBLIC, is never connected to: a test that needs a public
host which answers "NATs" PUBLIC:port to the loopback server inside that hook.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.fetch import Fetcher, FetchError, non_public_reason

PUBLIC = "93.184.216.34"  # public-looking (is_global); the connect hook never lets a socket reach it

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


@dataclass
class Net:
    """The test's whole view of the network: a name table, NAT rules, and refused connect attempts."""

    names: dict[str, list[list[str]]] = field(default_factory=dict)  # name -> answers, one per lookup
    nat: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    refused: list[tuple] = field(default_factory=list)  # connects the hook stopped
    lookups: list[str] = field(default_factory=list)

    def answer(self, name: str, *answers: list[str]) -> None:
        """``name`` resolves to answers[0] on the first lookup, answers[1] on the next ... (the last repeats)."""
        self.names[name] = list(answers)

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):  # noqa: A002
        self.lookups.append(host)
        queue = self.names.get(host)
        addresses = (queue.pop(0) if len(queue) > 1 else queue[0]) if queue else [host]
        out = []
        for address in addresses:  # AI_NUMERICHOST: never a DNS query
            out += _real_getaddrinfo(address, port, 0, type or socket.SOCK_STREAM, proto,
                                     flags | socket.AI_NUMERICHOST)
        return out

    def connect(self, sock, address):
        if isinstance(address, tuple):
            address = self.nat.get((address[0], address[1]), address)
            if not ipaddress.ip_address(address[0]).is_loopback:
                self.refused.append(address[:2])
                raise ConnectionRefusedError(f"test network: no traffic to {address[0]}")
        return _real_connect(sock, address)


@pytest.fixture(autouse=True)
def net(monkeypatch) -> Net:
    n = Net()
    monkeypatch.setattr(socket, "getaddrinfo", n.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: n.connect(sock, address))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda sock, address: n.connect(sock, address) or 0)
    return n


class Server:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                server.requests.append((self.path, self.headers.get("Host", "")))
                target = parse_qs(urlsplit(self.path).query).get("to")
                self.send_response(302 if target else 200)
                if target:
                    self.send_header("Location", target[0])
                self.send_header("Content-Length", "5")
                self.end_headers()
                self.wfile.write(b"hello")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def paths(self) -> list[str]:
        return [path for path, _host in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def refusal(url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as info:
        Fetcher(retries=0).get(url, **kwargs)
    assert info.value.final, info.value
    return info.value


@pytest.mark.parametrize("authority", [
    "127.0.0.1:{port}\\@news.example",  # urlsplit: news.example; urllib3: 127.0.0.1
    "127.0.0.1:{port}\\\\@news.example:{port}",
    "user:pass@news.example:{port}",
    "user@news.example:{port}",
    "@news.example:{port}",
])
def test_backslash_and_userinfo_refused_before_any_request(server, net, authority):
    net.answer("news.example", [PUBLIC])
    err = refusal(f"http://{authority.format(port=server.port)}/ok")
    assert "backslash" in str(err) or "user name or password" in str(err)
    assert server.requests == [] and net.refused == []


DISGUISED = [
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "64:ff9b:1::a00:1",  # NAT64 local-use prefix
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "::1", "::", "fe80::1", "fec0::1", "fc00::1", "ff02::1", "2001:db8::1",
]


@pytest.mark.parametrize("address", DISGUISED)
def test_non_public_addresses_refused_as_literal_and_as_name(server, net, address):
    literal = f"[{address}]" if ":" in address else address
    err = refusal(f"http://{literal}:{server.port}/ok")
    assert "non-public address" in str(err)
    net.answer("inside.example", [PUBLIC, address])  # one bad address among good ones is enough
    err = refusal(f"http://inside.example:{server.port}/ok")
    assert f"non-public address {ipaddress.ip_address(address)}" in str(err)
    assert server.requests == [] and net.refused == []


@pytest.mark.parametrize("address", ["::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"])
def test_embedded_ipv4_is_named(address):
    assert non_public_reason(address) == f"{ipaddress.ip_address(address)} (embeds 127.0.0.1)"


@pytest.mark.parametrize("address", [PUBLIC, "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1",
                                     "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address):
    assert non_public_reason(address) is None


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1", "017700000001", "0x7f000001"])
def test_numeric_host_forms_of_loopback(server, net, host):
    err = refusal(f"http://{host}:{server.port}/ok")
    assert "non-public address 127.0.0.1" in str(err) and server.requests == []
    r = Fetcher(retries=0).get(f"http://{host}:{server.port}/ok", allow_private=True)  # the demo's case
    assert r.status == 200 and r.body == b"hello" and net.refused == []


@pytest.mark.parametrize("retries", [0, 2])
def test_dns_rebinding_connects_only_to_the_checked_address(server, net, retries):
    """news.example answers PUBLIC, then 127.0.0.1: the loopback server must never see the request."""
    net.answer("news.example", [PUBLIC], ["127.0.0.1"])
    with pytest.raises(FetchError) as info:
        Fetcher(retries=retries, backoff=0.01).get(f"http://news.example:{server.port}/ok")
    assert server.requests == []
    assert net.refused == [(PUBLIC, server.port)]  # the only connect attempted is to the checked address
    if retries:  # the retry's new connection resolves again, gets 127.0.0.1 and is refused before connecting
        assert info.value.final and "non-public address 127.0.0.1" in str(info.value)


def test_resolver_hook_resolves_once_and_keeps_the_host_name(server, net):
    calls = []

    def resolver(host, port):
        calls.append(host)
        return socket.getaddrinfo("127.0.0.1", port, type=socket.SOCK_STREAM)

    fetcher = Fetcher(retries=0, resolver=resolver)
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        fetcher.get(f"http://news.example:{server.port}/ok")
    assert calls == ["news.example"] and server.requests == []
    r = fetcher.get(f"http://news.example:{server.port}/ok", allow_private=True)
    assert r.status == 200 and server.requests == [("/ok", f"news.example:{server.port}")]


@pytest.mark.parametrize("location", [
    "http://inside.example:{port}/secret",  # name -> NAT64 of 127.0.0.1
    "http://[::ffff:127.0.0.1]:{port}/secret",
    "http://[2002:7f00:1::]:{port}/secret",
    "http://127.0.0.1:{port}/secret",
    "http://2130706433:{port}/secret",
    "http://127.0.0.1:{port}\\@news.example:{port}/secret",
    "http://user@127.0.0.1:{port}/secret",
    "//user:pw@news.example:{port}/secret",
])
def test_redirect_to_a_private_address_refused_at_the_hop(server, net, location):
    net.answer("news.example", [PUBLIC])
    net.answer("inside.example", ["64:ff9b::7f00:1"])
    net.nat[(PUBLIC, server.port)] = ("127.0.0.1", server.port)  # the public host, played by the loopback server
    to = location.format(port=server.port).replace("\\", "%5C").replace("@", "%40").replace("/", "%2F")
    url = f"http://news.example:{server.port}/go?to={to}"
    err = refusal(url)
    assert str(err).startswith(f"{url}: redirect") and "refused" in str(err)
    assert [p.split("?")[0] for p in server.paths] == ["/go"] and net.refused == []


def test_public_redirects_are_followed(server, net):
    net.answer("news.example", [PUBLIC])
    net.nat[(PUBLIC, server.port)] = ("127.0.0.1", server.port)
    r = Fetcher(retries=0).get(f"http://news.example:{server.port}/go?to=%2Fok")
    assert r.status == 200 and r.final_url == f"http://news.example:{server.port}/ok"
    assert server.requests[-1] == ("/ok", f"news.example:{server.port}")


def test_https_checks_the_certificate_against_the_name_not_the_address(net, tmp_path):
    """Connected to 127.0.0.1 (the checked address), TLS still sends SNI news.example and verifies that name."""
    x509 = pytest.importorskip("cryptography.x509")
    import datetime

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "news.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("news.example")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    sni: list[str | None] = []
    tls.sni_callback = lambda _sock, server_name, _ctx: sni.append(server_name)
    srv = Server(tls)
    try:
        net.answer("news.example", ["127.0.0.1"])
        net.answer("other.example", ["127.0.0.1"])
        fetcher = Fetcher(retries=0)
        fetcher.pools[True].connection_pool_kw["ca_certs"] = str(tmp_path / "cert.pem")
        r = fetcher.get(f"https://news.example:{srv.port}/ok", allow_private=True)
        assert r.body == b"hello" and sni == ["news.example"]
        with pytest.raises(FetchError, match="(?i)certificate|hostname"):
            fetcher.get(f"https://other.example:{srv.port}/ok", allow_private=True)
        assert sni[-1] == "other.example" and srv.paths == ["/ok"]
        with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
            fetcher.get(f"https://news.example:{srv.port}/ok")
    finally:
        srv.close()


@pytest.mark.parametrize("url", ["http://" + "a" * 64 + ".example/", "http://ex..ample/", "http:\\\\news.example/"])
def test_unusable_hosts_refused_without_a_lookup(net, url):
    refusal(url)
    assert net.lookups == [] and net.refused == []
