"""Time every SQL query of the pages kept by bench/run.sh (results/…/sql/<label>/*.sql)
with PostgreSQL's EXPLAIN ANALYZE, and show the plans of the slow ones.

    .venv/bin/python bench/explain.py RESULTS_DIR/sql DATABASE_URL [--slower-than MS]

Only SELECTs are explained (EXPLAIN ANALYZE runs them); run it on a benchmark database.
"""

import argparse
import re
from pathlib import Path

import psycopg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sql_dir")
    parser.add_argument("database_url")
    parser.add_argument("--slower-than", type=float, default=20.0, help="print plans of queries slower than this (ms)")
    args = parser.parse_args()
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        for folder in sorted(Path(args.sql_dir).iterdir()):
            if folder.name.startswith("bakery") or folder.name.endswith("-cached"):
                continue
            for file in sorted(folder.glob("*.sql")):
                text = file.read_text(encoding="utf-8")
                queries = [q.strip() for q in re.split(r"^-- \d+$", text, flags=re.M) if q.strip()]
                total = 0.0
                slow = []
                for number, query in enumerate(queries, 1):
                    if not query.lstrip().upper().startswith("SELECT"):
                        continue
                    plan = [row[0] for row in conn.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query)]
                    ms = float(re.search(r"Execution Time: ([\d.]+) ms", plan[-1]).group(1))
                    total += ms
                    if ms >= args.slower_than:
                        slow.append((number, ms, query, plan))
                print(f"{folder.name}: {len(queries)} queries, {total:.1f} ms in PostgreSQL")
                for number, ms, query, plan in slow:
                    print(f"  query {number}: {ms:.1f} ms: {query[:300]}…")
                    for line in plan:
                        print("      " + line)


if __name__ == "__main__":
    main()
