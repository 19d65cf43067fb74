"""Instructions the processor runs for one cold sheet page, counted by valgrind (callgrind).

Not a test, and not a time. The same code counts the same instructions on every run, whatever
else the machine does, where req/s and CPU time vary by some ±10 % between runs here: so a
change of a few per cent shows, and which way it went. It leaves out what the kernel does
(system calls, page faults) and how long an instruction waits for memory; what a request
costs is what `benchmark_pages` measures.

Two processes run the portal's WSGI application under valgrind with the production settings
and PAGE_CACHE=0, on the current database: one asks for the page --warm times, the other
--warm + --requests times; the difference over --requests is one request, the whole stack
from the WSGI call to the last byte. (apt-get install valgrind)
"""

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.management.commands.benchmark_pages import production_env


class Command(BaseCommand):
    help = "Tel de instructies van één koude themabladpagina (valgrind)."

    def add_arguments(self, parser):
        parser.add_argument("--sheet", default="omgaan-met-informatie")
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--warm", type=int, default=20)
        parser.add_argument("--inner", type=int, default=-1, help=argparse.SUPPRESS)

    def handle(self, *args, sheet, requests, warm, inner, **_):
        path = f"/themabladen/{sheet}/"
        if inner >= 0:
            return self._serve(path, inner)
        if not shutil.which("valgrind"):
            raise CommandError("valgrind ontbreekt: apt-get install valgrind")
        if not 1 <= requests <= 1000 or not 1 <= warm <= 1000:
            raise CommandError("--requests en --warm: 1..1000")
        base = self._count(sheet, warm)
        more = self._count(sheet, warm + requests)
        self.stdout.write(
            f"{path}: {(more - base) / requests:,.0f} instructies per koud verzoek "
            f"({requests} verzoeken na {warm} om op te warmen)"
        )

    def _count(self, sheet, times) -> int:
        env = {
            **production_env(),
            "PAGE_CACHE": "0",
            "PYTHONHASHSEED": "0",  # the same dictionaries, the same count
        }
        with tempfile.TemporaryDirectory() as folder:
            run = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out"]
                + [sys.executable, "manage.py", "count_instructions", "--sheet", sheet]
                + ["--inner", str(times)],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            collected = re.search(r"Collected : (\d+)", run.stderr)
            if run.returncode or not collected:
                raise CommandError(f"valgrind: {run.stderr[-2000:]}")
            return int(collected[1])

    def _serve(self, path, times):
        from portal.wsgi import application

        statuses = []
        for _ in range(times):
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": "",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "HTTP_HOST": "127.0.0.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.errors": sys.stderr,
            }
            body = application(environ, lambda status, headers, exc=None: statuses.append(status))
            b"".join(body)
            body.close()
        if any(not status.startswith("200") for status in statuses):
            raise CommandError(f"{path}: {sorted(set(statuses))}")
