"""The saved engine state between updates: plain JSON that cannot run code, continued from only
when the engine, its settings and the reviewed files are those it was saved with; anything
else, a damaged checkpoint included, gives a full replay instead of an error. (That continuing
from a checkpoint equals a replay is checked on the whole archive, in test_incremental.)"""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest

from deputized.archive.ingest.run import run
from deputized.history import checkpoint
from deputized.history.engine import GuardSettings, Reviewed
from deputized.history.models import Agency, Agreement, ChangeEvent, Checkpoint, Listing
from deputized.history.services import history_replay, history_update
from tests.conftest import SNAPSHOTS

pytestmark = pytest.mark.django_db

# The first four real lists: two participating, then another with new agencies, then a
# pending list.
FIRST, SECOND, THIRD, FOURTH = sorted(SNAPSHOTS.glob("*.xlsx"))[:4]


@pytest.fixture
def saved(settings) -> Checkpoint:
    """A history of the first two lists, saved, with two more lists ingested after it."""
    settings.HISTORY_AUTO_UPDATE = False
    run(paths=[FIRST, SECOND])
    assert history_update().mode == "replay"  # nothing saved yet
    run(paths=[THIRD, FOURTH])
    return Checkpoint.objects.get()


def history() -> tuple:
    return (
        list(ChangeEvent.objects.order_by("seq").values_list("seq", "kind", "status", "details")),
        sorted(Agency.objects.values_list("id", "name", "spellings")),
        sorted(Agreement.objects.values_list("id", "status", "last_listed_on", "row")),
        sorted(Listing.objects.values_list("publication_id", "row", "agreement_id")),
    )


def replayed() -> tuple:
    history_replay()
    return history()


def test_the_checkpoint_is_json_and_loads_back_to_the_same_state(saved):
    document = json.loads(bytes(saved.state))
    assert document["format"] == checkpoint.FORMAT
    assert document["processed"] == 2 and document["agencies"]
    state = checkpoint.load(bytes(saved.state), settings=GuardSettings(), reviewed=Reviewed())
    assert checkpoint.dump(state) == bytes(saved.state)


def test_an_update_continues_from_the_checkpoint(saved):
    result = history_update()
    assert (result.mode, result.publications) == ("incremental", 2)
    assert history() == replayed()


def test_changed_engine_code_forces_a_replay(saved, monkeypatch, tmp_path):
    # The version follows the engine's source: one changed byte gives another.
    sources = []
    for source in checkpoint._ENGINE_SOURCES:
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        sources.append(copy)
    before = checkpoint.engine_version()
    monkeypatch.setattr(checkpoint, "_ENGINE_SOURCES", tuple(sources))
    assert checkpoint.engine_version() == before
    sources[0].write_bytes(sources[0].read_bytes() + b"\n# a changed rule\n")
    assert checkpoint.engine_version() != before
    # ... and a checkpoint saved by other engine code is not continued from.
    assert history_update().mode == "replay"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b'"format":1', b'"format":0'),  # an older format
        lambda data: json.dumps({**json.loads(data), "agreements": [[1, 2]]}).encode(),
    ],
    ids=["truncated", "other-format", "wrong-fields"],
)
def test_an_unreadable_checkpoint_gives_a_replay(saved, damage):
    saved.state = damage(bytes(saved.state))
    saved.save()
    assert history_update().mode == "replay"
    assert history() == replayed()


class _Exploit:
    """What a pickle checkpoint could be made to do when loaded."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (pathlib.Path.touch, (self.path,))


def test_a_pickle_in_the_checkpoint_is_never_run(saved, tmp_path):
    ran = tmp_path / "ran"
    saved.state = pickle.dumps(_Exploit(ran))
    saved.save()
    assert history_update().mode == "replay"
    assert not ran.exists()
