"""Only regular files inside the data folder are read, within the size limit; no file there is ignored.

Issue 14: a symbolic link to ``/dev/zero`` in ``themes/`` had size 0, passed the 250 KB
limit and was read without end (a MemoryError after 7 s); a FIFO hung the build; and
``themes/6-x.yml``, ``6-x.YAML`` and a misspelt ``redirect.yaml`` were silently ignored
while ``check`` said "OK: 5 themes".
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from support import ROOT

from generator import cli
from generator.data.read import DATA_FOLDER_ENTRIES
from generator.data.yamlfile import MAX_FILE_BYTES, Unreadable, read_limited


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "compact_data"


def check(capsys: pytest.CaptureFixture[str], timeout: float = 20) -> tuple[int, str]:
    """``python -m generator check`` in-process, in a thread so that a read that hangs fails the test."""
    outcome: list[int] = []
    worker = threading.Thread(target=lambda: outcome.append(cli.main(["check"])), daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(timeout)
    assert outcome, f"check did not finish within {timeout} s"
    assert time.perf_counter() - started < 5
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return outcome[0], out + err


def test_a_link_to_dev_zero_is_refused_at_once(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "themes" / "6-zero.yaml").symlink_to("/dev/zero")
    code, output = check(capsys)
    assert code == 1
    assert ("compact_data/themes/6-zero.yaml: is a symbolic link to /dev/zero, outside the data folder; "
            "only files inside it are read") in output


def test_a_fifo_does_not_hang_the_check(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(data / "themes" / "6-pipe.yaml")
    os.mkfifo(data / "topics.yaml.tmp")
    (data / "values.yaml").unlink()
    os.mkfifo(data / "values.yaml")
    code, output = check(capsys)
    assert code == 1
    assert ("compact_data/themes/6-pipe.yaml: is not a regular file but a named pipe (FIFO); "
            "only regular files are read") in output
    assert "compact_data/values.yaml: is not a regular file but a named pipe (FIFO)" in output
    assert "compact_data/topics.yaml.tmp: unknown file in the data folder (did you mean 'topics.yaml'?)" in output


def test_a_folder_where_a_file_should_be_is_not_a_missing_file(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "glossary.yaml").unlink()
    (data / "glossary.yaml").mkdir()
    code, output = check(capsys)
    assert code == 1
    assert "compact_data/glossary.yaml: is not a regular file but a folder; only regular files are read" in output


def test_a_link_out_of_the_data_folder_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = data.parent / "elsewhere.yaml"
    shutil.move(data / "themes" / "5-managing-change.yaml", outside)
    (data / "themes" / "5-managing-change.yaml").symlink_to(outside)
    code, output = check(capsys)
    assert code == 1
    assert f"compact_data/themes/5-managing-change.yaml: is a symbolic link to {outside.resolve()}, outside" in output


def test_a_link_to_a_regular_file_inside_the_data_folder_is_read(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.move(data / "themes" / "5-managing-change.yaml", data / "source" / "theme-5.yaml")
    (data / "themes" / "5-managing-change.yaml").symlink_to("../source/theme-5.yaml")
    code, output = check(capsys)
    assert code == 0, output
    assert output.startswith("OK: the Bristol Compact (2012): 5 themes, 54 commitments")


def test_the_source_text_must_be_a_regular_file_inside_the_data_folder(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compact = data / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    compact.write_text(text.replace("file: source/bristol-compact-2012.txt", "file: /dev/zero"), encoding="utf-8")
    code, output = check(capsys)
    assert code == 1
    assert "compact_data/compact.yaml:18:9: source text '/dev/zero' is outside the data folder" in output
    (data / "source" / "zero.txt").symlink_to("/dev/zero")
    compact.write_text(text.replace("file: source/bristol-compact-2012.txt", "file: source/zero.txt"),
                       encoding="utf-8")
    code, output = check(capsys)
    assert code == 1
    assert "compact_data/compact.yaml:18:9: source text 'source/zero.txt' is outside the data folder" in output


def test_the_size_limit_holds_for_the_bytes_read_not_the_size_reported(tmp_path: Path) -> None:
    """Files under /proc report size 0 and are longer: the limit stops the read itself."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0 and len(status.read_bytes()) > 100
    with pytest.raises(Unreadable, match=r"^file is too large \(more than 100 bytes; the limit is 100\)$"):
        read_limited(status, 100)
    with pytest.raises(Unreadable, match="not a regular file but a character device"):
        read_limited(Path("/dev/zero"), MAX_FILE_BYTES)
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"x" * 100)
    assert read_limited(exact, 100) == b"x" * 100


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("themes/6-x.yml", "compact_data/themes/6-x.yml: theme file names must look like '<number>-<slug>.yaml'"),
        ("themes/6-x.YAML", "compact_data/themes/6-x.YAML: theme file names must look like '<number>-<slug>.yaml'"),
        ("change.yaml",
         "compact_data/change.yaml: unknown file in the data folder (did you mean 'changes.yaml'?)"),
        ("6-x.YAML", "compact_data/6-x.YAML: unknown file in the data folder (a theme file belongs in themes/)"),
        ("values.yml", "compact_data/values.yml: unknown file in the data folder (did you mean 'values.yaml'?)"),
        ("notes.txt", "compact_data/notes.txt: unknown file in the data folder (expected only: compact.yaml, "),
        # Issue 29: a plain file named 'editions' was passed over, and its editions with it.
        ("editions", "compact_data/editions: is not a folder: editions/ must be a folder holding one folder per "
                     "earlier edition, named by its year, as in 'editions/<year>/'\n1 problem found"),
    ],
)
def test_an_unknown_file_is_reported_not_ignored(
    data: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    (data / name).write_text("changes: []\n", encoding="utf-8")
    code, output = check(capsys)
    assert code == 1
    assert "OK:" not in output
    assert message in output


def test_hidden_entries_are_not_the_data(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / ".DS_Store").write_bytes(b"\0\0")
    (data / "themes" / ".1-allocating-resources.yaml.swp").write_bytes(b"\0")
    (data / ".git").mkdir()
    code, output = check(capsys)
    assert code == 0, output


def test_the_known_names_are_in_one_place() -> None:
    """What the data folder may hold is one list (the editions work adds to it)."""
    assert set(DATA_FOLDER_ENTRIES) >= {"compact.yaml", "themes", "changes.yaml", "source", "editions",
                                        "partners-group.yaml"}
    assert sorted(p.name for p in (ROOT / "compact_data").iterdir()) == sorted(
        n for n in DATA_FOLDER_ENTRIES if (ROOT / "compact_data" / n).exists()
    )


@pytest.mark.parametrize("name", ["NOTES.md", "provenance.md", "how-we-transcribed.md"])
def test_editors_notes_in_markdown_may_live_with_the_data(
    data: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (data / name).write_text("# Where this data came from\n\nTranscribed from the printed copy.\n", encoding="utf-8")
    assert check(capsys)[0] == 0
    (data / "notes.md.txt").write_text("x", encoding="utf-8")
    code, output = check(capsys)
    assert code == 1
    assert "compact_data/notes.md.txt: unknown file in the data folder" in output
