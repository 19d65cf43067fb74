"""Structured logs for production: one JSON object a line on stderr, with the request id.

A log collector reads stderr of gunicorn (journald under systemd); one event a line keeps a
traceback together with the request it belongs to, and the request id ties it to the reverse
proxy's access log and to what the user was shown (the X-Request-ID response header).
"""

import json
import logging
import re
import traceback
import uuid
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by portal.middleware.RequestIdMiddleware for the duration of one request.
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

# What a proxy sends as X-Request-ID: a UUID, a hex string, or the like. Anything else (too
# long, spaces, control characters) is replaced, so it cannot forge or break a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def request_id_for(given: str) -> str:
    """The id of a request: the proxy's X-Request-ID when it is sane, else a new one."""
    return given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            event.update(_access_fields(record.args))
        status = getattr(record, "status_code", None)
        if status is not None:
            event["status"] = status
        if record.exc_info:
            event["exception"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.stack_info:
            event["stack"] = record.stack_info
        # ensure_ascii keeps the line one line whatever the message holds (no raw newlines).
        return json.dumps(event, ensure_ascii=True, default=str)


def _access_fields(atoms: Mapping) -> dict:
    """gunicorn hands its access log the request's atoms; keep them as fields of the event."""
    return {
        "remote": atoms.get("h"),
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "query": atoms.get("q"),
        "status": atoms.get("s"),
        "bytes": atoms.get("B"),
        "duration_ms": round(int(atoms.get("D", 0)) / 1000, 1),
        # The response header the request id middleware set: the same id as the error events.
        "request_id": atoms.get("{x-request-id}o"),
    }


def production_logging(level: str = "INFO") -> dict:
    """The LOGGING dict of the production settings (also used by gunicorn_conf for its own
    error and access logs, so every line on stderr has the same shape)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "portal.logs.JsonFormatter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django logs 4xx as warnings too; the access log has them already, so only 5xx
            # (with their traceback) are events here.
            "django": {"handlers": ["stderr"], "level": level, "propagate": False},
            "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
            "django.server": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
            "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            # It warns on every HEAD request that it drops the body Django rendered (as HTTP
            # requires); that is expected, not an event.
            "gunicorn.http.wsgi": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        },
    }
