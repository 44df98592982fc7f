"""`python -m bench` (`make bench`): every `bench/bench_*.py` module's `main()`, in turn.

Each benchmark prints its own `name: value` lines; this only finds and runs them, in name
order, so a new benchmark needs no registration. A `main` that takes command-line arguments
gets none (its defaults); one that returns a non-zero code, or raises, makes the run exit
non-zero after the others have run.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmark_modules() -> list[str]:
    return sorted(
        f"bench.{module.name}"
        for module in pkgutil.iter_modules([str(HERE)])
        if module.name.startswith("bench_")
    )


def run(name: str) -> bool:
    """Run one benchmark; whether it succeeded."""
    module = importlib.import_module(name)
    takes_arguments = bool(inspect.signature(module.main).parameters)
    try:
        code = module.main([]) if takes_arguments else module.main()
    except Exception:  # a boundary: report this benchmark and go on with the next
        traceback.print_exc()
        return False
    finally:
        sys.stdout.flush()
    return not code


def main() -> int:
    failed = [name for name in benchmark_modules() if not run(name)]
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
