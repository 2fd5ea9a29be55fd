"""Whether this process may fork its workers.

A fork copies the calling thread only: a lock another thread held at that moment stays held in
the child forever. So workers are forked only from a process with one thread. The threads are
counted by the system where it can (Linux), because a thread started below the `threading`
module (a test runner's I/O thread, an extension's) is invisible to `threading.active_count()`.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

__all__ = ["can_fork", "threads"]

_TASKS = "/proc/self/task"  # one entry per thread of this process (Linux)


def threads() -> int:
    try:
        return len(os.listdir(_TASKS))
    except OSError:  # no /proc: the threads this interpreter started are all that can be seen
        return threading.active_count()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threads() == 1
