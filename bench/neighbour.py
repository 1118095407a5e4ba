"""A CPU-burning neighbour for the benchmarks (issue 16): one process that keeps one of the machine's cores
busy for as long as it runs, with the same work every run (SHA-256 chained over a fixed 64 KiB buffer), so a
figure measured beside it can be compared from run to run and with its floor measured beside it too.

    with neighbour():
        ...  # measure

or ``python bench/neighbour.py [SECONDS]`` to run it alone (default: until stopped).
"""

import contextlib
import hashlib
import subprocess
import sys
import time

BLOCK = bytes(range(256)) * 256  # 64 KiB, the same every run


def burn(seconds=None):
    """Hash without pause until ``seconds`` have passed (None: forever); returns the rounds done."""
    digest, rounds = b"", 0
    end = None if seconds is None else time.monotonic() + seconds
    while end is None or time.monotonic() < end:
        for _ in range(200):
            digest = hashlib.sha256(BLOCK + digest).digest()
        rounds += 200
    return rounds


@contextlib.contextmanager
def neighbour():
    """Run the neighbour in a process of its own for the duration of the ``with`` block."""
    process = subprocess.Popen([sys.executable, __file__])  # noqa: S603 - this very file
    time.sleep(0.5)  # under way before the first measurement
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    burn(float(sys.argv[1]) if len(sys.argv) > 1 else None)
