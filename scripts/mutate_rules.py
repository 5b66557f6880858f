"""Empty each rule in turn and run the tests that should catch it; print the rules no test misses.

Usage: python scripts/mutate_rules.py [RULE_ID ...]. A rule is "emptied" by replacing its
implementation with one that finds nothing: the registry rules (generator.proof.registry) and the
field checks of the cerberus validator (generator.spec.validate.SpecValidator._check_with_*).
Each mutant runs `pytest -x` on the rule tests, the bad specs and check tests in a fresh process.
Exits 1 when a mutant survives (all tests still pass). Takes two to three minutes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_rules.py", "tests/test_validate.py", "tests/test_check.py", "tests/test_loader.py"]
ENV_VAR = "CONTRACTGEN_EMPTY_RULE"

# The plugin each pytest run loads: it empties the rule named in the environment before tests run.
PLUGIN = """
import dataclasses, os
target = os.environ["{env}"]
if target.startswith("field:"):
    from generator.spec.validate import SpecValidator
    name = "_check_with_" + target.split(":", 1)[1]
    assert hasattr(SpecValidator, name), target
    setattr(SpecValidator, name, lambda self, field, value: None)
else:
    from generator.proof.registry import RULES, ensure_loaded
    ensure_loaded()
    assert target in RULES, target
    RULES[target] = dataclasses.replace(RULES[target], check=lambda contract, options: iter(()))
"""


def targets() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from generator.proof.registry import RULES, ensure_loaded
    from generator.spec.validate import SpecValidator

    ensure_loaded()
    fields = sorted(
        f"field:{n.removeprefix('_check_with_')}" for n in dir(SpecValidator) if n.startswith("_check_with_")
    )
    return list(RULES) + fields


def survives(target: str, plugin_dir: Path) -> bool:
    """True when every test passes with the target emptied."""
    env = {**os.environ, ENV_VAR: target, "PYTHONPATH": f"{plugin_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-n",
            "0",
            "-p",
            "empty_rule_plugin",
            "-p",
            "no:cacheprovider",
            *TESTS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"pytest could not run for {target}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="*", help="only these rule ids (default: every rule)")
    args = parser.parse_args()
    chosen = args.rules or targets()
    plugin_dir = ROOT / "output" / ".mutate"
    plugin_dir.mkdir(parents=True, exist_ok=True)
    (plugin_dir / "empty_rule_plugin.py").write_text(PLUGIN.format(env=ENV_VAR), encoding="utf-8")
    survivors = []
    for target in chosen:
        start = time.perf_counter()
        alive = survives(target, plugin_dir)
        print(f"{'SURVIVED' if alive else 'caught  '} {target} ({time.perf_counter() - start:.1f} s)", flush=True)
        if alive:
            survivors.append(target)
    print(
        f"\n{len(chosen)} rules emptied, {len(survivors)} survived" + (": " + ", ".join(survivors) if survivors else "")
    )
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
