"""Time scoring on a big shop: 25,000 customers and 70,000 orders (deterministic data).

Usage: python scripts/bench_scoring.py [--customers N] [--orders N] [--repeat N]
Prints the best of N timings (wall clock, and CPU time of this process, which is steadier
on a shared machine) of score_customers and of building the scoring tabs, and a
calibration figure: the time of sum(range(1000)) here, ~5 us on a recent laptop.
The cyclic garbage collector is paused while timing, as the daily run pauses it around
the core (toolkit.collector); --with-gc times with it running.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.collector import collector_paused
from toolkit.model import Customer, Dataset, Order
from toolkit.scoring import score_customers
from toolkit.settings import Settings
from toolkit.tabs_scoring import scoring_tabs

TODAY = dt.date(2025, 3, 1)
SOURCES = ("Instagram", "Google", "Walk-in", "Market stall", "")
TOWNS = ("Leeds", "York", "Harrogate", "Otley", "Ilkley", "")
PRODUCTS = ("Truffles", "Bar", "Gift box", "Hot chocolate", "Workshop")


def make_dataset(customers: int, orders: int, seed: int = 7) -> Dataset:
    rng = random.Random(seed)
    people: list[Customer] = []
    for i in range(customers):
        referred = ""
        if i and rng.random() < 0.1:  # half typed as an email, half as a name
            friend = rng.randrange(i)
            referred = rng.choice((f"c{friend}@example.com", f"customer {friend}"))
        people.append(Customer(
            key=f"c{i}@example.com", name=f"Customer {i}", email=f"c{i}@example.com",
            source=rng.choice(SOURCES), town=rng.choice(TOWNS), referred_by=referred,
            complaints=rng.choice((0, 0, 0, 0, 1, 2)), support_hours=rng.choice((0, 0, 0.5, 3)),
            fit=rng.choice(("", "", "great", "ok", "poor")), tags="gift; local"))
    rows: list[Order] = []
    for n in range(orders):
        # Everyone buys once; the other orders favour a core of regulars (skewed draw).
        who = people[n if n < customers else int(customers * rng.random() ** 2)]
        amount = round(rng.uniform(5, 120), 2) * (-1 if rng.random() < 0.02 else 1)
        rows.append(Order(
            customer_key=who.key, date=TODAY - dt.timedelta(days=rng.randrange(730)),
            amount=amount, product=rng.choice(PRODUCTS),
            cost=round(abs(amount) * 0.5, 2) if rng.random() < 0.5 else None,
            discount=rng.choice((0.0, 0.0, 0.0, 5.0)), row=n + 2))
    return Dataset(customers=tuple(people), orders=tuple(rows), problems=(), rows_read=orders)


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=25_000)
    parser.add_argument("--orders", type=int, default=70_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-gc", action="store_true",
                        help="time with the cyclic garbage collector running")
    args = parser.parse_args()
    dataset = make_dataset(args.customers, args.orders)
    settings = Settings()
    paused = contextlib.nullcontext() if args.with_gc else collector_paused()
    with paused:
        scoring = score_customers(dataset, TODAY, settings)
        scored = best_of(args.repeat, lambda: score_customers(dataset, TODAY, settings))
        tabs = best_of(args.repeat,
                       lambda: scoring_tabs(scoring, dataset, settings, TODAY, None))
    calibration = timeit.timeit("sum(range(1000))", number=20_000) / 20_000
    print(f"{args.customers:,} customers, {args.orders:,} orders "
          f"(sum(range(1000)) takes {calibration * 1e6:.1f} us here; cyclic GC "
          f"{'running' if args.with_gc else 'paused, as in the daily run'})")
    print(f"score_customers: {scored[0]:.3f} s wall, {scored[1]:.3f} s CPU")
    print(f"scoring_tabs:    {tabs[0]:.3f} s wall, {tabs[1]:.3f} s CPU")
    print(f"together:        {scored[0] + tabs[0]:.3f} s wall, {scored[1] + tabs[1]:.3f} s CPU")


if __name__ == "__main__":
    main()
