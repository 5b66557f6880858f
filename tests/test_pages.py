"""The printed pages, read from LibreOffice's PDF: the faces used, no blank or near-empty pages, a
one-page signature page, and the side-by-side version's length.

Every example in every language is converted once per test session, in one soffice run, with the
font configuration the PDF step brings (generator/word/fonts.conf) and a HOME without the user's
own fontconfig; the PDFs are shared by the pytest-xdist workers through a locked cache folder.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import LANGS, ROOT, SPECS, convert

from generator.pipeline import generate, load_contract
from generator.render.blocks import Document, Paragraph
from generator.render.compose import compose
from generator.word.pdf import soffice_environment
from generator.word.writer import build_docx

pytestmark = pytest.mark.libreoffice

# The body of an A4 page between the header and the footer (points from the top; margins 2.54 cm).
BODY_TOP, BODY_HEIGHT, PAGE_WIDTH = 62, 718, 595
MIN_LINES = 3
ANNEX_TITLE = re.compile(r"^(附件\d+：|Annex\d+:)")  # squashed


def body_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text between the header and the footer."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-x", "0", "-y", str(BODY_TOP), "-W", str(PAGE_WIDTH)]
        + ["-H", str(BODY_HEIGHT), str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    pages = text.split("\f")[:-1]  # pdftotext ends every page with a form feed
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def _squash(text: str) -> str:
    return "".join(text.split())


def annex_starts(pages: list[list[str]]) -> list[int]:
    """Indexes of the pages on which an annex begins (its title is the page's first line)."""
    return [i for i, lines in enumerate(pages) if lines and ANNEX_TITLE.match(_squash(lines[0]))]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_no_page_has_fewer_than_three_lines(example_pdfs: dict[tuple[str, str], Path], spec: Path, lang: str) -> None:
    """A page with one or two lines is a page a reviewer would ask to remove, except the last page
    of an annex, where a table or text may end after a line or two; a blank page, anywhere."""
    pages = body_lines(example_pdfs[spec.stem, lang])
    starts = annex_starts(pages)
    annex_ends = {start - 1 for start in starts[1:]} | ({len(pages) - 1} if starts else set())
    short = [
        f"page {i + 1}: {lines}"
        for i, lines in enumerate(pages)
        if not lines or (len(lines) < MIN_LINES and i not in annex_ends)
    ]
    assert not short, f"{spec.stem} ({lang}): near-empty pages:\n" + "\n".join(short)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_signature_page_is_one_page_naming_the_contract(
    example_pdfs: dict[tuple[str, str], Path], spec: Path, lang: str
) -> None:
    pages = [_squash(" ".join(lines)) for lines in body_lines(example_pdfs[spec.stem, lang])]
    marker = "签署页" if lang != "en" else "Signaturepage"
    (index,) = [i for i, page in enumerate(pages) if marker in page]
    contract = load_contract(spec)
    title = contract.title.en if lang == "en" and contract.title.en else contract.title.zh
    assert _squash(title)[:12] in pages[index]
    seal = "（盖章）" if lang != "en" else "(Seal)"
    own = {label.key: label.text for label in contract.labels}  # the spec's own words (output.labels)
    if "signature.date" in own:
        date = _squash((own["signature.date"].en if lang == "en" else own["signature.date"].zh) or "")
    else:
        date = "签署日期" if lang != "en" else "Date:"
    if lang == "en" and not contract.bilingual:
        # the English reference translation of a contract signed in Chinese: nothing to sign or fill in
        assert "translatestheChinesesignaturepage" in pages[index] and seal not in pages[index]
        assert "signature):" not in pages[index] and "____" not in pages[index]
        assert pages[index].count(date) == (2 if contract.print_signing_date and contract.signed_on else 0)
    else:
        assert pages[index].count(seal) == 2, "both parties' seal lines on the signature page"
        assert pages[index].count(date) == 2
    following = pages[index + 1] if index + 1 < len(pages) else ""
    assert not following or ANNEX_TITLE.match(following), "the signature page runs on"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_side_by_side_is_at_most_1_8_times_the_chinese(example_pdfs: dict[tuple[str, str], Path], spec: Path) -> None:
    zh = len(body_lines(example_pdfs[spec.stem, "zh"]))
    zh_en = len(body_lines(example_pdfs[spec.stem, "zh-en"]))
    assert zh_en <= 1.8 * zh, f"{spec.stem}: zh-en {zh_en} pages, zh {zh} ({zh_en / zh:.2f}×)"


def test_pdf_sets_chinese_in_noto_serif_and_headings_in_noto_sans(
    libreoffice: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`render --pdf` as on a machine with fonts-noto-cjk and no fontconfig alias of its own: a HOME
    without ~/.config/fontconfig. Body text (宋体) must come out in Noto Serif CJK, headings (黑体,
    bold) in Noto Sans CJK, and no other CJK face (the JP-first default set everything in Sans).

    LibreOffice names an embedded Noto CJK face after the collection's shared CFF data, which is
    Noto …CJKjp for every language of the collection; that 宋体 and 黑体 resolve to the SC faces and
    that the Simplified Chinese glyph forms print is tested below (test_fonts_conf_…, …glyph_forms)."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is needed")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    result = generate(ROOT / "specs" / "luohe-12345-2025.yaml", tmp_path, lang="zh", pdf=True)
    pdf = next(f for f in result.files if f.suffix == ".pdf")
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]]
    cjk = [n for n in names if "CJK" in n or "WenQuanYi" in n or "Droid" in n or "AR PL" in n]
    assert any(n.startswith("NotoSerifCJK") and "-Regular" in n for n in cjk), listing
    assert any(n.startswith("NotoSansCJK") and "-Bold" in n for n in cjk), listing
    assert all(n.startswith(("NotoSerifCJK", "NotoSansCJK")) for n in cjk), listing
    assert not any(n.startswith("NotoSansCJK") and "-Regular" in n for n in cjk), f"body text in a sans face: {listing}"


