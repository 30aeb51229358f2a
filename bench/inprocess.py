"""Warm requests, then N more, in one process: the driver of bench/instructions.sh.

Run it with the project's own interpreter, from the project's directory, with the same
environment as its gunicorn:

    python /path/to/bench/inprocess.py --requests N PATH

Each request is anonymous (cookies cleared), like a new reader's; 20 warm-up requests
come first, so the N counted ones find renditions made and templates compiled.
"""

import argparse
import os
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST=args.host)
    for _ in range(args.warm + args.requests):
        response = client.get(args.path)
        client.cookies.clear()
        if response.status_code != 200:
            sys.exit(f"{args.path}: {response.status_code}")


if __name__ == "__main__":
    main()
