"""The suite runs offline: anything but loopback is blocked, so no test can lean on the internet."""

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_a_public_address_is_blocked():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


def test_loopback_is_allowed():
    server = socket.create_server(("127.0.0.1", 0))
    try:
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        server.close()
