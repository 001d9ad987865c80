"""Where bulk work runs: in this process, in a pool of worker processes, or on a dask cluster.

All three offer the same tiny interface: :meth:`Backend.submit` a call with a tag, then
:meth:`Backend.next_done` returns ``(tag, result)`` as calls finish (any order; a failed call's
result is its exception). The runner keeps a bounded number of calls in flight and restores the
input order itself, so every backend writes identical outputs.

Pitfalls avoided (see shared/reference/stack.md §5): worker processes start with ``forkserver``
(``spawn`` where it is missing), never ``fork`` after WeasyPrint was used; no
``max_tasks_per_child`` (deadlocks on Python 3.11, gh-115634): recycling uses
``multiprocessing.Pool(maxtasksperchild=)``; results are small (never PDF bytes).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from collections import deque
from collections.abc import Callable
from typing import Any


class WorkerLost(RuntimeError):
    """No call finished within the timeout: a worker died or hangs."""


class Backend:
    """Runs calls and hands back results as they finish."""

    name = "base"
    workers = 1

    def submit(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        """Start ``fn(*args)``; its result comes back from :meth:`next_done` with `tag`."""
        raise NotImplementedError

    def next_done(self, timeout: float | None = None) -> tuple[Any, Any]:
        """The next finished call as (tag, result or exception).

        Raises:
            WorkerLost: nothing finished within `timeout` seconds.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Stop the workers."""

    def local_context(self) -> Any:
        """The multiprocessing context this backend starts local processes with (None: it starts none)."""
        return None


class SerialBackend(Backend):
    """Runs every call at once, in this process (tests, debugging, tiny batches)."""

    name = "serial"

    def __init__(self) -> None:
        self._done: deque[tuple[Any, Any]] = deque()

    def submit(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        try:
            self._done.append((tag, fn(*args)))
        except Exception as e:  # handed back like a worker's failure
            self._done.append((tag, e))

    def next_done(self, timeout: float | None = None) -> tuple[Any, Any]:
        return self._done.popleft()


class PoolBackend(Backend):
    """A ``multiprocessing.Pool`` of worker processes (forkserver/spawn), recycled every N tasks.

    Args:
        workers: number of processes.
        initializer: builds per-process state once (bundle, renderer).
        initargs: its arguments.
        maxtasksperchild: replace a worker after this many tasks (None: never).
    """

    name = "process"

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        maxtasksperchild: int | None = None,
    ) -> None:
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["assess.bulk.work"])
        self.workers = workers
        self._ctx = ctx
        self._done: queue.SimpleQueue[tuple[Any, Any]] = queue.SimpleQueue()
        self._pool = ctx.Pool(workers, initializer, initargs, maxtasksperchild)

    def local_context(self) -> Any:
        return self._ctx

    def submit(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        put = self._done.put
        self._pool.apply_async(fn, args, callback=lambda r: put((tag, r)), error_callback=lambda e: put((tag, e)))

    def next_done(self, timeout: float | None = None) -> tuple[Any, Any]:
        try:
            return self._done.get(timeout=timeout)
        except queue.Empty:
            raise WorkerLost(f"no worker answered within {timeout:.0f} s") from None

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


class DaskBackend(Backend):
    """Calls run on an existing dask.distributed cluster (``--scheduler tcp://HOST:PORT``).

    The workers need ``assess`` installed (``pip install 'assess[cluster]'``) and, for ``--pdf``,
    the output folder on a shared filesystem at the same path.
    """

    name = "dask"

    def __init__(self, address: str) -> None:
        import distributed

        dist: Any = distributed  # untyped third-party API
        self._client: Any = dist.Client(address, set_as_default=False, timeout="10s")
        self.workers = max(1, sum(self._client.nthreads().values()))
        self._ac: Any = dist.as_completed(loop=self._client.loop, with_results=False)
        self._tags: dict[Any, Any] = {}

    def submit(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        fut: Any = self._client.submit(fn, *args, pure=False)
        self._tags[fut.key] = tag
        self._ac.add(fut)

    def next_done(self, timeout: float | None = None) -> tuple[Any, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._ac.has_ready():  # dask reschedules tasks of dead workers itself
            if deadline is not None and time.monotonic() > deadline:
                raise WorkerLost(f"no task finished within {timeout:.0f} s")
            time.sleep(0.005)
        fut: Any = next(self._ac)
        tag = self._tags.pop(fut.key)
        try:
            return tag, fut.result()
        except Exception as e:  # the task failed on the worker
            return tag, e
        finally:
            fut.release()

    def close(self) -> None:
        self._client.close()


def make_backend(
    workers: int | None,
    scheduler: str | None,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    maxtasksperchild: int | None = None,
) -> Backend:
    """The backend for the options: dask when a scheduler is given, serial for 0 workers, else a pool."""
    if scheduler:
        return DaskBackend(scheduler)
    if workers == 0:
        return SerialBackend()
    n = workers if workers is not None else (mp.cpu_count() or 1)
    return PoolBackend(n, initializer, initargs, maxtasksperchild)
