"""What `triage serve` accepts from a browser (`triage.web.guard`), rule by rule."""

from __future__ import annotations

import pytest

from triage.web.guard import (
    MAX_STDIN_CHARS,
    Malformed,
    allowed_hosts,
    clamp_size,
    host_allowed,
    origin_allowed,
    parse_message,
)

LOOPBACK = allowed_hosts("127.0.0.1", 8000)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LocalHost:8000",
                                  "[::1]:8000", "localhost.:8000"])
def test_a_loopback_server_answers_its_own_names(host: str) -> None:
    assert host_allowed(host, LOOPBACK)


@pytest.mark.parametrize("host", ["evil.example:8000", "127.0.0.1:8001", "127.0.0.1",
                                  "127.0.0.1:8000:1", "", None, "127.0.0.1.evil.example:8000",
                                  "[::1", "10.0.0.5:8000"])
def test_any_other_host_is_refused(host: str | None) -> None:
    assert not host_allowed(host, LOOPBACK)


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8000", "http://localhost:8000/",
                                    "http://[::1]:8000"])
def test_the_servers_own_page_may_open_a_websocket(origin: str) -> None:
    assert origin_allowed(origin, LOOPBACK)


@pytest.mark.parametrize("origin", ["https://evil.example", "http://evil.example:8000",
                                    "http://127.0.0.1:8000@evil.example", "null", "", None,
                                    "file://", "http://127.0.0.1:8000/page",
                                    "ws://127.0.0.1:8000", "http://127.0.0.1:9999"])
def test_no_other_page_may(origin: str | None) -> None:
    assert not origin_allowed(origin, LOOPBACK)


def test_a_public_server_answers_its_public_url_and_names() -> None:
    allowed = allowed_hosts("0.0.0.0", 8000, "http://10.0.0.5:8000", ["gameday-box"])
    assert host_allowed("10.0.0.5:8000", allowed) and host_allowed("gameday-box:8000", allowed)
    assert origin_allowed("http://10.0.0.5:8000", allowed)
    assert not host_allowed("10.0.0.6:8000", allowed)
    behind_proxy = allowed_hosts("127.0.0.1", 8000, "https://drill.example.org")
    assert host_allowed("drill.example.org", behind_proxy)
    assert origin_allowed("https://drill.example.org", behind_proxy)
    assert not origin_allowed("https://example.org", behind_proxy)


def test_ipv6_loopback_is_written_in_brackets() -> None:
    allowed = allowed_hosts("::1", 8000)
    assert "[::1]:8000" in allowed and host_allowed("[::1]:8000", allowed)


def test_terminal_sizes_are_clamped() -> None:
    assert clamp_size("30000", "30000") == (500, 200)
    assert clamp_size("120", "40") == (120, 40)
    assert clamp_size("0", "-3") == (1, 24)
    assert clamp_size("12abc", None) == (80, 24)
    assert clamp_size(True, 10**12) == (80, 200)
    assert clamp_size("9" * 5000, "1e9") == (80, 24)


@pytest.mark.parametrize("text, problem", [
    ("not json", "not JSON"),
    ('{"stdin": "a"}', "expected a list"),
    ("[]", "expected a list"),
    ('["stdin", 5]', "stdin: expected text"),
    ('["resize", {}]', "resize: expected {width, height}"),
    ('["resize", {"width": "80", "height": 24}]', "whole numbers"),
    ('["resize", {"width": true, "height": 24}]', "whole numbers"),
    ('["download", "x"]', "unknown message type"),
    (f'["stdin", "{"A" * (MAX_STDIN_CHARS + 1)}"]', "more than"),
])
def test_malformed_messages_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(Malformed, match=problem.replace("{", r"\{").replace("}", r"\}")):
        parse_message(text)


def test_the_messages_the_page_sends() -> None:
    assert parse_message('["stdin", "a"]').text == "a"
    assert parse_message('["resize", {"width": 30000, "height": 30}]').size == (500, 30)
    assert parse_message('["ping", "1700000000"]').kind == "ping"
    assert parse_message('["focus"]').kind == "focus" and parse_message('["blur"]').kind == "blur"
