"""The LMS's Caddy with our patch, run for real (Debian's caddy): our import endpoints take files up to
VN_UPLOAD_MAX_MB and reach the LMS with their path unchanged; every other LMS path keeps Tutor's 4 MB cap."""

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

CADDY = shutil.which("caddy")
pytestmark = pytest.mark.skipif(CADDY is None, reason="needs Debian's caddy (scripts/system-packages.sh)")

OUR_UPLOADS = [
    "/vn/qbank/api/v1/banks/6f1c0c39/import/",
    "/vn/qbank/api/v1/banks/6f1c0c39/imports/",
    "/vn/schools/api/v1/import/",
    "/vn/teaching/api/v1/sessions/import/",
    "/vn/curriculum/api/v1/topics/import/",
]
SIX_MB = 6 * 1024 * 1024


class _Upstream(http.server.BaseHTTPRequestHandler):
    """Stands where the LMS is: answers with the path it got and how many body bytes arrived."""

    def do_POST(self):
        expected, received = int(self.headers.get("Content-Length", 0)), 0
        while received < expected:
            chunk = self.rfile.read(min(65536, expected - received))
            if not chunk:
                break
            received += len(chunk)
        body = json.dumps({"path": self.path, "bytes": received}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # Caddy gave up on this request (body over its limit)

    def log_message(self, *args):
        pass


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lms_site(caddyfile, port, upstream_port):
    """The rendered Caddyfile's global block, proxy snippet and LMS site, served on a local port."""
    site_start = caddyfile.index("local.openedx.io{$default_site_port} {")
    site_end = caddyfile.index("\n}\n", site_start) + 3
    head = caddyfile[:site_start].replace("{\n", "{\n    admin off\n", 1)
    site = caddyfile[site_start:site_end]
    site = site.replace("local.openedx.io{$default_site_port} {", f"http://127.0.0.1:{port} {{")
    return head + site.replace('"lms:8000"', f'"127.0.0.1:{upstream_port}"')


@pytest.fixture(scope="module")
def lms_proxy(rendered, tmp_path_factory):
    caddyfile = (rendered("default") / "env" / "apps" / "caddy" / "Caddyfile").read_text()
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = _free_port()
    config = tmp_path_factory.mktemp("caddy") / "Caddyfile"
    config.write_text(_lms_site(caddyfile, port, upstream.server_address[1]))
    process = subprocess.Popen(
        [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(100):  # wait for the port to open (not a timed assertion)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait()
    upstream.shutdown()


def _post(url, size):
    request = urllib.request.Request(url, data=b"\0" * size, method="POST")  # noqa: S310 - our local Caddy
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - our local Caddy
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (ConnectionError, urllib.error.URLError):
        return None, None


@pytest.mark.parametrize("path", OUR_UPLOADS)
def test_our_import_endpoints_take_large_files_and_keep_their_path(lms_proxy, path):
    status, seen = _post(lms_proxy + path, SIX_MB)
    assert status == 200
    assert seen == {"path": path, "bytes": SIX_MB}


@pytest.mark.parametrize(
    "path", ["/vn/qbank/api/v1/banks/", "/courses/x/upload", "/vn/schools/api/v1/import/x/y"]
)
def test_every_other_lms_path_keeps_the_4mb_cap(lms_proxy, path):
    status, seen = _post(lms_proxy + path, SIX_MB)
    assert status != 200 and seen is None
    assert _post(lms_proxy + path, 1024 * 1024) == (200, {"path": path, "bytes": 1024 * 1024})


def test_the_limit_follows_the_setting(rendered):
    caddyfile = (rendered("custom") / "env" / "apps" / "caddy" / "Caddyfile").read_text()
    assert caddyfile.count("max_size 35MB") == len(OUR_UPLOADS)
