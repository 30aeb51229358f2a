"""Turn the raw wrk outputs of one bench/run.sh run into a Markdown table.

    python3 bench/wrk_summary.py RESULTS_DIR

Reads RESULTS_DIR/wrk/<label>.<round>.txt, RESULTS_DIR/queries.tsv and
RESULTS_DIR/targets.tsv; prints the median req/s over rounds, the p50/p99 of the run
with the median req/s, the SQL queries per warm request and the ratio to the reference
page named in targets.tsv: the median over rounds of the ratio within each round.
"""

import re
import statistics
import sys
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse(text):
    result = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["rps"] = float(match.group(1)) if match else 0.0
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        result[f"p{pct}"] = float(match.group(1)) * UNITS[match.group(2)] if match else None
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["errors"] = sum(int(g) for g in match.groups()) if match else 0
    match = re.search(r"(\d+) requests in", text)
    result["requests"] = int(match.group(1)) if match else 0
    return result


def main():
    folder = Path(sys.argv[1])
    targets = []  # label, url, reference label, connections
    for line in (folder / "targets.tsv").read_text().splitlines():
        label, url, reference, connections = line.split("\t")
        targets.append((label, url, reference, connections))
    queries = {}
    if (folder / "queries.tsv").exists():
        for line in (folder / "queries.tsv").read_text().splitlines():
            label, status, count, size = line.split("\t")
            queries[label] = (status, count, size)
    runs = {}
    for label, *_ in targets:
        files = sorted((folder / "wrk").glob(f"{label}.*.txt"))
        runs[label] = [parse(f.read_text()) for f in files]
    medians = {label: statistics.median(r["rps"] for r in rs) for label, rs in runs.items() if rs}

    print("| page | URL | conns | req/s (median) | rounds req/s | p50 ms | p99 ms | errors | SQL queries | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, url, reference, connections in targets:
        rs = runs.get(label)
        if not rs:
            continue
        median = medians[label]
        closest = min(rs, key=lambda r: abs(r["rps"] - median))
        rounds = " / ".join(f"{r['rps']:.1f}" for r in rs)
        errors = sum(r["non2xx"] + r["errors"] for r in rs)
        q = queries.get(label, ("", "", ""))[1]
        ratio = ""
        if reference != "-" and medians.get(reference):
            # Each round measures the page right after (or near) its reference, so the
            # ratio within a round is the least disturbed by the machine's drift.
            pairs = [r["rps"] / ref["rps"] for r, ref in zip(rs, runs[reference], strict=False) if ref["rps"]]
            per_round = statistics.median(pairs) if pairs else 0
            ratio = f"{per_round:.2f}× {reference} (rounds: {' / '.join(f'{p:.2f}' for p in pairs)})"
        p50 = f"{closest['p50']:.1f}" if closest["p50"] is not None else ""
        p99 = f"{closest['p99']:.1f}" if closest["p99"] is not None else ""
        cells = [label, f"`{url}`", connections, f"{median:.1f}", rounds, p50, p99, errors, q, ratio]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")


if __name__ == "__main__":
    main()
