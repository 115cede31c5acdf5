"""Django's SMTP backend with a total deadline (`EMAIL_BACKEND=smtp` names this one).

`EMAIL_TIMEOUT` is smtplib's per-operation timeout: a server that trickles its greeting or its
replies a byte at a time never reaches it. Here opening the connection, and then each
`send_messages`, must finish within `ALERTS["DEADLINE_SECONDS"]`; past it the connection is shut
down and the call raises TimeoutError (an OSError, like every other connection failure, so the
worker reconnects for the next message and the sign-up says the confirmation was not sent).
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp

from deputized.alerts.deadline import Deadline
from deputized.dns import addresses_within


class EmailBackend(smtp.EmailBackend):
    def __init__(self, *args: Any, deadline: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline or settings.ALERTS["DEADLINE_SECONDS"]
        self._limit: Deadline | None = None

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        backend = self
        base = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

        class Watched(base):  # type: ignore[misc, valid-type]
            """Hands each socket it opens to the current deadline: the TCP (or TLS) one on
            connecting, and the TLS one that STARTTLS puts in its place."""

            def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
                # The name first, within the deadline (smtplib's lookup has none); SMTP_SSL
                # still checks the certificate against `self._host`, the name.
                left = backend._limit.remaining() if backend._limit else timeout
                error: OSError | None = None
                for address in addresses_within(host, port, left):
                    try:
                        sock = super()._get_socket(address, port, timeout)
                    except OSError as exc:
                        error = exc
                        continue
                    backend._watch(sock)
                    return sock
                raise error or OSError(f"{host} has no address")

            def starttls(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
                reply = super().starttls(*args, **kwargs)
                backend._watch(self.sock)
                return reply

        return Watched

    def _watch(self, sock: socket.socket | None) -> None:
        if self._limit is not None and sock is not None:
            self._limit.watch(sock)

    @contextlib.contextmanager
    def _deadline(self) -> Iterator[None]:
        if self._limit is not None:  # within send_messages, which opens the connection itself
            yield
            return
        with Deadline(self.deadline) as limit:
            self._limit = limit
            if self.connection is not None:
                self._watch(self.connection.sock)
            try:
                yield
            except OSError as exc:  # smtplib's errors included
                if limit.expired:
                    self._discard()
                    raise TimeoutError(f"the mail server took over {self.deadline:g} s") from exc
                raise
            finally:
                self._limit = None
            if limit.expired:  # failed silently (fail_silently=True): the connection is dead
                self._discard()

    def _discard(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.close()
        self.connection = None

    def open(self) -> bool | None:
        with self._deadline():
            return super().open()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        with self._deadline():
            return super().send_messages(email_messages)
