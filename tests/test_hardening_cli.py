"""The commands and files around a spec (issue 14): arguments are checked, output survives any
locale and a reader that stops early, inputs that are not files are refused at once, and an
interrupted render leaves nothing behind (temp files, soffice processes, its PDF folder)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, STARTER_NAME

from generator.cli import main
from generator.errors import InputError
from generator.files import write_atomically
from generator.spec.starter import starter_spec


def _python(*code: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "\n".join(code)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )


def _dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run(["true"], check=True)
    assert done.returncode == 0
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _gone(pid: int) -> bool:
    """A process has ended (a zombie no one reaps in a container counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _ends(pid: int, seconds: float = 10) -> bool:
    """A process ends within seconds: a SIGKILL is delivered at once but acted on when the process is
    next scheduled, which on a busy machine (the suite's own soffice runs) can take a moment."""
    deadline = time.monotonic() + seconds
    while not _gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# --- arguments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lpr", ["nan", "-1", "100.5", "inf", "three"])
def test_lpr_must_be_a_percentage(lpr: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "--lpr", lpr, "x.yaml"])
    assert caught.value.code == 2
    assert f"argument --lpr: not a percentage from 0 to 100: '{lpr}'" in capsys.readouterr().err


def test_words_reads_commas_only_as_thousands_separators(cli) -> None:
    assert cli("words", "1,234,567.89").out == "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分\n"
    for amount in ("1,2,3", "12,34", "1,234,5", "1.2.3", "-5", "1e5"):
        result = cli("words", amount)
        assert (result.code, result.out) == (2, ""), amount
        assert f"not an amount: '{amount}'" in result.err
    huge = cli("words", "9" * 5000)
    assert huge.code == 2 and huge.err == "contractgen words: above the largest supported amount 999,999,999,999.99\n"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "the name may hold letters"),
        ("某" * 300, "the name has 300 characters; at most 60"),
        ("a: b", "the name may hold letters"),
        ("#x", "the name may hold letters"),
        ("{x}", "the name may hold letters"),
    ],
)
def test_init_refuses_a_name_the_starter_cannot_hold(cli, name: str, problem: str, tmp_path: Path) -> None:
    result = cli("init", tmp_path / name if name else name)
    assert result.code == 2 and problem in result.err
    assert list(tmp_path.iterdir()) == [] and not Path(".yaml").exists()


def test_init_with_punctuation_in_the_name_validates(cli, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "某市12345-二期（2026）").code == 0
    assert cli("validate", tmp_path / "某市12345-二期（2026）.yaml").code == 0


# --- output ----------------------------------------------------------------------------------------


def test_any_locale_or_output_encoding(tmp_path: Path) -> None:
    """Latin-1 output, and a C locale without UTF-8 coercion: Chinese is escaped, never a crash."""
    spec = tmp_path / "某市.yaml"
    spec.write_text(starter_spec(STARTER_NAME).replace("staff: 20", "staff: 二十"), encoding="utf-8")
    commands = [
        ["validate", str(spec)],
        ["check", str(spec)],
        ["words", "12"],
        ["schema"],
        ["init", str(tmp_path / "新")],
    ]
    code = [  # arguments as the shell hands them over: UTF-8 bytes, decoded by the locale
        "import os, sys; from generator.cli import main",
        f"commands = [[os.fsdecode(a.encode('utf-8')) for a in c] for c in {ascii(commands)}]",
        "print([main(c) for c in commands], file=sys.stderr)",
    ]
    for env in ({"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}):
        done = _python(*code, env=env)
        err = done.stderr.decode("latin-1")
        assert done.returncode == 0 and "Traceback" not in err, err
        assert err.splitlines()[-1] == "[1, 1, 0, 0, 0]", err
        assert "service.staff: expected a whole number, got text '\\u4e8c\\u5341'" in err  # 二十, escaped
        (tmp_path / "新.yaml").unlink()


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "schema", "--json-schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    with process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10) == b'{\n  "$sche'
        process.stdout.close()  # as `| head -1` does
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_that_cannot_be_written_is_an_io_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "schema"], stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=60
        )
    assert (done.returncode, done.stderr) == (
        2,
        b"contractgen schema: cannot write the output: No space left on device\n",
    )


