"""audit on .docx files: merged table cells, defensive reading (gridSpan, zip bombs), the annotated
copy with Word comments (and LibreOffice opening it), and every generated contract in English."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SPECS
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.errors import InputError
from generator.pipeline import load_contract
from generator.proof.audit import annotated_copy, audit_file
from generator.render.compose import compose
from generator.word.writer import build_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(amount: str = "70,000.00") -> docx.document.Document:
    """A small contract written for this test: two paragraphs, a table whose amount cell is merged
    over two rows, and a counterparts clause that does not add up."""
    d = docx.Document()
    d.add_paragraph("本合同总价为人民币120,000.00元（大写：壹拾贰万元整）。")
    d.add_paragraph("预付款为人民币50,000.00元（大写：伍万元）。")
    rows = [
        ["供应商", "设备", "单价", "数量", "金额"],
        ["甲公司", "服务器", "20,000.00", "2", amount],
        ["甲公司", "交换机", "15,000.00", "2", ""],
        ["乙公司", "存储", "50,000.00", "1", "50,000.00"],
    ]
    table = d.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 4).merge(table.cell(2, 4))
    d.add_paragraph("本合同一式陆份，合同三方各执叁份。")
    return d


def _write(d: docx.document.Document, path: Path) -> Path:
    d.save(str(path))
    return path


def test_an_amount_merged_over_rows_is_their_sum(tmp_path: Path) -> None:
    report = audit_file(_write(_document(), tmp_path / "ok.docx"))
    assert [f.rule for f in report.findings] == ["capital.form", "counterparts"]
    assert report.counts["table_rows"] == 2  # the merged row and the plain one were both checked
    bad = audit_file(_write(_document("75,000.00"), tmp_path / "bad.docx"))
    rows = [f for f in bad.findings if f.rule == "table.row"]
    assert [(f.severity, f.where) for f in rows] == [("error", "table 1, row 2")]
    assert "2 rows" in rows[0].message and "70,000" in rows[0].message and "「75,000.00」" in rows[0].message


def _with_grid_span(value: str, path: Path) -> Path:
    d = _document()
    cell = d.tables[0].cell(3, 0)._tc
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), value)
    cell.get_or_add_tcPr().append(span)
    return _write(d, path)


@pytest.mark.parametrize("value", ["abc", "0", "-3", ""])
def test_a_grid_span_that_is_not_a_number_is_read_as_one(value: str, tmp_path: Path) -> None:
    report = audit_file(_with_grid_span(value, tmp_path / "span.docx"))
    notes = [f for f in report.findings if f.rule == "docx.structure"]
    assert [(f.severity, f.where) for f in notes] == [("warning", "table 1")]
    assert "read as 1" in notes[0].message


def test_a_huge_grid_span_is_clamped(tmp_path: Path) -> None:
    report = audit_file(_with_grid_span("300000000", tmp_path / "huge.docx"))
    notes = [f.message for f in report.findings if f.rule == "docx.structure"]
    assert len(notes) == 1 and "300,000,000" in notes[0] and "read as 5" in notes[0]


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _write(_document(), tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/filler.bin", b"\0" * (3 * 1024 * 1024))  # 3 MB that packs into 3 KB
    with pytest.raises(InputError, match=r"refused: part word/media/filler\.bin would expand to 3,145,728 bytes"):
        audit_file(path)


def test_a_package_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.word import reader

    monkeypatch.setattr(reader, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(InputError, match="refused: the package would expand to"):
        audit_file(_write(_document(), tmp_path / "big.docx"))


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"plain text, not a zip")
    with pytest.raises(InputError, match="not a readable .docx"):
        audit_file(path)


def _comments(raw: bytes) -> dict[str, tuple[str, str]]:
    """comment id -> (its text, the text of the paragraph it is anchored in)."""
    d = docx.Document(io.BytesIO(raw))
    anchored = {}
    for p in d.element.body.iter(f"{W}p"):
        for start in p.iter(f"{W}commentRangeStart"):
            anchored[start.get(f"{W}id")] = "".join(t.text or "" for t in p.iter(f"{W}t"))
    return {str(c.comment_id): (c.text, anchored[str(c.comment_id)]) for c in d.comments}


def test_annotate_puts_each_finding_on_its_paragraph_or_cell(tmp_path: Path) -> None:
    path = _write(_document("75,000.00"), tmp_path / "contract.docx")
    report = audit_file(path)
    raw = annotated_copy(path, report)
    comments = _comments(raw)
    assert len(comments) == len(report.findings) == 3
    by_rule = {text.split(":")[0]: paragraph for text, paragraph in comments.values()}
    assert by_rule["error capital.form"] == "预付款为人民币50,000.00元（大写：伍万元）。"
    assert by_rule["error table.row"] == "75,000.00"  # the amount cell, not the row's first cell
    assert by_rule["error counterparts"] == "本合同一式陆份，合同三方各执叁份。"
    assert all("「" in text for text, _ in comments.values())  # each names what it compares
    assert annotated_copy(path, report) == raw  # the same bytes every time


def test_annotate_from_the_command_line(cli, tmp_path: Path) -> None:
    path = _write(_document("75,000.00"), tmp_path / "contract.docx")
    out = tmp_path / "reviewed" / "contract.annotated.docx"
    result = cli("audit", path, "--annotate", out)
    assert result.code == 1 and out.is_file()
    assert f"wrote {out} (3 comment(s))" in result.err
    assert len(_comments(out.read_bytes())) == 3
    assert cli("audit", path, "--annotate", path).code == 2  # never over the file audited
    text = tmp_path / "contract.txt"
    text.write_text("合同总价为人民币100元（大写：壹佰元整）。", encoding="utf-8")
    refused = cli("audit", text, "--annotate", tmp_path / "x.docx")
    assert refused.code == 2 and "--annotate needs a .docx" in refused.err


def test_annotate_a_clean_document_writes_it_without_comments(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("合同总价为人民币100元（大写：壹佰元整）。")
    path = _write(d, tmp_path / "clean.docx")
    report = audit_file(path)
    assert report.findings == []
    assert docx.Document(io.BytesIO(annotated_copy(path, report))).paragraphs[0].text == d.paragraphs[0].text


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy_and_shows_the_comments(libreoffice: str, tmp_path: Path) -> None:
    path = _write(_document("75,000.00"), tmp_path / "contract.docx")
    annotated = tmp_path / "annotated.docx"
    annotated.write_bytes(annotated_copy(path, audit_file(path)))
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "out"),
            str(annotated),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    odt = tmp_path / "out" / "annotated.odt"
    assert odt.is_file(), "LibreOffice could not open the annotated copy"
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") == 3
    assert "整 is missing after 元" in content and "6 counterparts in all" in content
    assert "contractgen audit" in content  # the author


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_generated_english_contracts_audit_clean(spec: Path, tmp_path: Path) -> None:
    contract = load_contract(spec)
    path = tmp_path / "contract.en.docx"
    path.write_bytes(build_docx(compose(contract, "en")))
    report = audit_file(path)
    assert report.findings == []
    # every amount in words was read and paired with its figure: the total and each instalment
    assert report.counts["pairs"] >= len(contract.instalments) + 1
