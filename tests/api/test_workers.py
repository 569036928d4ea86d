"""Listening sockets that several worker processes share by port, each its own."""

from __future__ import annotations

import socket

import pytest

from kadiyan.api.workers import listening_socket


def test_several_workers_listen_on_one_port_with_sockets_of_their_own() -> None:
    first = listening_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = listening_socket("127.0.0.1", port)
    try:
        assert second.getsockname() == ("127.0.0.1", port)
        # Both listen: a connection is accepted by one of them, whichever the kernel picks.
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            first.settimeout(0.2)
            second.settimeout(0.2)
            accepted = []
            for sock in (first, second):
                try:
                    accepted.append(sock.accept()[0])
                except TimeoutError:
                    pass
            assert len(accepted) == 1
            accepted[0].close()
    finally:
        first.close()
        second.close()


def test_a_port_another_server_holds_is_refused() -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]

        with pytest.raises(OSError):
            listening_socket("127.0.0.1", port)
