"""`deputized inspect` and `deputized ingest` refuse hostile workbooks fast, in little memory.

The review drove both commands past 5 GB with a 5 KB workbook (one cell at XFD1048576) and with a
1.5 MB zip bomb. Each command runs here in its own process under an address-space limit of 1 GB
(a regression fails with MemoryError instead of taking the machine's memory), and reports its
peak resident memory (VmHWM: what the process itself touched) and the seconds the command took
once Django was set up. Reading a real workbook with `inspect` peaks at about 110 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rawbooks import raw_workbook
from test_hostile_workbooks import XFD, zip_bomb

from deputized.archive.models import IngestRun, Publication
from tests.archive.test_ingest_runs import command_environment

ROOT = Path(__file__).resolve().parents[2]
ADDRESS_SPACE_LIMIT = 1024 * 1024 * 1024

CHILD = """
import json, resource, sys, time
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import django
django.setup()
from django.core.management import CommandError, call_command

started = time.perf_counter()
try:
    call_command(*sys.argv[2:])
    outcome = "done"
except CommandError as exc:
    outcome = str(exc)
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "megabytes": peak}))
"""

HOSTILE = {
    "participatingAgencies05012026am.xlsx": (
        raw_workbook(XFD),
        "a cell reaches XFD1048576",
    ),
    "participatingAgencies05022026am.xlsx": (
        zip_bomb(declared=1500 * 1024 * 1024),
        "declares 1,500.0 MB uncompressed",
    ),
    "participatingAgencies05032026am.xlsx": (
        zip_bomb(declared=1024),
        "is not well-formed XML",
    ),
}


def command_in_a_limited_process(*arguments: str, var_dir: Path) -> dict:
    env = command_environment(var_dir)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ADDRESS_SPACE_LIMIT), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def hostile(tmp_path) -> dict[Path, str]:
    paths = {}
    for name, (content, problem) in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths[path] = problem
    return paths


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_inspect_refuses_a_hostile_workbook_fast_in_little_memory(tmp_path, hostile, name):
    path = tmp_path / name
    result = command_in_a_limited_process("inspect", str(path), var_dir=tmp_path / "var")
    assert result["outcome"].startswith(f"{path}: ")
    assert hostile[path] in result["outcome"]
    assert result["seconds"] < 2
    assert result["megabytes"] < 300


@pytest.mark.django_db(transaction=True)
def test_ingest_refuses_every_hostile_workbook_fast_in_little_memory(tmp_path, hostile):
    result = command_in_a_limited_process(
        "ingest", *map(str, hostile), "--quiet", var_dir=tmp_path / "var"
    )
    assert result["outcome"] == "3 file(s) refused; nothing else changed"
    assert result["seconds"] < 2
    assert result["megabytes"] < 300
    run = IngestRun.objects.get()
    assert run.outcome == IngestRun.Outcome.FAILED and run.files_refused == 3
    for path, problem in hostile.items():
        assert f"{path}: " in run.message and problem in run.message
    assert not Publication.objects.exists()
