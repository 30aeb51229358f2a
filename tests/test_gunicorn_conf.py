"""gunicorn.conf.py: read by gunicorn from the project root, it tunes each worker's heap."""

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest
from gunicorn.app.base import Application
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent

# Like a worker making renditions: an original decoded and freed, then the next images'
# blocks, freed while small objects made meanwhile stay. Prints the MiB the process keeps.
KEPT_AFTER_IMAGES = """
import logging, runpy, sys
class Worker:
    log = logging.getLogger("worker")
if sys.argv[1] == "tuned":
    runpy.run_path(sys.argv[2])["post_worker_init"](Worker())
def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))
original = bytearray(8 << 20)
del original
before = rss()
blocks = [bytearray(4 << 20) for _ in range(10)]
meanwhile = [bytearray(64) for _ in range(1000)]
del blocks
print(rss() - before)
"""


def _config():
    app = Application.__new__(Application)  # only its config loading, no server
    app.cfg = Config()
    app.load_config_from_file(str(ROOT / "gunicorn.conf.py"))
    return app.cfg


def _kept_mib(mode):
    script = [sys.executable, "-c", KEPT_AFTER_IMAGES, mode, str(ROOT / "gunicorn.conf.py")]
    return int(subprocess.run(script, capture_output=True, text=True, check=True).stdout)


def test_gunicorn_reads_the_worker_hook_from_the_project_file():
    hook = _config().post_worker_init  # gunicorn calls it once a worker has loaded the portal
    assert hook.__code__.co_filename == str(ROOT / "gunicorn.conf.py")
    assert hook.__doc__.startswith("Keep large blocks out of the worker's heap.")


@pytest.mark.skipif(ctypes.util.find_library("c") != "libc.so.6", reason="glibc's behaviour")
def test_a_tuned_worker_gives_freed_image_memory_back():
    assert _kept_mib("plain") >= 30  # glibc's adaptive threshold: the blocks stay in the heap
    assert _kept_mib("tuned") <= 2
