"""Pausing Python's cyclic garbage collector around work that makes many small, acyclic objects at once."""

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """No cyclic garbage collection inside the block (its previous state afterwards; nesting is fine).

    A test drawn from a 100,000-question bank makes ~100,000 candidate tuples and the draw's pools: each pass
    of the collector over them cost 15–30 ms a generation, for nothing (tuples of numbers and strings hold
    no cycles; reference counting frees them).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
