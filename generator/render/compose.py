"""Clause rendering: Jinja2 clause templates + the contract model -> the block model.

Owns the template environment (strict; every filter registered in Composer._environment), the
clause manifest, computed numbering (第一条 / 1.1 / （1）), cross-references, tables and the
fixed pages (cover, parties, signature page, annexes). Pure: reads templates, writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..domain.money import Amount, Percent, plain_decimal
from ..errors import RenderError
from ..spec.model import Contract, Instalment, Party, Text
from .blocks import TEXT_WIDTH_CM, Block, Document, PageBreak, Paragraph, Parallel, Table

_CN_DIGITS = "零一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def templates_dir() -> Path:
    """templates/ of a source checkout, else the copy installed inside the package."""
    package = Path(__file__).resolve().parent.parent
    source = package.parent / "templates"
    if (source / "contract.yaml").is_file():
        return source
    return package / "templates"


@dataclass(frozen=True)
class TemplateSet:
    """A folder of templates: contract.yaml (clause order), labels.yaml and clauses/*.j2."""

    root: Path
    manifest: dict[str, Any]
    labels: dict[str, Any]
    loader: jinja2.BaseLoader


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RenderError(f"{path}: cannot read: {e}") from e


@cache
def load_templates(root: Path | None = None) -> TemplateSet:
    """The template set at root (default: the project's templates/)."""
    folder = Path(root) if root is not None else templates_dir()
    if not (folder / "contract.yaml").is_file() or not (folder / "clauses").is_dir():
        raise RenderError(f"{folder}: not a template folder (needs contract.yaml, labels.yaml and clauses/)")
    return TemplateSet(
        folder,
        _read_yaml(folder / "contract.yaml"),
        _read_yaml(folder / "labels.yaml"),
        jinja2.FileSystemLoader(str(folder / "clauses")),
    )


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (for 第N条; n < 100)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """Counts in capital figures as contracts write them: 8 -> 捌, 12 -> 壹拾贰 (n < 100)."""
    tens, ones = divmod(int(n), 10)
    if tens == 0:
        return _CAPITAL_DIGITS[ones]
    return _CAPITAL_DIGITS[tens] + "拾" + (_CAPITAL_DIGITS[ones] if ones else "")


FILTER_NAMES = ("t", "money", "yuan", "words", "pct", "date", "num", "cn_count", "plural")


def plural(count: int, noun: str) -> str:
    """English count and noun: 1 day, 10 days (Chinese needs no plural)."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def format_date(value: dt.date, lang: str) -> str:
    """2025年11月6日 / 6 November 2025."""
    if lang == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


# (interim: moving to templates/labels.yaml)
PROCUREMENT_METHODS = {
    "public_tender": ("公开招标", "open tender"),
    "invited_tender": ("邀请招标", "invited tender"),
    "competitive_negotiation": ("竞争性谈判", "competitive negotiation"),
    "competitive_consultation": ("竞争性磋商", "competitive consultation"),
    "single_source": ("单一来源采购", "single-source procurement"),
    "inquiry": ("询价", "request for quotations"),
    "framework_agreement": ("框架协议采购", "framework-agreement procurement"),
}
PARTY_KINDS = {
    "government": ("国家机关", "government body"),
    "public_institution": ("事业单位", "public institution"),
    "enterprise": ("企业", "enterprise"),
    "other": ("其他组织", "other organisation"),
}
REPRESENTATIVE_ROLES = {
    "legal_representative": ("法定代表人", "Legal Representative"),
    "principal": ("负责人", "Principal"),
}
SIDES = {"buyer": ("甲方", "Party A"), "supplier": ("乙方", "Party B")}
DUE_EVENTS = {
    "signing": ("本合同签订", "the signing of this Contract"),
    "setup_acceptance": ("服务准备工作验收合格", "acceptance of the service set-up"),
    "service_start": ("服务期开始", "the start of the service period"),
    "service_end": ("服务期届满", "the end of the service period"),
    "final_acceptance": ("项目最终验收合格", "final acceptance of the project"),
    "quarter_assessment": ("该季度考核完成", "the assessment of that quarter"),
    "date": ("约定日期", "the agreed date"),
}
SECURITY_FORMS = {
    "cash": ("现金（转账）", "cash (by bank transfer)"),
    "cheque": ("支票", "a cheque"),
    "draft": ("汇票", "a bank draft"),
    "promissory_note": ("本票", "a promissory note"),
    "bank_guarantee": ("银行保函", "a bank guarantee"),
    "insurance_guarantee": ("保险保函", "an insurance guarantee"),
}
KPI_FREQUENCIES = {
    "daily": ("每日", "daily"),
    "monthly": ("月度", "monthly"),
    "quarterly": ("季度", "quarterly"),
    "yearly": ("年度", "yearly"),
    "per_event": ("每次", "per event"),
}
CONFIDENTIALITY_TERMS = {
    "permanent": ("永久", "permanently"),
    "until_public": ("至相关信息依法公开之日止", "until the information lawfully becomes public"),
    "years": ("年", "years"),
}
IP_OWNERS = {
    "buyer": ("甲方", "Party A"),
    "supplier": ("乙方", "Party B"),
    "joint": ("甲乙双方共有", "Party A and Party B jointly"),
}
DISPUTE_ROUTES = ("litigation", "arbitration")
ANNEXES = {
    "scope": ("服务内容清单", "List of Services"),
    "fee_schedule": ("费用明细表", "Fee Schedule"),
    "payment_schedule": ("付款计划表", "Payment Schedule"),
    "assessment": ("考核表", "Assessment Table"),
    "service_levels": ("故障分级及服务承诺表", "Fault Classes and Service Commitments"),
    "integrity": ("廉洁诚信协议", "Integrity Agreement"),
    "confidentiality": ("保密协议", "Confidentiality Agreement"),
    "documents": ("构成合同的采购文件清单", "Procurement Documents Forming the Contract"),
}


_LABEL_GROUPS = {
    "procurement_method": PROCUREMENT_METHODS,
    "party_kind": PARTY_KINDS,
    "due_event": DUE_EVENTS,
    "security_form": SECURITY_FORMS,
    "frequency": KPI_FREQUENCIES,
    "ip_owner": IP_OWNERS,
    "annex": ANNEXES,
    "side": SIDES,
    "role": REPRESENTATIVE_ROLES,
}


class Composer:
    """Renders one contract in one language (zh or en) into blocks."""

    def __init__(self, contract: Contract, lang: str, output_lang: str, templates: TemplateSet | None = None):
        self.c = contract
        self.lang = lang
        self.output_lang = output_lang
        self.templates = templates or load_templates()
        self.untranslated: dict[str, None] = {}  # spec paths whose English fell back to Chinese
        self.labels = self.templates.labels
        self.clauses = [entry for entry in self.templates.manifest["clauses"] if self._included(entry)]
        self.numbers = {entry["id"]: n for n, entry in enumerate(self.clauses, start=1)}
        self.annex_numbers = {name: n for n, name in enumerate(contract.annexes, start=1)}
        self._current = ""

    # --- the environment -------------------------------------------------------------------

    def _environment(self) -> jinja2.Environment:
        # autoescape off: the output is Word text (python-docx escapes XML), not HTML.
        env = jinja2.Environment(
            loader=self.templates.loader,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
        )
        env.filters.update(
            t=self.text,
            money=self.money,
            yuan=self.yuan,
            words=self.words,
            pct=self.pct,
            date=lambda d: format_date(d, self.lang),
            num=plain_decimal,
            cn_count=cn_count if self.lang == "zh" else str,
            plural=plural,
        )
        assert set(env.filters) >= set(FILTER_NAMES)
        env.globals.update(ref=self.ref, label=self.label, annex_title=self.annex_title)
        return env

    @cached_property
    def env(self) -> jinja2.Environment:
        return self._environment()

    # --- filters and globals ---------------------------------------------------------------

    def pick(self, pair: dict[str, str] | tuple[str, str]) -> str:
        if isinstance(pair, tuple):
            return pair[0] if self.lang == "zh" else pair[1]
        return str(pair[self.lang])

    def text(self, value: Text | None) -> str:
        if value is None:
            raise RenderError(f"{self._current}: a text value is missing")
        if self.lang == "en":
            if value.en:
                return value.en
            self.untranslated.setdefault(value.path or "(unnamed)", None)
        return value.zh

    def yuan(self, amount: Amount) -> str:
        return f"¥{amount.digits}" if self.lang == "zh" else f"RMB {amount.digits}"

    def words(self, amount: Amount) -> str:
        return f"人民币{amount.words_zh}" if self.lang == "zh" else amount.words_en

    def money(self, amount: Amount) -> str:
        """Figures and words together: ¥982,000.00（大写：人民币玖拾捌万贰仟元整）."""
        if self.lang == "zh":
            return f"¥{amount.digits}（大写：人民币{amount.words_zh}）"
        return f"RMB {amount.digits} (say: {amount.words_en})"

    def pct(self, value: Percent) -> str:
        if value.exact:
            return f"{value.display}%"
        return f"约{value.display}%" if self.lang == "zh" else f"approx. {value.display}%"

    def label(self, group: str, key: str) -> str:
        try:
            return self.pick(_LABEL_GROUPS[group][key])
        except KeyError as e:
            raise RenderError(f"{self._current}: no label {group}.{key}") from e

    def ref(self, clause_id: str) -> str:
        if clause_id not in self.numbers:
            known = {entry["id"] for entry in self.templates.manifest["clauses"]}
            why = "which this contract leaves out" if clause_id in known else "which does not exist"
            raise RenderError(f"{self._current}: refers to clause {clause_id!r}, {why}")
        return self.article(self.numbers[clause_id])

    def article(self, n: int) -> str:
        return self.labels["article"][self.lang].format(n=cn_numeral(n) if self.lang == "zh" else n)

    def annex_title(self, name: str) -> str:
        return self.label("annex", name)

    # --- clauses ---------------------------------------------------------------------------

    def where(self, name: str) -> str:
        """A template file as a user would name it: relative to the working directory if inside."""
        path = self.templates.root / name
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def _included(self, entry: dict[str, Any]) -> bool:
        when = entry.get("when")
        if not when:
            return True
        env = jinja2.Environment(undefined=jinja2.StrictUndefined)
        try:
            return bool(env.compile_expression(when)(c=self.c, lang=self.output_lang))
        except jinja2.TemplateError as e:
            raise RenderError(f"{self.where('contract.yaml')}: clause {entry['id']}: when: {e}") from e

    def render_template(self, name: str, **extra: Any) -> str:
        self._current = self.where(f"clauses/{name}")
        try:
            template = self.env.get_template(name)
            return template.render(c=self.c, lang=self.output_lang, **extra)
        except jinja2.TemplateSyntaxError as e:
            raise RenderError(f"{self._current}:{e.lineno}: {e.message}") from e
        except jinja2.TemplateNotFound as e:
            raise RenderError(f"template {e.name} not found in {self.templates.root / 'clauses'}") from e
        except jinja2.UndefinedError as e:
            raise RenderError(f"{self._current}: undefined variable: {e.message}") from e

    def parse(self, rendered: str, article: int | None) -> list[Block]:
        """Line markup -> blocks: '§ ' numbered clause, '- ' item, '@table NAME', else body."""
        blocks: list[Block] = []
        sub = item = 0
        for raw in rendered.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("§ "):
                sub += 1
                item = 0
                number = f"{article}.{sub}" if article else f"{sub}."
                blocks.append(Paragraph(line[2:].strip(), "clause", number, self.lang))
            elif line.startswith("- "):
                item += 1
                number = f"（{item}）" if self.lang == "zh" else f"({item})"
                blocks.append(Paragraph(line[2:].strip(), "item", number, self.lang))
            elif line.startswith("@table "):
                name, *args = line.split()[1:]
                blocks.append(self.table(name, args))
            else:
                blocks.append(Paragraph(line, "body", "", self.lang))
        return blocks

    def clause(self, entry: dict[str, Any], n: int) -> list[Block]:
        gap = "　" if self.lang == "zh" else "  "
        heading = Paragraph(f"{self.article(n)}{gap}{self.pick(entry['title'])}", "heading", "", self.lang)
        body = self.parse(self.render_template(f"{entry['id']}.{self.lang}.j2"), n)
        if not body:
            raise RenderError(f"{self._current}: clause {entry['id']} rendered no text")
        return [heading, *body]

    # --- tables ----------------------------------------------------------------------------

    def headers(self, name: str) -> tuple[str, ...]:
        return tuple(self.pick(h) for h in self.labels["tables"][name])

    def table(self, name: str, args: list[str]) -> Table:
        builder = getattr(self, f"_table_{name}", None)
        if builder is None:
            raise RenderError(f"{self._current}: unknown table {name!r}")
        return builder(*args)  # type: ignore[no-any-return]

    def _table_fee_schedule(self) -> Table:
        rows = tuple(
            (
                str(line.number),
                self.text(line.item),
                line.unit_price.digits,
                self.text(line.unit),
                plain_decimal(line.quantity),
                plain_decimal(line.months),
                line.amount.digits,
                "；".join(self.text(t) for t in (line.note, line.overage) if t)
                if self.lang == "zh"
                else "; ".join(self.text(t) for t in (line.note, line.overage) if t),
            )
            for line in self.c.fee_lines
        )
        total = (self.pick(self.labels["total_row"]), "", "", "", "", "", self.c.total.digits, "")
        return Table(
            self.headers("fee_schedule"),
            rows + (total,),
            (0.9, 2.9, 2.2, 2.2, 1.0, 1.3, 2.7, 2.7),
            ("center", "left", "right", "center", "right", "right", "right", "left"),
            total_rows=1,
        )

    def due_text(self, instalment: Instalment) -> str:
        macros = self.env.get_template(f"_macros.{self.lang}.j2").make_module({"c": self.c, "lang": self.output_lang})
        return str(macros.due(instalment.due))  # type: ignore[attr-defined]

    def _table_payment_schedule(self) -> Table:
        rows = tuple(
            (
                (f"第{i.number}期" if self.lang == "zh" else f"Instalment {i.number}")
                + (f"\n{self.text(i.name)}" if i.name else ""),
                self.due_text(i),
                self.pct(i.percent),
                i.amount.digits,
                self.words(i.amount),
            )
            for i in self.c.instalments
        )
        total = (self.pick(self.labels["total_row"]), "", "100%", self.c.total.digits, self.words(self.c.total))
        return Table(
            self.headers("payment_schedule"),
            rows + (total,),
            (2.3, 4.0, 2.4, 2.9, 4.3),
            ("center", "left", "right", "right", "left"),
            total_rows=1,
        )

    def _table_kpis(self) -> Table:
        assessment = self.c.assessment
        assert assessment is not None
        headers = self.headers("kpis")
        rows = [
            (
                str(k.number),
                self.text(k.indicator),
                self.text(k.definition),
                self.text(k.target) if k.target else self.pick(self.labels["not_applicable"]),
                self.label("frequency", k.frequency) if k.frequency else self.pick(self.labels["not_applicable"]),
                plain_decimal(k.weight) if k.weight is not None else "",
            )
            for k in assessment.kpis
        ]
        if assessment.weighted:
            total = (self.pick(self.labels["total_row"]), "", "", "", "", plain_decimal(assessment.full_score))
            return Table(
                headers,
                tuple(rows) + (total,),
                (1.0, 2.6, 7.3, 2.2, 1.5, 1.3),
                ("center", "left", "left", "left", "center", "right"),
                total_rows=1,
            )
        return Table(
            headers[:5],
            tuple(r[:5] for r in rows),
            (1.0, 2.8, 7.7, 2.6, 1.8),
            ("center", "left", "left", "left", "center"),
        )

    def _band_range(self, low: Decimal, high: Decimal | None) -> str:
        lo, hi = plain_decimal(low), plain_decimal(high) if high is not None else ""
        if self.lang == "zh":
            if high is None:
                return f"{lo}分（含）以上"
            return f"{hi}分以下" if low == 0 else f"{lo}分（含）至{hi}分（不含）"
        if high is None:
            return f"{lo} points or more"
        return f"below {hi} points" if low == 0 else f"{lo} (inclusive) to {hi} (exclusive) points"

    def _table_bands(self, number: str) -> Table:
        instalment = self.c.instalments[int(number) - 1]
        rows = tuple(
            (self._band_range(b.min_score, b.max_score), self.pct(b.pay_percent), b.pays.digits)
            for b in instalment.bands
        )
        return Table(self.headers("score_bands"), rows, (6.3, 4.0, 5.6), ("left", "right", "right"))

    def _table_service_levels(self) -> Table:
        rows = tuple(
            (
                self.text(s.level),
                self.text(s.definition),
                self.text(s.response),
                (f"{s.restore_minutes}分钟" if self.lang == "zh" else f"{s.restore_minutes} minutes")
                if s.restore_minutes
                else self.pick(self.labels["not_applicable"]),
            )
            for s in self.c.service_levels
        )
        return Table(self.headers("service_levels"), rows, (3.0, 5.6, 5.3, 2.0), ("left", "left", "left", "center"))

    def _table_scope(self) -> Table:
        rows = tuple(
            (str(n), self.text(s.title), self.text(s.text)) for n, s in enumerate(self.c.service.scope, start=1)
        )
        return Table(self.headers("scope"), rows, (1.2, 3.5, 11.2), ("center", "left", "left"))

    def _table_documents(self) -> Table:
        names = [self.c.title, *self.c.documents]
        rows = tuple((str(n), self.text(d)) for n, d in enumerate(names, start=1))
        return Table(self.headers("documents"), rows, (1.5, 14.4), ("center", "left"))

    # --- fixed pages -----------------------------------------------------------------------

    def cover(self) -> list[Block]:
        c, lab = self.c, self.labels
        blocks: list[Block] = [
            Paragraph(self.text(c.title), "title", "", self.lang),
            Paragraph(lab["cover_number"][self.lang].format(number=c.number), "subtitle", "", self.lang),
            Paragraph(
                lab["cover_project"][self.lang].format(name=self.text(c.project_name)), "subtitle", "", self.lang
            ),
        ]
        if c.project_number:
            blocks.append(
                Paragraph(
                    lab["cover_project_number"][self.lang].format(number=c.project_number), "subtitle", "", self.lang
                )
            )
        for party in (c.buyer, c.supplier):
            blocks.extend(self.party(party))
        blocks.extend(self.parse(self.render_template(f"preamble.{self.lang}.j2"), None))
        return blocks

    def party(self, p: Party) -> list[Block]:
        f = self.labels["party_fields"]
        colon = "：" if self.lang == "zh" else ": "
        lines: list[Block] = [
            Paragraph(f"{self.pick(self.labels[p.side])}{colon}{self.text(p.name)}", "party", "", self.lang)
        ]

        def field(key: str, value: str | None) -> None:
            if value:
                lines.append(Paragraph(f"{f[key][self.lang]}{colon}{value}", "party_field", "", self.lang))

        field("credit_code", p.credit_code)
        field("address", self.text(p.address))
        field("postcode", p.postcode)
        field(p.representative_role, self.text(p.representative_name))
        field("contact", self.text(p.contact.name))
        field("phone", p.contact.phone)
        field("fax", p.contact.fax)
        field("email", p.contact.email)
        if p.bank:
            field("account_name", self.text(p.bank.account_name))
            field("bank", self.text(p.bank.bank))
            field("account", p.bank.account)
        return lines

    def signature_page(self) -> list[Block]:
        lab, sig, c = self.labels, self.labels["signature"], self.c
        title = self.text(c.title)
        colon = "：" if self.lang == "zh" else ": "
        cells = []
        for p in (c.buyer, c.supplier):
            lines = [
                f"{self.pick(lab[p.side])}{self.pick(sig['seal'])}{colon}{self.text(p.name)}",
                "",
                "",  # room for the seal
                self.pick(sig["signatory"]),
                "",
                "",  # room for the signature
                f"{self.pick(sig['date'])}{format_date(c.signing_date, self.lang)}",
            ]
            if p.bank:
                fields = self.labels["party_fields"]
                lines += [
                    "",
                    f"{fields['account_name'][self.lang]}{colon}{self.text(p.bank.account_name)}",
                    f"{fields['bank'][self.lang]}{colon}{self.text(p.bank.bank)}",
                    f"{fields['account'][self.lang]}{colon}{p.bank.account}",
                ]
            cells.append("\n".join(lines))
        place = f"{self.pick(sig['place'])}{self.text(c.signing_place)}"
        return [
            Paragraph(lab["signature_title"][self.lang].format(title=title), "center", "", self.lang),
            Table(None, (tuple(cells),), (TEXT_WIDTH_CM / 2,) * 2, ("left", "left"), borders=False),
            Paragraph(place, "body_plain", "", self.lang),
        ]

    def annex(self, name: str) -> list[Block]:
        n = self.annex_numbers[name]
        title = self.templates.manifest["annex_title"][self.lang].format(n=n, title=self.annex_title(name))
        body = self.parse(self.render_template(f"annex_{name}.{self.lang}.j2"), None)
        return [Paragraph(title, "annex_title", "", self.lang), *body]

    # --- the whole contract, as units that line up across languages -------------------------

    def units(self) -> list[tuple[str, list[Block]]]:
        """(key, blocks) in document order; the same keys in every language."""
        units: list[tuple[str, list[Block]]] = [("cover", self.cover())]
        for n, entry in enumerate(self.clauses, start=1):
            units.append((f"clause:{entry['id']}", self.clause(entry, n)))
        units.append(("end", [Paragraph(self.pick(self.labels["no_more_text"]), "center", "", self.lang)]))
        units.append(("signature", [PageBreak(), *self.signature_page()]))
        for name in self.c.annexes:
            units.append((f"annex:{name}", [PageBreak(), *self.annex(name)]))
        return units


_FULL_WIDTH = {"title", "annex_title", "center"}


def _pair(zh: list[Block], en: list[Block]) -> list[Block]:
    """Side-by-side blocks: paragraph runs become Parallel rows, tables merge cell by cell."""

    def runs(blocks: list[Block]) -> list[list[Block] | Block]:
        out: list[list[Block] | Block] = []
        for b in blocks:
            if isinstance(b, Paragraph):
                last = out[-1] if out else None
                if isinstance(last, list) and (last[-1].style in _FULL_WIDTH) == (b.style in _FULL_WIDTH):  # type: ignore[union-attr]
                    last.append(b)
                else:
                    out.append([b])
            else:
                out.append(b)
        return out

    left, right = runs(zh), runs(en)
    if len(left) != len(right):
        raise RenderError("the Chinese and English templates produce different structures (tables or pages)")
    result: list[Block] = []
    for a, b in zip(left, right, strict=True):
        if isinstance(a, list) and isinstance(b, list):
            if all(isinstance(p, Paragraph) and p.style in _FULL_WIDTH for p in a + b):
                result.extend(a + b)  # titles stay full width: the Chinese line, then the English
            else:
                result.append(Parallel(tuple(a), tuple(b)))  # type: ignore[arg-type]
        elif isinstance(a, Table) and isinstance(b, Table):
            result.append(_merge_tables(a, b))
        elif isinstance(a, PageBreak) and isinstance(b, PageBreak):
            result.append(a)
        else:
            raise RenderError("the Chinese and English templates produce different structures")
    return result


def _merge_tables(zh: Table, en: Table) -> Table:
    def cell(a: str, b: str) -> str:
        return a if a == b else f"{a}\n{b}"

    header = tuple(cell(a, b) for a, b in zip(zh.header, en.header, strict=True)) if zh.header and en.header else None
    rows = tuple(
        tuple(cell(a, b) for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(zh.rows, en.rows, strict=True)
    )
    return Table(header, rows, zh.widths, zh.align, zh.total_rows, zh.borders)


def compose(contract: Contract, lang: str, templates: Path | None = None) -> Document:
    """The contract in lang (zh, en or zh-en) as a block Document, from a template folder."""
    template_set = load_templates(templates)
    composers = {
        code: Composer(contract, code, lang, template_set) for code in (("zh", "en") if lang == "zh-en" else (lang,))
    }
    unit_lists = {code: composer.units() for code, composer in composers.items()}
    if lang == "zh-en":
        zh, en = unit_lists["zh"], unit_lists["en"]
        blocks: list[Block] = []
        for (key_zh, blocks_zh), (key_en, blocks_en) in zip(zh, en, strict=True):
            if key_zh != key_en:
                raise RenderError(f"clause order differs between languages: {key_zh} / {key_en}")
            blocks.extend(_pair(blocks_zh, blocks_en))
    else:
        blocks = [b for _, unit in unit_lists[lang] for b in unit]
    main = composers["zh" if lang != "en" else "en"]
    lab = template_set.labels
    title = main.text(contract.title)
    untranslated = composers["en"].untranslated if "en" in composers else {}
    if lang == "zh-en":
        title = f"{title} / {composers['en'].text(contract.title)}"
    footer = tuple(lab["footer"]["en" if lang == "en" else "zh"])
    number_label = lab["cover_number"]["zh" if lang != "en" else "en"].format(number=contract.number)
    return Document(
        lang=lang,
        title=title,
        header_text=f"{title}{'　' if lang != 'en' else '  '}{number_label}",
        footer=footer,  # type: ignore[arg-type]
        author=main.text(contract.buyer.name),
        subject=main.text(contract.project_name),
        signing_date=contract.signing_date.isoformat(),
        blocks=tuple(blocks),
        warnings=tuple(untranslated),
    )
