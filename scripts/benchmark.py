"""Speed and memory of the pipeline on the example specs, against the targets below.

Usage: python scripts/benchmark.py [--repeat N]. Exits 1 when a target is missed. Not part of
the test suite: timings depend on the machine (targets are for 2 cores, no other load).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import load_contract  # noqa: E402
from generator.proof.audit import audit_units, text_units  # noqa: E402
from generator.render.blocks import plain_text  # noqa: E402
from generator.render.compose import compose  # noqa: E402
from generator.word.writer import build_docx  # noqa: E402

TARGETS_SECONDS = {"validate": 0.5, "render zh": 1.0, "render zh-en": 1.5, "audit": 0.5}
TARGET_PEAK_MIB = 300  # resident set of the whole process, LibreOffice not included


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure(spec: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each stage for one spec."""
    text = plain_text(compose(load_contract(spec), "zh"))
    return {
        "validate": timed(lambda: load_contract(spec), repeat),
        "render zh": timed(lambda: build_docx(compose(load_contract(spec), "zh")), repeat),
        "render zh-en": timed(lambda: build_docx(compose(load_contract(spec), "zh-en")), repeat),
        "audit": timed(lambda: audit_units(text_units(text), spec.name), repeat),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    missed = 0
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        results = measure(spec, repeat)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux; the process so far
        line = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in results.items())
        print(f"{spec.name}: {line}, peak RSS so far {peak:.0f} MiB")
        for name, seconds in results.items():
            if seconds > TARGETS_SECONDS[name]:
                print(f"  MISSED: {name} {seconds:.2f} s > {TARGETS_SECONDS[name]} s")
                missed += 1
        if peak > TARGET_PEAK_MIB:
            print(f"  MISSED: peak memory {peak:.0f} MiB > {TARGET_PEAK_MIB} MiB")
            missed += 1
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
