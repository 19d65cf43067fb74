"""`manage.py soak`: a bounded loopback soak of a running `make serve`.

N connections (threads with keep-alive) ask for a mix of what employees do — sheet pages, lists,
searches, PDFs — until the time or the request count is up. It reports the answers by status,
errors, latency and the resident memory of each gunicorn worker at the start and the end (the
workers are found as the processes holding the server's listening socket). Not a benchmark and
not part of the tests: it shows that a long run gives no errors and no growing workers.
"""

import http.client
import os
import random
import re
import statistics
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.core.management.base import BaseCommand, CommandError

SEARCHES = [
    "nevenwerkzaamheden",
    "geschenk",
    "bijbaan",
    "social media",
    '"proces verbaal"',
    "privé contacten",
    "art 76 barp",
    "declaraties",
    "geheimhouding informatie",
    "alcohol vrije tijd",
    "nevenwerkzaamheid melden leidinggevende",
    "integriteit",
]
LOOPBACK = ("127.", "localhost", "[::1]")


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    return inodes


def server_processes(port: int) -> dict[int, int]:
    """{pid: parent pid} of every process holding the listening socket of `port`."""
    inodes = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
            if links & inodes:
                stat = (entry / "stat").read_text()
                found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
    return found


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def workers(port: int) -> dict[int, int | None]:
    processes = server_processes(port)
    # The master holds the socket too; the workers are its children.
    children = {pid for pid, parent in processes.items() if parent in processes}
    return {pid: rss_kib(pid) for pid in sorted(children or processes)}


class Command(BaseCommand):
    help = "Bounded loopback soak of a running server (make serve): errors and worker memory."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--connections", type=int, default=10)
        parser.add_argument("--max-requests", type=int, default=1_000_000)

    def handle(self, *args, url, seconds, connections, max_requests, **options):
        parts = urlsplit(url)
        if not parts.hostname or not parts.hostname.startswith(LOOPBACK):
            raise CommandError("Alleen tegen een server op deze machine (127.0.0.1 of localhost).")
        if not (1 <= seconds <= 3600 and 1 <= connections <= 200 and max_requests >= 1):
            raise CommandError("Begrensd: --seconds 1..3600, --connections 1..200.")
        host, port = parts.hostname, parts.port or 80
        mix = self._mix(host, port)
        self.stdout.write(
            f"Soak {url}: {seconds} s, {connections} verbindingen; "
            f"{len(mix['page'])} pagina's, {len(mix['search'])} zoekvragen, "
            f"{len(mix['pdf'])} PDF's"
        )
        load_start = os.getloadavg()
        soak = Soak(host, port, mix, seconds, connections, max_requests)
        # Memory at the start, then every tenth of the run: the first minutes warm the workers
        # up (imports, caches), so "flat" is read from the samples after that.
        samples = [(0, workers(port))]
        sampler = threading.Thread(
            target=self._sample, args=(soak, port, max(seconds // 10, 1), samples), daemon=True
        )
        sampler.start()
        stats = soak.run()
        sampler.join(5)
        samples.append((round(stats.elapsed), workers(port)))
        self._report(stats, samples, load_start, os.getloadavg())

    @staticmethod
    def _sample(soak, port, every, samples):
        started = time.monotonic()
        while not soak.done.wait(every):
            samples.append((round(time.monotonic() - started), workers(port)))

    def _mix(self, host, port):
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request("GET", "/themabladen/")
        response = connection.getresponse()
        html = response.read().decode()
        if response.status != 200:
            raise CommandError(f"/themabladen/ gaf {response.status}: draait `make serve`?")
        slugs = sorted(set(re.findall(r'href="/themabladen/([a-z0-9-]+)/"', html)))
        pages = [f"/themabladen/{slug}/" for slug in slugs] + [
            "/",
            "/themabladen/",
            "/dilemmas/",
            "/casuistiek/",
            "/uitspraken/",
            "/regelgeving/",
            "/tags/",
        ]
        return {
            "page": pages,
            "search": [f"/zoeken/?q={quote(q)}" for q in SEARCHES]
            + [f"/zoeken/suggesties/?q={quote(q[:4])}" for q in SEARCHES],
            "pdf": [f"/themabladen/{slug}/pdf/" for slug in slugs[:4]],
        }

    def _report(self, stats, samples, load_start, load_end):
        write = self.stdout.write
        total = sum(stats.statuses.values())
        write(f"Verzoeken: {total} in {stats.elapsed:.0f} s ({total / stats.elapsed:.0f}/s)")
        write("Status: " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.statuses.items())))
        errors = sum(v for k, v in stats.statuses.items() if not str(k).startswith(("2", "3")))
        write(f"Fouten (geen 2xx/3xx, of geen antwoord): {errors}")
        for kind, times in sorted(stats.latencies.items()):
            times = sorted(times)
            p50 = statistics.median(times) * 1000
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
            write(f"  {kind:7} {len(times):7d} verzoeken  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
        write("Geheugen (RSS, MiB) per worker na " + ", ".join(f"{t} s" for t, _ in samples) + ":")
        pids = sorted({pid for _, found in samples for pid in found})
        for pid in pids:
            values = [found.get(pid) for _, found in samples]
            write(f"  pid {pid}: " + " ".join(f"{v / 1024:.0f}" if v else "–" for v in values))
        write(
            "Belasting van de machine (load average 1 min), begin → eind: "
            f"{load_start[0]:.2f} → {load_end[0]:.2f}"
        )
        for sample in stats.samples[:5]:
            write(f"  voorbeeld van een fout: {sample}")


class Soak:
    WEIGHTS = {"page": 60, "search": 30, "pdf": 10}

    def __init__(self, host, port, mix, seconds, connections, max_requests):
        self.host, self.port, self.mix = host, port, mix
        self.seconds, self.connections, self.max_requests = seconds, connections, max_requests
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.samples: list[str] = []
        self.sent = 0
        self.done = threading.Event()

    def run(self):
        self.deadline = time.monotonic() + self.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(target=self._connection, args=(random.Random(i),), daemon=True)
            for i in range(self.connections)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.seconds + 60)
        self.elapsed = time.monotonic() - started
        self.done.set()
        return self

    def _take(self) -> bool:
        with self.lock:
            if self.sent >= self.max_requests or time.monotonic() >= self.deadline:
                return False
            self.sent += 1
            return True

    def _connection(self, rng):
        kinds, weights = zip(*self.WEIGHTS.items(), strict=True)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while self._take():
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(self.mix[kind])
            began = time.monotonic()
            try:
                connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                status = f"geen antwoord ({type(error).__name__})"
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            took = time.monotonic() - began
            with self.lock:
                self.statuses[status] += 1
                self.latencies[kind].append(took)
                if not str(status).startswith(("2", "3")) and len(self.samples) < 5:
                    self.samples.append(f"{path}: {status}")
        connection.close()
