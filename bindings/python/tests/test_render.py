"""The renderer through the binding: a heads-up hand's full and public stills on a CPU
adapter at 320x180, frames as NumPy arrays without copies, key and fill, and errors."""

import json

import pytest

import ggp
from ggp import Hand, HandOverlay

HAND = """
variant = "NT"
antes = [0, 0]
blinds_or_straddles = [50, 100]
min_bet = 100
starting_stacks = [10000, 8500]
actions = ["d dh p1 AhQh", "d dh p2 9s9d", "p2 cbr 250"]
"""


@pytest.fixture(scope="module")
def overlay() -> HandOverlay:
    return HandOverlay(320, 180, adapter="cpu")


def test_full_and_public_frames_differ(overlay: HandOverlay) -> None:
    hand = Hand.from_phh(HAND)
    full = overlay.render_hand(hand)
    public = overlay.render_hand(hand, public=True)
    assert (full.width, full.height, full.alpha) == (320, 180, "straight")
    assert len(full.pixels) == 320 * 180 * 4
    assert any(full.pixels[3::4]), "something is drawn"
    assert full.pixels != public.pixels, "hole cards show only in the full view"


def test_frames_are_numpy_arrays_without_copies(overlay: HandOverlay) -> None:
    np = pytest.importorskip("numpy")
    frame = overlay.render_hand(Hand.from_phh(HAND))
    array = frame.to_numpy()
    assert array.shape == (180, 320, 4) and array.dtype == np.uint8
    assert not array.flags.owndata and not array.flags.writeable
    assert array[:, :, 3].max() > 0


def test_view_json_key_and_fill(overlay: HandOverlay) -> None:
    hand = Hand.from_phh(HAND)
    frame = overlay.render_view_json(json.dumps(hand.public_view(button=1)))
    assert frame.pixels == overlay.render_hand(hand, public=True).pixels
    key, fill = frame.key_and_fill()
    assert (key.width, fill.height) == (320, 180)
    assert key.pixels[3] == 255 and fill.pixels[3] == 255
    assert key.pixels[0] == key.pixels[1] == key.pixels[2]


def test_errors_have_classes_and_codes(overlay: HandOverlay) -> None:
    with pytest.raises(ggp.InvalidViewError) as view_error:
        overlay.render_view_json('{"seats": 1}')
    assert view_error.value.code == "invalid_view"
    with pytest.raises(ggp.SkinError, match="/no/such/skin.toml") as skin_error:
        overlay.reload_skin("/no/such/skin.toml")
    assert isinstance(skin_error.value, ggp.GgpError) and skin_error.value.code == "skin"
    with pytest.raises(ggp.InvalidFrameSizeError):
        HandOverlay(0, 180, adapter="cpu")
    with pytest.raises(ValueError, match="adapter"):
        HandOverlay(320, 180, adapter="quantum")
    with pytest.raises(ggp.SkinError):
        HandOverlay(320, 180, skin="/no/such/skin.toml", adapter="cpu")
