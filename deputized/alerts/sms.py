"""Text messages through a small backend interface, like Django's email backends.

`ALERTS["SMS_BACKEND"]` names the class: `ConsoleBackend` (development: prints, number masked),
`LocMemBackend` (tests: keeps messages in `outbox`) or `TwilioBackend` (Twilio's REST API over
httpx; no SDK). Inbound messages (STOP, START) arrive at `views.sms_inbound`.

A call to the provider has a total deadline (`ALERTS["DEADLINE_SECONDS"]`, deadline.py), and
only the first `MAX_ANSWER_BYTES` of its answer are read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils.module_loading import import_string

from deputized.alerts.deadline import Deadline

# Twilio's answer is a small JSON object; a proxy's error page need not be read whole.
MAX_ANSWER_BYTES = 64 * 1024
# Twilio refuses a body longer than this (characters); build_sms keeps within it.
MAX_BODY_CHARS = 1600


class SMSError(Exception):
    """The provider refused or could not be reached; the message may be retried."""


@dataclass(frozen=True, slots=True)
class SMS:
    to: str
    body: str


def mask(phone: str) -> str:
    """Only the last four digits, for anything printed."""
    return "•" * max(len(phone) - 4, 0) + phone[-4:]


class BaseBackend:
    def send(self, message: SMS) -> str:
        """Send one message; return the provider's id for it."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, message: SMS) -> str:
        sys.stdout.write(f"SMS to {mask(message.to)}:\n{message.body}\n{'-' * 40}\n")
        return "console"


outbox: list[SMS] = []


class LocMemBackend(BaseBackend):
    def send(self, message: SMS) -> str:
        outbox.append(message)
        return f"locmem-{len(outbox)}"


class TwilioBackend(BaseBackend):
    """POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth (Twilio's documented API).

    `transport` lets tests answer at the network edge (httpx.MockTransport)."""

    api = "https://api.twilio.com/2010-04-01"

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        conf = settings.ALERTS
        self.sid = conf["TWILIO_ACCOUNT_SID"]
        self.token = conf["TWILIO_AUTH_TOKEN"]
        self.sender = conf["TWILIO_FROM"]
        self.transport = transport

    def send(self, message: SMS) -> str:
        if not (self.sid and self.token and self.sender):
            raise SMSError("Twilio is not configured (TWILIO_ACCOUNT_SID, _AUTH_TOKEN, _FROM)")
        field = "MessagingServiceSid" if self.sender.startswith("MG") else "From"
        seconds = settings.ALERTS["DEADLINE_SECONDS"]
        with Deadline(seconds) as limit:
            try:
                with (
                    httpx.Client(transport=self.transport, timeout=seconds) as client,
                    client.stream(
                        "POST",
                        f"{self.api}/Accounts/{self.sid}/Messages.json",
                        data={"To": message.to, field: self.sender, "Body": message.body},
                        auth=(self.sid, self.token),
                        extensions={"trace": limit.trace},
                    ) as response,
                ):
                    status, answer = response.status_code, _head(response)
            except httpx.HTTPError as exc:
                if limit.expired or isinstance(exc, httpx.TimeoutException):
                    raise SMSError(f"Twilio timed out: no answer within {seconds:g} s") from exc
                raise SMSError(f"Twilio unreachable: {type(exc).__name__}") from exc
        if status >= 300:
            raise SMSError(f"Twilio answered {status} {_field(answer, 'code')}".strip())
        return _field(answer, "sid")  # accepted, whatever the body says


def _head(response: httpx.Response) -> bytes:
    """The first MAX_ANSWER_BYTES of the answer's body."""
    kept = b""
    for chunk in response.iter_bytes():
        kept += chunk
        if len(kept) >= MAX_ANSWER_BYTES:
            break
    return kept[:MAX_ANSWER_BYTES]


def _field(answer: bytes, name: str) -> str:
    """A field of Twilio's JSON answer; empty when the body is not JSON (a proxy's error page)."""
    try:
        data = json.loads(answer)
    except ValueError:
        return ""
    return str(data.get(name, "")) if isinstance(data, dict) else ""


def get_backend() -> BaseBackend:
    return import_string(settings.ALERTS["SMS_BACKEND"])()


def send_sms(to: str, body: str) -> str:
    return get_backend().send(SMS(to, body))


def twilio_signature(url: str, params: Mapping[str, str], auth_token: str) -> str:
    """Twilio's X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted POST parameters."""
    payload = url + "".join(f"{k}{params[k]}" for k in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "PARAR", "BAJA"}
START_WORDS = {"START", "YES", "UNSTOP", "SI", "SÍ"}
