"""Text and JSON renderings of check and audit reports (the JSON shape is documented in README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import dotted
from ..render.templates import load_templates
from .check import CheckReport

if TYPE_CHECKING:  # audit (and python-docx with it) is imported only by the commands that read contracts
    from .audit import AuditReport

JSON_VERSION = 1


def check_json(reports: list[CheckReport]) -> str:
    def finding(f: Any) -> dict[str, Any]:
        return {
            "rule": f.rule,
            "severity": f.severity,
            "file": f.location.file if f.location else None,
            "line": f.location.line if f.location else None,
            "column": f.location.column if f.location else None,
            "path": dotted(f.path),
            "message": f.message,
            "regulation": f.regulation,
            "waiver_reason": f.waiver,
        }

    return json.dumps(
        {
            "version": JSON_VERSION,
            "specs": [
                {
                    "spec": r.spec,
                    "ok": r.errors == 0,
                    "errors": r.errors,
                    "warnings": r.warnings,
                    "findings": [finding(f) for f in r.findings],
                    "passed": r.passed,
                    "money": r.summary,
                }
                for r in reports
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def check_text(report: CheckReport, *, findings_only: bool = False) -> str:
    """The report as text: its findings, then (unless findings_only) the passed rules and the money."""
    lines = [f"== {report.spec}"]
    for f in report.findings:
        where = f"{f.location}: {dotted(f.path)}: " if f.location else ""
        source = f" [{f.regulation}]" if f.regulation else ""
        waived = f" (waived: {f.waiver})" if f.waiver else ""
        lines.append(f"{f.severity:<7} {f.rule}: {where}{f.message}{source}{waived}")
    if findings_only:
        return "\n".join(lines)
    if report.passed:
        lines.append("passed: " + ", ".join(report.passed))
    money = report.summary
    if money:
        lines.append("money:")
        total = money["total"]
        lines.append(f"  total                ¥{total['digits']:>16}  人民币{total['words']}")
        for i in money["instalments"]:
            true_share = ("" if i["true_percent_exact"] else "approx. ") + i["true_percent"] + "%"
            if i["share"] == "rounded":
                share = f"{i['percent']}% (rounded from {true_share})"
            elif i["share"] == "none":
                share = f"share not printed ({true_share})"
            else:
                share = i["percent"] + "%" + ("" if i["percent_exact"] else " (approx.)")
            event = load_templates().labels.text(f"due_event.{i['due_event']}", "en")
            due = f", due {i['due_date']}" if i["due_date"] else f", due after {event}"
            lines.append(f"  instalment {i['number']:<9} ¥{i['digits']:>16}  人民币{i['words']}  {share}{due}")
            for b in i["score_bands"]:
                lines.append(f"    score ≥ {b['min_score']:<6} pays ¥{b['digits']} ({b['pay_percent']}%)")
            if i["score_linear"]:
                linear = i["score_linear"]
                lines.append(f"    pro rata: nothing at ≤ {linear['zero_score']}, all at ≥ {linear['full_score']}")
            if i["score_coefficient"]:
                k = i["score_coefficient"]
                lines.append(
                    f"    coefficient: nothing below {k['zero_below']}, all at ≥ {k['full_from']}, "
                    f"else amount × score ÷ {k['full_score']}"
                )
            if i["score_basis"]:
                lines.append(f"    on the {i['score_basis']} score")
            if i["deposit_credit"]:
                credit, net = i["deposit_credit"], i["net"]
                balance = (
                    f"Party A pays the balance ¥{net['digits']}  人民币{net['words']}"
                    if net
                    else "the assessment decides the balance"
                )
                lines.append(f"    定金 ¥{credit['digits']} credited; {balance}")
        security = money["performance_security"]
        if security:
            lines.append(
                f"  performance security ¥{security['digits']:>16}  人民币{security['words']}  {security['percent']}%"
            )
        for line in money["fee_lines"]:
            product = (
                f"= {line['unit_price']} × {line['quantity']} × {line['months']}" if line["unit_price"] else "lump sum"
            )
            lines.append(f"  fee line {line['number']:<11} ¥{line['digits']:>16}  {product}  {line['item']}")
        for d in money["deductions"]:
            amount = (
                f"¥{d['digits']:>16}" if "digits" in d else f"{d['percent_of_instalment']}% of the instalment".rjust(17)
            )
            terms = ", ".join(
                t
                for t in (
                    "owed by Party A" if d["owed_by"] == "buyer" else "",
                    "per day" if d["per_day"] else "",
                    f"cap ¥{d['cap']}" if d["cap"] else "",
                )
                if t
            )
            lines.append(f"  deduction            {amount}  {d['event']}" + (f" ({terms})" if terms else ""))
    lines.append(f"{report.spec}: {report.errors} error(s), {report.warnings} warning(s)")
    return "\n".join(lines)


def audit_json(reports: list[AuditReport]) -> str:
    return json.dumps(
        {
            "version": JSON_VERSION,
            "files": [
                {
                    "file": r.file,
                    "ok": r.errors == 0,
                    "total": f"{r.total:.2f}" if r.total is not None else None,
                    "errors": r.errors,
                    "warnings": len(r.findings) - r.errors,
                    "checked": r.counts,
                    "findings": [
                        {
                            "rule": f.rule,
                            "severity": f.severity,
                            "where": f.where,
                            "snippet": f.snippet,
                            "message": f.message,
                            "also": list(f.also),
                        }
                        for f in r.findings
                    ],
                }
                for r in reports
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def audit_text(report: AuditReport) -> str:
    lines = [f"== {report.file}"]
    total = f"¥{report.total:,.2f}" if report.total is not None else "not found"
    lines.append(f"contract total: {total}")
    for f in report.findings:
        also = f" (and {', '.join(f.also)})" if f.also else ""
        lines.append(f"{f.severity:<7} {f.rule}: {f.where}{also}: {f.message}\n        「{f.snippet}」")
    checked = ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items()))
    lines.append(f"checked: {checked or 'no amounts found'}")
    lines.append(f"{report.file}: {report.errors} error(s), {len(report.findings) - report.errors} warning(s)")
    return "\n".join(lines)
