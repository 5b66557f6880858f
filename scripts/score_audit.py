"""Score `contractgen audit` against a hand-labelled corpus: precision, recall, every false alarm and miss.

Usage: python scripts/score_audit.py CORPUS [--require PERCENT] [--verbose]

CORPUS holds texts/<name>.txt and truth.json (see the corpus's README.md):
    {"<name>.txt": {"defects": [{"line", "kind", "note"}], "warnings": [{"line", "kind", "note"}], ...}}

How findings are matched to the truth:
- A finding is placed on the line its `where` names ("line 12", "line 12 (table 1)") and on the
  lines in its `also` (the other places it compares, e.g. a 大写 broken over two lines, or the
  line of the total a percentage is checked against). It matches a truth line of the same file
  when the truth line is one of those lines.
- Only errors count. A defect line matched by at least one error is a hit (one hit per line); a
  defect line matched by none is a miss. An error that matches no defect line is a false alarm
  (each such finding counts), except that an error matching a `warnings` line counts neither way.
- Precision = hits / (hits + false alarms); recall = hits / defect lines.
- Kinds are reported, not required to agree; audit's rules map to the truth's kinds as
  capital.form -> capital-form; capital.figure, words.figure -> capital-figure;
  percent.amount -> percent; instalments.percent, instalments.sum -> instalments;
  table.row, table.total -> table; counterparts -> counterparts; percent.fen -> rounding-warning.
  A hit whose kinds differ is listed as such.

Exit status: 0, or 1 with --require when precision or recall is below PERCENT.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.proof.audit import AuditFinding, audit_file  # noqa: E402

KINDS = {
    "capital.form": "capital-form",
    "capital.figure": "capital-figure",
    "words.figure": "capital-figure",
    "percent.amount": "percent",
    "instalments.percent": "instalments",
    "instalments.sum": "instalments",
    "table.row": "table",
    "table.total": "table",
    "counterparts": "counterparts",
    "percent.fen": "rounding-warning",
}
LINE = re.compile(r"line (\d+)")


@dataclass
class Score:
    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    defects: int = 0
    clean_texts: int = 0
    clean_flagged: int = 0

    def precision(self) -> Decimal:
        found = self.hits + self.false_alarms
        return Decimal(100) * self.hits / found if found else Decimal(100)

    def recall(self) -> Decimal:
        return Decimal(100) * self.hits / self.defects if self.defects else Decimal(100)


def lines_of(finding: AuditFinding) -> set[int]:
    return {int(m.group(1)) for where in (finding.where, *finding.also) if (m := LINE.match(where))}


def score(corpus: Path, verbose: bool) -> Score:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    result = Score()
    for name in sorted(truth):
        entry = truth[name]
        defects = {d["line"]: d for d in entry.get("defects", [])}
        warned = {w["line"] for w in entry.get("warnings", [])}
        report = audit_file(corpus / "texts" / name)
        result.defects += len(defects)
        hit_lines: dict[int, list[AuditFinding]] = {}
        flagged = False
        for finding in report.findings:
            if finding.severity != "error":
                continue
            flagged = True
            lines = lines_of(finding)
            matched = lines & set(defects)
            for line in matched:
                hit_lines.setdefault(line, []).append(finding)
            if not matched and not lines & warned:
                result.false_alarms += 1
                print(f"FALSE ALARM {name}:{finding.where}: {finding.rule}: {finding.message}")
        if not defects:
            result.clean_texts += 1
            result.clean_flagged += flagged
        for line, defect in sorted(defects.items()):
            if line in hit_lines:
                result.hits += 1
                kinds = {KINDS.get(f.rule, f.rule) for f in hit_lines[line]}
                if defect["kind"] not in kinds:
                    print(f"HIT, OTHER KIND {name}:{line}: truth {defect['kind']}, audit {', '.join(sorted(kinds))}")
                elif verbose:
                    print(f"hit {name}:{line}: {defect['kind']}")
            else:
                result.misses += 1
                print(f"MISS {name}:{line}: {defect['kind']}: {defect.get('note', '')}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, metavar="CORPUS")
    parser.add_argument("--require", type=Decimal, metavar="PERCENT", help="exit 1 below this precision or recall")
    parser.add_argument("--verbose", action="store_true", help="also list every hit")
    args = parser.parse_args()
    if not (args.corpus / "truth.json").is_file():
        print(f"score_audit: {args.corpus}/truth.json not found", file=sys.stderr)
        return 2
    s = score(args.corpus, args.verbose)
    print(
        f"defect lines {s.defects}: hits {s.hits}, misses {s.misses}; false alarms {s.false_alarms}; "
        f"defect-free texts flagged {s.clean_flagged} of {s.clean_texts}"
    )
    print(f"precision {s.precision():.1f}%  recall {s.recall():.1f}%")
    if args.require is not None and min(s.precision(), s.recall()) < args.require:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