def test_terminal_controls_quoted_from_a_spec_are_escaped(cli, tmp_path: Path) -> None:
    spec = tmp_path / "x.yaml"
    spec.write_text(starter_spec(STARTER_NAME) + '"\\e]0;owned\\a\\e[2J": 1\n', encoding="utf-8")
    result = cli("validate", spec)
    assert result.code == 1
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\u001b]0;owned\\u0007\\u001b[2J: unknown field" in result.err


# --- inputs that are not files --------------------------------------------------------------------


def _within(seconds: float, *args: str) -> tuple[int, str]:
    """Run the CLI in a thread; fail if it has not answered in time (a FIFO would block forever)."""
    answer: list[int] = []
    thread = threading.Thread(target=lambda: answer.append(main(list(args))), daemon=True)
    thread.start()
    thread.join(seconds)
    assert answer, f"contractgen {' '.join(args)} did not answer within {seconds} s"
    return answer[0], ""


def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    for command in ("validate", "check", "render"):
        code, _ = _within(10, command, str(fifo), *(["-o", str(tmp_path / "out")] if command == "render" else []))
        err = capsys.readouterr().err
        assert code == 2 and f"{fifo}: is a FIFO (named pipe), not a regular file" in err, err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _within(10, "validate", "/dev/zero")
    assert code == 2 and "/dev/zero: is a character device, not a regular file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)


# --- temp files and interrupted writes ---------------------------------------------------------


def test_leftover_temp_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    dead = tmp_path / f".x.docx.{_dead_pid()}.abcdefgh.tmp"
    alive = tmp_path / f".x.docx.{os.getppid()}.abcdefgh.tmp"  # another process still writing
    old = tmp_path / ".x.docx.k2j4h5g6.tmp"  # an older version's name, two hours old
    fresh = tmp_path / ".x.docx.a1b2c3d4.tmp"
    other = tmp_path / ".y.docx.1.abcdefgh.tmp"  # another target's
    for leftover in (dead, alive, old, fresh, other):
        leftover.write_bytes(b"partial")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n.name for n in (target, alive, fresh, other))


def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "x.docx", b"new")
    assert list(tmp_path.iterdir()) == []


def test_a_render_killed_while_writing_is_cleaned_up_by_the_next(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    spec = tmp_path / "x.yaml"
    spec.write_text(starter_spec(STARTER_NAME), encoding="utf-8")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, time, pathlib; from generator.files import write_atomically\n"
            "os.fsync = lambda fd: (print('writing', flush=True), time.sleep(60))\n"
            f"write_atomically(pathlib.Path({str(out / 'x.docx')!r}), b'partial')",
        ],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    with writer:
        assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
        writer.kill()  # kill -9 inside the write window
    [leftover] = out.iterdir()
    assert leftover.name.startswith(f".x.docx.{writer.pid}.")
    assert cli("render", spec, "-o", out).code == 0
    assert [p.name for p in out.iterdir()] == ["x.docx"]


def test_reading_a_missing_or_unreadable_spec_is_an_input_error(tmp_path: Path) -> None:
    from generator.files import read_bytes

    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(tmp_path)


# --- --pdf: soffice and its folder -----------------------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: like soffice it leaves a child (soffice.bin) that a kill of this
# process alone would not end; it records both ids, waits FAKE_SLEEP seconds, writes the PDF.
sleep 600 &
echo "$$ $!" > "$FAKE_PIDS"
while [ "$1" != "--outdir" ]; do shift; done
sleep "$FAKE_SLEEP"
mkdir -p "$2" && echo "%PDF-1.4" > "$2/contract.pdf"
kill $(cut -d' ' -f2 "$FAKE_PIDS")
"""


@pytest.fixture
def fake_soffice(tmp_path: Path) -> dict[str, str]:
    """Environment for a render --pdf with the stand-in soffice and a private temp folder."""
    bin_dir, temp = tmp_path / "bin", tmp_path / "tmp"
    bin_dir.mkdir()
    temp.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    spec = tmp_path / "x.yaml"
    spec.write_text(starter_spec(STARTER_NAME), encoding="utf-8")
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temp),
        "FAKE_PIDS": str(tmp_path / "pids"),
        "FAKE_SLEEP": "600",
        "SPEC": str(spec),
    }


def _render_pdf(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "render",
            env["SPEC"],
            "--pdf",
            "-o",
            str(Path(env["SPEC"]).parent / "out"),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _soffice_pids(env: dict[str, str]) -> list[int]:
    pids = Path(env["FAKE_PIDS"])
    for _ in range(600):
        if pids.exists() and len(pids.read_text().split()) == 2:
            return [int(p) for p in pids.read_text().split()]
        time.sleep(0.02)
    pytest.fail("the stand-in soffice did not start")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_pdf_kills_soffice_and_removes_its_folder(fake_soffice: dict[str, str], signum: int) -> None:
    render = _render_pdf(fake_soffice)
    soffice = _soffice_pids(fake_soffice)
    render.send_signal(signum)
    _, err = render.communicate(timeout=30)
    assert render.returncode == 130 and b"Traceback" not in err, err
    assert all(_ends(pid) for pid in soffice)
    assert list(Path(fake_soffice["TMPDIR"]).iterdir()) == []
    assert not (Path(fake_soffice["SPEC"]).parent / "out").exists()


def test_the_next_pdf_cleans_up_after_a_killed_one(fake_soffice: dict[str, str]) -> None:
    render = _render_pdf(fake_soffice)
    soffice = _soffice_pids(fake_soffice)
    render.kill()  # kill -9: nothing in contractgen runs
    render.communicate()
    assert not any(_gone(pid) for pid in soffice)
    [folder] = Path(fake_soffice["TMPDIR"]).iterdir()
    assert folder.name.startswith(f"contractgen-pdf-{render.pid}-")
    Path(fake_soffice["FAKE_PIDS"]).unlink()
    again = _render_pdf({**fake_soffice, "FAKE_SLEEP": "0"})
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert all(_ends(pid) for pid in soffice)
    assert list(Path(fake_soffice["TMPDIR"]).iterdir()) == []
    assert (Path(fake_soffice["SPEC"]).parent / "out" / "x.pdf").read_bytes() == b"%PDF-1.4\n"
