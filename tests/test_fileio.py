"""annotator.fileio: only regular files are read, with a bound; rewrites are atomic."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from annotator import fileio


def test_fileio_reads_a_regular_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"SLA\n")
    assert fileio.read_regular(path, limit=10) == b"SLA\n"


def test_fileio_reads_exactly_the_limit(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 10)
    assert fileio.read_regular(path, limit=10) == b"x" * 10
    with pytest.raises(fileio.FileTooLarge) as info:
        fileio.read_regular(path, limit=9)
    assert "limit of 9 bytes" in info.value.strerror


def test_fileio_refuses_dev_zero_behind_a_symlink(tmp_path):
    link = tmp_path / "z.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(fileio.NotRegularFile) as info:
        fileio.read_regular(link, limit=1 << 20)
    assert "character device" in info.value.strerror


def test_fileio_refuses_a_fifo_without_hanging(tmp_path):
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    result = {}

    def read():
        try:
            fileio.read_regular(fifo, limit=100)
        except OSError as exc:
            result["error"] = exc

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO hung"
    assert isinstance(result["error"], fileio.NotRegularFile)
    assert "FIFO" in result["error"].strerror


def test_fileio_refuses_a_directory(tmp_path):
    with pytest.raises(fileio.NotRegularFile):
        fileio.read_regular(tmp_path, limit=100)


def test_fileio_missing_file_is_an_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        fileio.read_regular(tmp_path / "nope", limit=100)


@pytest.mark.parametrize(
    "make, kind",
    [
        (lambda p: p.write_text("x"), None),
        (lambda p: os.mkfifo(p), "a named pipe (FIFO)"),
        (lambda p: p.mkdir(), "a directory"),
        (lambda p: p.symlink_to("/dev/null"), "a character device"),
        (lambda p: p.symlink_to(p.parent / "gone"), "a dangling symlink"),
    ],
)
def test_fileio_is_regular_names_the_kind(tmp_path, make, kind):
    path = tmp_path / "thing.txt"
    make(path)
    assert fileio.is_regular(path) == kind


def test_fileio_replace_keeps_mode_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    fileio.replace_atomically(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_fileio_replace_failure_leaves_the_original_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_bytes(b"the original article")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "write", full_disk)
    with pytest.raises(OSError) as info:
        fileio.replace_atomically(path, b"x" * 100)
    assert info.value.errno == 28
    monkeypatch.undo()
    assert path.read_bytes() == b"the original article"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_fileio_replace_follows_a_symlink_inside_the_tree(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    fileio.replace_atomically(link, b"new", root=tmp_path)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_fileio_replace_refuses_a_symlink_leaving_the_tree(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_bytes(b"keep me")
    tree = tmp_path / "docs"
    tree.mkdir()
    link = tree / "a.md"
    link.symlink_to(outside)
    with pytest.raises(fileio.OutsideTree):
        fileio.replace_atomically(link, b"overwritten", root=tree)
    assert outside.read_bytes() == b"keep me"


def test_fileio_open_regular_reads_a_file_and_refuses_a_fifo_without_waiting(tmp_path):
    from annotator.fileio import NotRegularFile, open_regular

    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"id": 1}\n')
    with open_regular(path) as fh:
        assert fh.read() == b'{"id": 1}\n'
    fifo = tmp_path / "input.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        open_regular(fifo)
