"""SIGKILL a real `helpdesk-annotator tag` process at random points, resume, and check nothing
was lost or duplicated."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.batch.checkpoint import read_checkpoint

GLOSSARY = Path(__file__).parent / "data" / "glossary.csv"
CLI = [sys.executable, "-c", "from annotator.cli import main; main()"]
RECORDS = 2000
KILLS = 4

SENTENCES = [
    "The customer said the SLA breach happened twice this month.",
    "Agent escalated to Tier 2 after the IVR dropped the call.",
    "CSAT went up and NPS stayed flat; FCR improved after the new KB articles.",
    "Average handle time was high because the CRM timed out during co-browsing.",
    "WFM moved two agents to the evening shift to cut ASA.",
    "Customer asked for a refund; the agent explained the policy and closed the ticket.",
]


def make_archive(path: Path, n: int, seed: int) -> tuple[list[str], int]:
    """``n`` records of a few sentences each, every 97th one malformed; returns the ids of the
    good ones and the number of malformed lines."""
    rng = random.Random(seed)
    ids, bad = [], 0
    with open(path, "wb") as fh:
        for i in range(n):
            if i % 97 == 50:
                fh.write(b'{"id": "broken-%d", "text": \n' % i)
                bad += 1
                continue
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
            fh.write((json.dumps({"id": f"doc-{i:05d}", "text": text}) + "\n").encode())
            ids.append(f"doc-{i:05d}")
    return ids, bad


def tag_command(source: Path, out: Path, processes: int, *extra: str) -> list[str]:
    return [*CLI, "tag", str(source), str(out), "--glossary", str(GLOSSARY), "--no-builtin",
            "--processes", str(processes), "--batch-size", "32", "--no-progress", *extra]


def progress(checkpoint_path: Path) -> int:
    """Records the last checkpoint says are done (0 before the first one)."""
    checkpoint = read_checkpoint(checkpoint_path)  # replaced atomically: never half-written
    return checkpoint.position.records if checkpoint else 0


def wait_gone(pgid: int, seconds: float = 15.0) -> bool:
    """True once no process of the group is left (pool workers exit with their parent)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("processes", [1, 2])
def test_kill_resume_sigkill_at_random_points_then_resume(tmp_path, processes):
    rng = random.Random(20261122 + processes)
    source = tmp_path / "archive.jsonl"
    ids, bad = make_archive(source, RECORDS, seed=processes)

    reference = tmp_path / "reference.jsonl"
    done = subprocess.run(tag_command(source, reference, processes), capture_output=True,
                          timeout=300)
    assert done.returncode == 3, done.stderr.decode()

    out = tmp_path / "out.jsonl"
    checkpoint_path = Path(f"{out}.checkpoint.json")
    kills, resume = 0, []
    for round_ in range(KILLS):
        proc = subprocess.Popen(tag_command(source, out, processes, *resume),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        # Kill points follow progress, not the clock, so a busy machine cannot make the run
        # finish before its kill: the first kill lands during start-up (before any checkpoint),
        # the others once a random share of the remaining records is done; between polls the
        # process runs freely, so the kill can interrupt any write.
        done_before = progress(checkpoint_path)
        target = done_before + int(rng.uniform(0.05, 0.6) * (RECORDS - done_before))
        deadline = time.monotonic() + (rng.uniform(0.05, 0.3) if round_ == 0 else 300)
        while proc.poll() is None and time.monotonic() < deadline:
            if round_ and progress(checkpoint_path) >= target:
                break
            time.sleep(rng.uniform(0.001, 0.01))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must notice
            kills += 1
        proc.wait(timeout=60)
        proc.stderr.close()
        assert wait_gone(proc.pid), "worker processes outlived their killed parent"
        # At every kill point the checkpoint is absent (killed before the first one) or whole.
        if checkpoint_path.exists():
            json.loads(checkpoint_path.read_text())
            read_checkpoint(checkpoint_path)
        resume = ["--resume"]
    assert kills == KILLS

    for _ in range(3):
        done = subprocess.run(tag_command(source, out, processes, "--resume"),
                              capture_output=True, timeout=300)
        if done.returncode != -signal.SIGKILL:
            break
    assert done.returncode == 3, done.stderr.decode()

    tagged = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert len(tagged) == len(set(tagged)), "duplicate ids after resume"
    assert tagged == ids, "missing or reordered ids after resume"
    rejects = Path(f"{out}.rejects.jsonl").read_bytes().splitlines()
    assert len(rejects) == bad and len(tagged) + len(rejects) == RECORDS
    assert out.read_bytes() == reference.read_bytes()
    assert read_checkpoint(checkpoint_path).complete