@pytest.mark.parametrize(("family", "face"), [("宋体", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC")])
def test_fonts_conf_maps_the_contract_faces_to_the_sc_faces(
    libreoffice: str, tmp_path: Path, family: str, face: str
) -> None:
    """The font configuration the PDF step gives soffice, on its own (no user alias): 宋体 is the
    Simplified Chinese serif face, 黑体 the sans one."""
    if not shutil.which("fc-match"):
        pytest.skip("fc-match (fontconfig) is needed")
    env = soffice_environment(tmp_path)
    found = subprocess.run(
        ["fc-match", "-f", "%{family[0]}", family], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert found == face


def _with_extra_lines(spec: Path, count: int, folder: Path) -> Path:
    """The spec with `count` one-line sub-clauses appended to the amendments article."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    line = {"zh": "双方可另行书面约定的事项，按本条执行。", "en": "Matters agreed in writing follow this article."}
    if count:
        data.setdefault("articles", {})["append"] = [{"id": "amendments", "text": [line] * count}]
    target = folder / f"{spec.stem}-{count}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def boundary_pdfs(libreoffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The Luohe contract with 0 … 26 extra lines before its last article: one of them ends its
    text exactly at the foot of a page (a page holds 25 lines)."""
    folder = tmp_path_factory.mktemp("boundary")
    spec = ROOT / "specs" / "luohe-12345-2025.yaml"
    documents = {
        str(n): build_docx(compose(load_contract(_with_extra_lines(spec, n, folder)), "zh")) for n in range(27)
    }
    pdfs = convert(documents, tmp_path_factory.getbasetemp().parent / "pdf-cache", libreoffice)
    return {int(name): pdf for name, pdf in pdfs.items()}


def test_text_ending_at_the_foot_of_a_page_leaves_no_blank_page(boundary_pdfs: dict[int, Path]) -> None:
    """Page breaks are properties of the next paragraph, so text that fills its last page exactly
    is followed by the signature page, not by an empty page; （以下无正文） never stands alone."""
    problems = []
    ends_at_foot = 0
    for extra, pdf in sorted(boundary_pdfs.items()):
        pages = body_lines(pdf)
        for i, lines in enumerate(pages):
            if not lines:
                problems.append(f"{extra} extra lines: page {i + 1} is blank")
            elif [_squash(line) for line in lines] == ["（以下无正文）"]:
                problems.append(f"{extra} extra lines: page {i + 1} holds only （以下无正文）")
        end = next(i for i, lines in enumerate(pages) if any("以下无正文" in line for line in lines))
        ends_at_foot += len(pages[end]) >= len(pages[end - 1])  # the end mark on a full page
    assert not problems, "\n".join(problems)
    assert ends_at_foot, "no variant ended its text at the foot of a page: widen the range"


def _with_fonts(docx: bytes, face: str, lang: str) -> bytes:
    """A .docx with 宋体 replaced by face and the East Asian language zh-CN by lang, in every part."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xml"):
                text = data.decode("utf-8").replace("宋体", face).replace('w:eastAsia="zh-CN"', f'w:eastAsia="{lang}"')
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def test_chinese_text_prints_in_the_simplified_chinese_glyph_forms(
    libreoffice: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """pdffonts cannot tell the SC face from the JP one (see above), the glyphs can: 直骨令角过 differ
    between them. Body text must print exactly as Noto Serif CJK SC in Chinese, not as the JP forms."""
    probe = Document(
        lang="zh",
        title="",
        header_text="",
        footer=("", "", ""),
        author="",
        subject="",
        signing_date=None,
        blocks=(Paragraph("直骨令角过" * 8, "body"),),
    )
    ours = build_docx(probe)
    documents = {
        "ours": ours,
        "sc": _with_fonts(ours, "Noto Serif CJK SC", "zh-CN"),
        "jp": _with_fonts(ours, "Noto Serif CJK JP", "ja-JP"),
    }
    pdfs = convert(documents, tmp_path_factory.getbasetemp().parent / "pdf-cache", libreoffice)
    pixels = {
        name: subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", "-f", "1", "-l", "1", "-y", "90", "-H", "80", "-singlefile", str(pdf)],
            capture_output=True,
            check=True,
        ).stdout
        for name, pdf in pdfs.items()
    }
    assert pixels["sc"] != pixels["jp"], "the probe characters should differ between SC and JP"
    assert pixels["ours"] == pixels["sc"]
