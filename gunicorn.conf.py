"""gunicorn's settings, read from the working directory by `make serve` (and bench/).

Workers and address come from the command line (`WEB_CONCURRENCY`, `PORT`); this file only
tunes each worker's memory.
"""

import ctypes
import ctypes.util

M_MMAP_THRESHOLD = -3  # glibc's mallopt() parameter (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's default, kept fixed


def post_worker_init(worker):
    """Keep large blocks out of the worker's heap.

    A worker makes an image's renditions the first time a page shows them, and Pillow
    decodes the original into blocks of several megabytes. After glibc frees the first such
    block it raises its mmap threshold to that size, so later ones come from the heap and
    stay in the worker's RSS when freed: 20-65 MiB more per worker after one pass over new
    images (bench/RESULTS.md, Run 17). With the threshold fixed, big blocks go back to the system.
    """
    path = ctypes.util.find_library("c")
    if not path:
        return  # not glibc (e.g. musl): nothing to tune
    try:
        ctypes.CDLL(path).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):  # a libc without mallopt
        worker.log.info("mallopt unavailable: the worker's heap keeps its default tuning")
