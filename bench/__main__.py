"""`python -m bench` (`make bench`): every `bench/bench_*.py` module's `main()`, in turn.

Each benchmark prints its own `name: value` lines; this only finds and runs them, in name
order, so a new benchmark needs no registration.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmark_modules() -> list[str]:
    return sorted(
        f"bench.{module.name}"
        for module in pkgutil.iter_modules([str(HERE)])
        if module.name.startswith("bench_")
    )


def main() -> None:
    for name in benchmark_modules():
        module = importlib.import_module(name)
        module.main()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
