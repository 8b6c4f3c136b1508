"""The collector paused for the window's start-up (``startup_gc``, issue 16)."""

from __future__ import annotations

import gc

import pytest

from baocao import startup_gc


@pytest.fixture
def collector():
    """Leave the collector as the test found it (enabled, nothing frozen by the test)."""
    was_enabled = gc.isenabled()
    yield
    startup_gc._paused = False
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_pause_stops_collection_and_resume_freezes_what_lives_then_enables(collector):
    gc.enable()
    gc.unfreeze()
    startup_gc.pause()
    assert not gc.isenabled() and startup_gc.paused()
    kept = [object() for _ in range(10)] + [[i] for i in range(100)]      # objects of the start-up
    startup_gc.resume()
    assert gc.isenabled() and not startup_gc.paused()
    assert gc.get_freeze_count() >= 100          # the start-up's objects are not walked by later passes
    startup_gc.resume()                          # twice: nothing more
    assert gc.isenabled()
    del kept


def test_a_collector_already_off_stays_off(collector):
    gc.disable()
    startup_gc.pause()
    assert not startup_gc.paused()
    startup_gc.resume()
    assert not gc.isenabled()                    # the caller's choice is kept

