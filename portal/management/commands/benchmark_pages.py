"""req/s and p50/p99 of a sheet page: from the page cache, rendered anew, and as bare bytes.

Not a test: the numbers depend on the machine and what else it runs. Three gunicorn servers with
the same worker count and the production settings run side by side on the current database:

- warm: the portal, page cache on (the page is stored before the first round);
- cold: the portal with PAGE_CACHE=0, so every request renders the page;
- bare: a WSGI app of a few lines that answers the same bytes (the ceiling of the server);
- before (with --baseline REV): the portal as it was at git revision REV, PAGE_CACHE=0, on a
  database of its own loaded by its own code: what a cold page cost then, in the same run
  (bc27413 is main when issue 10 was filed).

Each round loads each server in turn (the order rotating), with wrk where it is installed
(`apt-get install wrk`) and a small Python load generator otherwise.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TODAY_COLD = 205  # req/s of the sheet page before the page cache (issue 10, same set-up)


def bare_app(environ, start_response):
    """The same bytes, no framework (gunicorn loads this with BENCH_BODY set)."""
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(_BODY)))],
    )
    return [_BODY]


_BODY = Path(os.environ["BENCH_BODY"]).read_bytes() if os.environ.get("BENCH_BODY") else b""


# The baseline's sitecustomize.py: setuptools' editable install of this checkout (a finder
# class on sys.meta_path) answers for any module of its packages that the path does not have.
_ONLY_THIS_CODE = """import sys

sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, "__name__", "") != "_EditableFinder"]
"""


def _cpu_seconds(master: int) -> float:
    """CPU time (user + system) of a gunicorn master and its workers so far, from /proc.

    On a machine shared with other work req/s say how much CPU the server got; CPU per request
    says what a request costs, whatever else runs."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if master in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def production_env() -> dict:
    """The environment of a measured portal process: the production settings, on the current
    database, served plainly on the loopback (also for `count_instructions`)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{database['NAME']}"
    else:
        database_url = os.environ.get("DATABASE_URL", "")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback, as behind the intranet's TLS proxy.
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
    }


def _free_port(start: int) -> int:
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise CommandError(f"Geen vrije poort vanaf {start}")


def _get(port, path) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.read()


def _wrk(port, path, *, seconds, threads, connections):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        + [f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    if "Non-2xx or 3xx responses" in out:
        raise CommandError(f"Foutantwoorden:\n{out}")
    if "Socket errors" in out:  # timeouts on an overloaded machine: counted, not hidden
        sys.stderr.write(out[out.index("Socket errors") :].splitlines()[0] + "\n")

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    count = int(re.search(r"(\d+) requests in", out)[1])
    return rate, latency(50), latency(99), count


def _python_load(port, path, *, seconds, threads, connections):
    """Keep-alive GETs from `connections` threads for `seconds` (bounded in time and count)."""
    latencies, errors, stop = [], [], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        conn, mine = HTTPConnection("127.0.0.1", port, timeout=30), []
        for _ in range(1_000_000):
            if time.monotonic() >= stop:
                break
            began = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(response.status)
                break
        conn.close()
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    if errors:
        raise CommandError(f"Foutantwoorden: {errors[:5]}")
    ordered = sorted(latencies)
    p = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000  # noqa: E731
    return len(ordered) / (time.monotonic() - began), p(0.50), p(0.99), len(ordered)


class Command(BaseCommand):
    help = "Meet de themabladpagina: uit de paginacache, zonder cache en als kale WSGI-app."

    def add_arguments(self, parser):
        parser.add_argument("--sheet", default="omgaan-met-informatie")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seconds", type=int, default=5)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--port", type=int, default=8560, help="eerste poort om te proberen")
        parser.add_argument(
            "--baseline",
            default="",
            help="git-revisie waarvan de koude pagina ernaast gemeten wordt (eigen database)",
        )

    def handle(
        self, *args, sheet, rounds, seconds, workers, threads, connections, port, baseline, **_
    ):
        if not 1 <= rounds <= 20 or not 1 <= seconds <= 60:
            raise CommandError("--rounds 1..20 en --seconds 1..60")
        path = f"/themabladen/{sheet}/"
        load = _wrk if shutil.which("wrk") else _python_load
        env = production_env()
        handle, body_path = tempfile.mkstemp(suffix=".html")
        servers, masters, processes = {}, {}, []
        before_dir = tempfile.mkdtemp(prefix="benchmark-voorheen-") if baseline else ""
        try:
            specs = [
                ("warm", "portal.wsgi:application", {"PAGE_CACHE": "1"}),
                ("cold", "portal.wsgi:application", {"PAGE_CACHE": "0"}),
                ("bare", f"{__name__}:bare_app", {"BENCH_BODY": body_path}),
            ]
            next_port = port
            for name, app, extra in specs:
                next_port = _free_port(next_port)
                if name == "bare":
                    with os.fdopen(handle, "wb") as body:
                        body.write(_get(servers["warm"], path))
                processes.append(self._start(app, next_port, workers, {**env, **extra}))
                self._wait(next_port, processes[-1])
                servers[name] = next_port
                masters[name] = processes[-1].pid
                next_port += 1
            if baseline:
                next_port = _free_port(next_port)
                processes.append(
                    self._start_baseline(baseline, before_dir, next_port, workers, env)
                )
                self._wait(next_port, processes[-1])
                servers["before"] = next_port
                masters["before"] = processes[-1].pid
            pages = {name: _get(p, path) for name, p in servers.items()}
            if not pages["warm"] == pages["cold"] == pages["bare"]:
                raise CommandError("De drie servers geven niet dezelfde bytes.")
            if baseline and b"<h1>" not in pages["before"]:
                raise CommandError(f"De pagina van {baseline} is geen themablad.")
            self.stdout.write(
                f"{path}: {len(pages['warm']):,} bytes; gunicorn {workers} sync workers elk, "
                f"{'wrk' if load is _wrk else 'Python-belasting'} {threads} threads × "
                f"{connections} verbindingen, {rounds} rondes × {seconds} s; "
                f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
                f"load average vooraf {os.getloadavg()[0]:.2f}"
            )
            results = {name: [] for name in servers}
            order = list(servers)
            for round_number in range(rounds):
                turn = round_number % len(order)
                for name in order[turn:] + order[:turn]:
                    _get(servers[name], path)
                    before = _cpu_seconds(masters[name])
                    rate, p50, p99, count = load(
                        servers[name],
                        path,
                        seconds=seconds,
                        threads=threads,
                        connections=connections,
                    )
                    cpu_ms = (_cpu_seconds(masters[name]) - before) * 1000 / max(count, 1)
                    results[name].append((rate, p50, p99, cpu_ms))
            self._report(results)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
            Path(body_path).unlink(missing_ok=True)
            if before_dir:
                shutil.rmtree(before_dir, ignore_errors=True)

    def _start_baseline(self, revision, folder, port, workers, env):
        """The code of `revision` (git archive), started like the others on a scratch SQLite
        database of its own (its migrations and its content loader: the schema may differ from
        today's) with its own static files. PYTHONPATH puts its packages first, and its
        sitecustomize.py takes away the finder of this checkout's editable install, which would
        otherwise fill in every module the revision does not have from today's code."""
        archive = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "archive", revision],
            capture_output=True,
            check=False,
        )
        if archive.returncode:
            raise CommandError(f"git archive {revision}: {archive.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        Path(folder, "sitecustomize.py").write_text(_ONLY_THIS_CODE)
        before = {
            **env,
            "PAGE_CACHE": "0",
            "PYTHONPATH": folder,
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        }
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_content"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=folder,
                env=before,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return self._start("portal.wsgi:application", port, workers, before, cwd=folder)

    def _start(self, app, port, workers, env, *, cwd=None):
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers)]
        command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
        return subprocess.Popen(command, cwd=cwd or settings.BASE_DIR, env=env)

    def _wait(self, port, process):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError("gunicorn stopte bij het starten")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn startte niet binnen 60 s")

    def _report(self, results):
        median = {
            name: tuple(statistics.median(run[i] for run in runs) for i in range(4))
            for name, runs in results.items()
        }
        self.stdout.write(
            f"{'':6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11}"
            "   (mediaan van de rondes)"
        )
        for name, (rate, p50, p99, cpu) in median.items():
            rounds = " ".join(f"{run[0]:.0f}" for run in results[name])
            self.stdout.write(
                f"{name:6} {rate:9.0f} {p50:8.2f} {p99:8.2f} {cpu:11.3f}   rondes: {rounds}"
            )
        warm, cold, bare = (median[name][0] for name in ("warm", "cold", "bare"))
        self.stdout.write(
            f"warm / kaal: {warm / bare:.0%} (doel ≥ 50 %) · koud / kaal: {cold / bare:.0%} · "
            f"koud / vandaag ({TODAY_COLD} req/s): {cold / TODAY_COLD:.1f}× (doel ≥ 5×) · "
            f"load average na afloop {os.getloadavg()[0]:.2f}"
        )
        cpu = {name: median[name][3] for name in median}
        self.stdout.write(
            f"CPU per verzoek: warm {cpu['warm'] / cpu['bare']:.1f}× kaal, "
            f"koud {cpu['cold'] / cpu['warm']:.0f}× warm"
        )
        if "before" in median:
            self.stdout.write(
                f"koud / voorheen: {cold / median['before'][0]:.1f}× de req/s, "
                f"{median['before'][3] / cpu['cold']:.1f}× minder CPU per verzoek (doel ≥ 5×)"
            )
