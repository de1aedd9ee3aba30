"""Benchmark: the toolkit's run against python-calamine and openpyxl on big workbooks.

    python scripts/bench.py [--sizes 1000,10000,50000] [--data DIR] [--skip-openpyxl]

For each size it generates (once, cached in DIR) a workbook with a Customers tab and an
Orders tab of about 10 orders per customer, then measures, each in a fresh process:
  toolkit   the whole daily run (`toolkit.pipeline.run_daily`: read, normalise, score,
            follow-ups, drafts, write every tab back surgically)
  calamine  python-calamine reading every cell of every tab (the floor for reading)
  openpyxl  openpyxl load + save (what owners' tools do)
  next      the next morning's run on the workbook the first run wrote (it now also reads
            and rewrites the toolkit's own tabs: yesterday's ranks, drafts, run log)
Time is wall-clock seconds, the best of --repeat runs (openpyxl: one run); memory is
the process's peak resident set (ru_maxrss). Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2024, 6, 1)
SOURCES = ["Instagram", "Referral", "Walk-in", "Google", "Market stall"]
PRODUCTS = ["Truffles", "Gift box", "Bar", "Hot chocolate", "Workshop"]


def generate(path: Path, customers: int, seed: int = 7) -> int:
    """Write a Customers + Orders workbook with xlsxwriter (constant memory)."""
    import xlsxwriter

    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    people = book.add_worksheet("Customers")
    people.write_row(0, 0, ["Customer ID", "Name", "Email", "Phone", "Source", "Referred by",
                            "Complaints", "Notes"])
    for i in range(1, customers + 1):
        referrer = f"c{rng.randint(1, customers)}@example.com" if rng.random() < 0.2 else ""
        people.write_row(i, 0, [f"C{i:06d}", f"Customer {i}", f"c{i}@example.com",
                                f"+44 7700 {i % 1000000:06d}", rng.choice(SOURCES), referrer,
                                rng.choice([0, 0, 0, 1]), "likes dark" if i % 7 == 0 else ""])
    orders = book.add_worksheet("Orders")
    orders.write_row(0, 0, ["Order", "Email", "Date", "Amount", "Product"])
    row = 0
    start = dt.datetime(2022, 6, 1)
    for i in range(1, customers + 1):
        for _ in range(max(1, round(rng.gauss(10.4, 4)))):
            row += 1
            orders.write_string(row, 0, f"O{row:07d}")
            orders.write_string(row, 1, f"c{i}@example.com")
            orders.write_datetime(row, 2, start + dt.timedelta(days=rng.randint(0, 729)), day)
            orders.write_number(row, 3, round(rng.uniform(4, 120), 2), money)
            orders.write_string(row, 4, rng.choice(PRODUCTS))
    book.close()
    return row


# ----------------------------------------------------------------------------- measures


def measure_toolkit(path: Path, today: dt.date = TODAY) -> str:
    from toolkit.excel.workbook import ExcelWorkbook
    from toolkit.pipeline import RunOptions, run_daily

    result = run_daily(ExcelWorkbook(path, keep_backups=1), RunOptions(today=today))
    return (f"daily run: {result.record.customers:,} customers, "
            f"{len(result.plan.tabs)} tabs, {result.record.drafts} drafts")


def measure_calamine(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = sum(len(r) for name in book.sheet_names
                for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return f"{cells:,} cells"


def measure_openpyxl(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.save(path.with_name("openpyxl-saved.xlsx"))
    return "load + save"


def measure_next(path: Path) -> str:
    return measure_toolkit(path, TODAY + dt.timedelta(days=1))


MEASURES = {"toolkit": measure_toolkit, "calamine": measure_calamine,
            "openpyxl": measure_openpyxl, "next": measure_next}


def child(kind: str, path: Path) -> None:
    """Run one measure in this (fresh) process and print JSON."""
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    detail = MEASURES[kind](path)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "detail": detail}))


def run_child(kind: str, source: Path, work: Path) -> dict[str, Any]:
    """Measure `kind` in a fresh process on a copy of `source` (kept in `work`)."""
    target = work / f"{kind}-{source.name}"
    shutil.copyfile(source, target)
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(target)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "ct-bench")
    parser.add_argument("--skip-openpyxl", action="store_true")
    parser.add_argument("--skip-next", action="store_true",
                        help="do not measure the next morning's run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    args.data.mkdir(parents=True, exist_ok=True)
    skipped = {"openpyxl": args.skip_openpyxl, "next": args.skip_next}
    kinds = [k for k in MEASURES if not skipped.get(k)]
    out = sys.stdout
    out.write("| customers | order rows | file MB | " + " | ".join(
        f"{k} s | {k} peak MB" for k in kinds) + " | toolkit / calamine | toolkit µs/row |\n")
    out.write("|---" * (3 + 2 * len(kinds) + 2) + "|\n")
    for size in (int(s) for s in args.sizes.split(",")):
        source = args.data / f"customers-{size}.xlsx"
        rows_file = source.with_suffix(".rows")
        if not source.exists() or not rows_file.exists():
            rows_file.write_text(str(generate(source, size)))
        results = {}
        with tempfile.TemporaryDirectory(dir=args.data) as work:
            for kind in kinds:
                runs = 1 if kind == "openpyxl" else max(args.repeat, 1)
                # The next morning starts from the workbook the first run wrote.
                start = Path(work) / f"toolkit-{source.name}" if kind == "next" else source
                results[kind] = min((run_child(kind, start, Path(work)) for _ in range(runs)),
                                    key=lambda r: r["seconds"])
        ratio = results["toolkit"]["seconds"] / results["calamine"]["seconds"]
        cells = " | ".join(f"{results[k]['seconds']:.2f} | {results[k]['peak_mb']:.0f}"
                           for k in kinds)
        order_rows = int(rows_file.read_text())
        per_row = results["toolkit"]["seconds"] / (order_rows + size) * 1e6
        out.write(f"| {size:,} | {order_rows:,} | {source.stat().st_size / 1e6:.1f} | {cells} | "
                  f"{ratio:.2f}x | {per_row:.1f} |\n")
        out.flush()
    out.write(f"\ntoolkit measured as: {results['toolkit']['detail']}\n")


if __name__ == "__main__":
    main()
