"""gunicorn's settings for `make serve` and the systemd unit (portal/deploy/).

Every value can be set from the environment; README.md ("In productie") lists them.
"""

import os
import sys
from pathlib import Path

# gunicorn reads this file before it puts the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.logs import production_logging  # noqa: E402

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or '8000'}"
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or os.environ.get("WEB_CONCURRENCY")
    or 2 * (os.cpu_count() or 1) + 1
)
# Sync workers: the portal renders pages and PDFs, nothing waits on slow I/O. A PDF takes up to
# a second here; 30 s leaves room for a loaded machine before a worker is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Off by default: a worker's memory stays flat (the soak measures it); set it as a safety net.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 0)
max_requests_jitter = max_requests // 10
# gunicorn 27's control socket is one path per user (~/.gunicorn): a second server on the same
# machine would take it over. The portal is managed by signals (systemd), so it is off.
control_socket_disable = True
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Django decides what is https (SECURE_PROXY_SSL_HEADER, set only when configured); gunicorn's own
# default would believe X-Forwarded-Proto from any local process.
secure_scheme_headers: dict[str, str] = {}
forwarded_allow_ips = ""

# Error and access log on stderr, one JSON event a line, like the portal's own (portal/logs.py).
logconfig_dict = production_logging(os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper())
