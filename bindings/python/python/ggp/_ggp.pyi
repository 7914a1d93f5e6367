"""Typed stubs of the native module ``ggp._ggp`` (checked against it by mypy stubtest)."""

import os
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Optional, Union, final

_Amount = Union[int, str, Decimal]

__all__ = [
    "Card",
    "CardNotInDeckError",
    "Deck",
    "DeckExhaustedError",
    "DuplicateCardError",
    "FeedError",
    "GgpError",
    "Hand",
    "HandFeed",
    "HandHistoryError",
    "HandValue",
    "InvalidAmountError",
    "InvalidCardError",
    "InvalidConfigError",
    "JournalError",
    "PhhReplay",
    "RuleViolationError",
    "UnknownNameError",
    "WrongCardCountError",
    "CancelToken",
    "CardOutcome",
    "EquityResult",
    "LiveEquity",
    "Outs",
    "PlayerEquity",
    "equity",
    "outs",
    "evaluate",
    "parse_card",
    "parse_cards",
    "replay_phhs",
    "variants",
    "version",
]

def version() -> str:
    """The SDK version, e.g. "0.1.0"."""

def parse_card(text: str) -> Card:
    """Parses one card: "As", "Td", "10d", "ah", "A♠"."""

def parse_cards(text: str) -> list[Card]:
    """Parses a list of cards: "As Ks", "AsKs", "As,Ks"."""

def evaluate(cards: Union[str, Iterable[Union[Card, str]]]) -> HandValue:
    """The best high hand of 5 to 7 cards, given as text or a sequence of Card or str."""

@final
class Card:
    """A playing card, e.g. ``Card("As")``. Immutable and hashable."""

    def __new__(cls, text: str) -> Card: ...
    @staticmethod
    def parse(text: str) -> Card:
        """Parses one card: "As", "Td", "10d", "ah", "A♠"."""
    @property
    def rank(self) -> str:
        """The rank letter: "2"-"9", "T", "J", "Q", "K", "A"."""
    @property
    def suit(self) -> str:
        """The suit letter: "c", "d", "h", "s"."""
    @property
    def index(self) -> int:
        """rank * 4 + suit, 0..51 (suits ordered clubs, diamonds, hearts, spades)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class HandValue:
    """The value of a high hand: category, strength, best five cards and description."""

    @property
    def category(self) -> str:
        """The category as a snake_case code, e.g. "full_house"."""
    @property
    def strength(self) -> int:
        """The strength: the stronger hand has the greater value."""
    @property
    def best_five(self) -> list[Card]:
        """The five cards that make the hand, most significant first."""
    @property
    def description(self) -> str:
        """How a commentator says it, e.g. "Full House, Sevens full of Twos"."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Deck:
    """A "standard" (52) or "short" (36) deck, shuffled from ``seed`` if one is given,
    else in order (Ace of spades on top)."""

    def __new__(cls, kind: str = "standard", seed: Optional[int] = None) -> Deck: ...
    def draw(self, count: int) -> list[Card]:
        """Deals ``count`` cards from the top; nothing is dealt if fewer are left."""
    def shuffle(self, seed: int) -> None:
        """Shuffles the cards still in the deck from ``seed``."""
    @property
    def remaining(self) -> int:
        """Cards left to deal."""
    @property
    def kind(self) -> str:
        """The kind of deck: "standard" or "short"."""

class GgpError(Exception):
    """Base class of every GGP-GFX error; ``code`` is the stable error code."""

    code: str

class InvalidCardError(GgpError):
    """Text that is not a card (code "invalid_card")."""

class DuplicateCardError(GgpError):
    """A card given twice (code "duplicate_card")."""

class WrongCardCountError(GgpError):
    """Too few or too many cards (code "wrong_card_count")."""

class CardNotInDeckError(GgpError):
    """A card the deck lacks (code "card_not_in_deck")."""

class DeckExhaustedError(GgpError):
    """Drawing more cards than are left (code "deck_exhausted")."""

class UnknownNameError(GgpError):
    """An unknown deck kind or other name (code "unknown_name")."""

class InvalidAmountError(GgpError):
    """Text that is not an amount of chips (code "invalid_amount")."""

class HandHistoryError(GgpError):
    """A PHH hand history that cannot be read (code "hand_history")."""

class JournalError(GgpError):
    """A hand journal that cannot be replayed (code "journal")."""

class RuleViolationError(GgpError):
    """An action that breaks a rule of the game (code "rule_violation"); ``rule`` is the
    rule's code, e.g. "bet_too_small"."""

    rule: str

class InvalidConfigError(GgpError):
    """A hand configuration that cannot be played (code "invalid_config")."""

def variants() -> list[dict[str, Any]]:
    """Every variant of the registry: a list of {"code": str, "name": str, "aliases": list[str]}."""

@final
class Hand:
    """A hand of poker played by the rules engine: its configuration plus the actions
    taken, in PHH notation. Amounts come back as exact decimal text ("200", "10112.5")."""

    def __new__(
        cls,
        *,
        variant: str,
        starting_stacks: Iterable[_Amount],
        blinds_or_straddles: Optional[Iterable[_Amount]] = None,
        antes: Optional[Iterable[_Amount]] = None,
        ante: Optional[_Amount] = None,
        min_bet: Optional[_Amount] = None,
        small_bet: Optional[_Amount] = None,
        big_bet: Optional[_Amount] = None,
        bring_in: Optional[_Amount] = None,
        mode: str = "tournament",
        ante_trimming: bool = False,
    ) -> Hand: ...
    @staticmethod
    def from_phh(text: str) -> Hand:
        """Replays a PHH hand history given as text."""
    def apply(self, notation: str) -> None:
        """Applies one action in PHH notation, e.g. "p2 cbr 300"."""
    def undo(self) -> str:
        """Takes back the last action and returns it in PHH notation."""
    def redo(self) -> str:
        """Applies the last undone action again and returns it in PHH notation."""
    def next_move(self) -> dict[str, Any]:
        """What the hand waits for: {"kind", "player"?, "count"?, "betting"}."""
    @property
    def is_complete(self) -> bool:
        """Whether the hand is over (pots awarded)."""
    @property
    def stacks(self) -> list[str]:
        """Each player's stack, as exact decimal text."""
    @property
    def bets(self) -> list[str]:
        """Each player's bet on the current street, as exact decimal text."""
    @property
    def payoffs(self) -> list[str]:
        """Each player's net result so far (final once the hand is complete)."""
    @property
    def total_pot(self) -> str:
        """Every chip in the middle: the pots and the bets of the street."""
    def pots(self) -> list[dict[str, Any]]:
        """The pots: a list of {"amount": str, "players": list[int]}."""
    def actions(self) -> list[str]:
        """The actions applied so far, in PHH notation."""
    def events_since(self, seq: int = 0) -> list[dict[str, Any]]:
        """The events after ``seq`` (all of them for 0), as the core's JSON."""
    def view(
        self,
        *,
        names: Optional[list[str]] = None,
        hand_number: int = 0,
        button: Optional[int] = None,
        level: Optional[str] = None,
    ) -> dict[str, Any]:
        """The full view of the table, as a dict."""
    def public_view(
        self,
        *,
        names: Optional[list[str]] = None,
        hand_number: int = 0,
        button: Optional[int] = None,
        level: Optional[str] = None,
    ) -> dict[str, Any]:
        """The public view (no hidden hole cards, equities or outs), as a dict."""

@final
class PhhReplay:
    """One hand of a ``.phhs`` file as ``replay_phhs`` replayed it."""

    @property
    def index(self) -> int:
        """The hand's 1-based position in the file."""
    @property
    def name(self) -> str:
        """The name of its table header: "1" for "[1]"."""
    @property
    def hand(self) -> Optional[Hand]:
        """The replayed hand, or None if it failed."""
    @property
    def error(self) -> Optional[GgpError]:
        """Why the hand failed to replay, or None."""

def replay_phhs(text: str) -> list[PhhReplay]:
    """Replays every hand of a ``.phhs`` file, with the GIL released."""

class FeedError(GgpError):
    """A card or action a HandFeed could not apply; `code` says why ("card_conflict", "dead_card", "no_such_location", "player_out", "place_taken", "too_many_cards", "board_not_read", "cannot_reveal", "rules")."""

@final
class HandFeed:
    """A hand fed by card events and actions: cards are dealt in the order the hand expects
    them whatever order they are read in, hole cards read late are filled in, and every
    conflict raises FeedError. Feeds a copy of the hand it is given."""

    def __new__(cls, hand: Hand) -> HandFeed: ...
    def apply_card(
        self,
        card: Union[Card, str],
        location: str,
        *,
        present: bool = True,
        timestamp_ns: int = 0,
        source: str = "rfid",
        confidence: float = 1.0,
    ) -> str:
        """Applies a card seen (or taken away) at a location such as "player 1 hole card 2",
        "board 1 card 3" or "the muck"; returns "dealt", "waiting", "already_known",
        "revealed", "noted" or "withdrawn"."""
    def apply_action(self, notation: str, *, timestamp_ns: int = 0) -> list[str]:
        """Applies an action in PHH notation; returns the actions applied, in PHH notation."""
    @property
    def hand(self) -> Hand:
        """A copy of the hand as fed so far."""
    def waiting(self) -> list[tuple[str, str]]:
        """The cards read but not dealt yet: (card, location) each."""
    def dead_cards(self) -> list[Card]:
        """The cards that left play (folded, mucked, seen in the muck)."""

# The renderer (bindings/python/src/render.rs).

__all__ += [
    "Frame",
    "HandOverlay",
    "InvalidFrameSizeError",
    "InvalidViewError",
    "NoAdapterError",
    "RenderError",
    "SkinError",
]

class SkinError(GgpError):
    """A skin that cannot be read or used (code "skin"); the message names the file and line."""

class NoAdapterError(GgpError):
    """No graphics adapter, GPU or software, could render (code "no_adapter")."""

class InvalidFrameSizeError(GgpError):
    """A frame size outside 16 to 4096 pixels a side (code "invalid_frame_size")."""

class RenderError(GgpError):
    """Drawing or reading back a frame failed (code "render")."""

class InvalidViewError(GgpError):
    """View JSON that is not a table view (code "invalid_view")."""

@final
class Frame:
    """A rendered frame: ``width`` x ``height`` pixels, RGBA8 rows top to bottom."""

    @property
    def width(self) -> int:
        """Width in pixels."""
    @property
    def height(self) -> int:
        """Height in pixels."""
    @property
    def alpha(self) -> str:
        """"straight" or "premultiplied"."""
    @property
    def pixels(self) -> bytes:
        """The pixels: ``height`` rows of ``width * 4`` bytes, R, G, B, A."""
    def to_numpy(self) -> Any:
        """The pixels as a read-only (height, width, 4) uint8 NumPy array sharing this
        frame's memory (no copy). Needs numpy installed."""
    def key_and_fill(self) -> tuple[Frame, Frame]:
        """The pair a hardware keyer takes: (key, fill)."""

@final
class HandOverlay:
    """A skin, a renderer and a frame size: renders a hand as a settled still. The GIL is
    released while it renders."""

    def __new__(
        cls,
        width: int,
        height: int,
        skin: Optional[Union[str, os.PathLike[str]]] = None,
        adapter: str = "any",
        alpha: str = "straight",
    ) -> HandOverlay: ...
    def render_hand(self, hand: Hand, public: bool = False) -> Frame:
        """Renders ``hand`` as it stands: the full view, or with ``public`` the public view."""
    def render_view_json(self, json: str) -> Frame:
        """Renders a view given as JSON text, e.g. ``json.dumps(hand.public_view())``."""
    def reload_skin(self, path: Union[str, os.PathLike[str]]) -> None:
        """Puts the skin file at ``path`` in use; a bad one raises SkinError and the current stays."""
    @property
    def width(self) -> int:
        """Frame width in pixels."""
    @property
    def height(self) -> int:
        """Frame height in pixels."""
@final
class CancelToken:
    """A flag that stops ``equity(..., budget_ms=...)`` early from another thread."""

    def __new__(cls) -> CancelToken: ...
    def cancel(self) -> None:
        """Asks every computation holding this token to stop."""
    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` has been called."""

@final
class PlayerEquity:
    """One seat's share of the pot."""

    @property
    def win(self) -> int:
        """Boards (or samples) on which the seat took the whole pot alone."""
    @property
    def tie(self) -> int:
        """Boards on which it took part of the pot."""
    @property
    def lose(self) -> int:
        """Boards on which it took nothing."""
    @property
    def equity(self) -> float:
        """Its average share of the pot, 0 to 1."""
    @property
    def std_error(self) -> Optional[float]:
        """The standard error of ``equity`` (Monte Carlo), or None when exact."""
    @property
    def high(self) -> Optional[float]:
        """Hi-lo games: the average share won with the high hand."""
    @property
    def low(self) -> Optional[float]:
        """Hi-lo games: the average share won with the low hand."""
    @property
    def scoop(self) -> Optional[float]:
        """Hi-lo games: the fraction of boards on which it took the whole pot."""

@final
class EquityResult:
    """The answer of ``equity``: each seat's share and what was counted."""

    @property
    def players(self) -> list[PlayerEquity]:
        """Each seat's share, in seat order."""
    @property
    def boards(self) -> int:
        """Boards (or deals, or samples) counted."""
    @property
    def exact(self) -> bool:
        """Whether every one was enumerated (no sampling error)."""

@final
class CardOutcome:
    """What one unseen card would do if it came next."""

    @property
    def card(self) -> Card:
        """The card."""
    @property
    def equities(self) -> list[float]:
        """Each seat's equity with the card on the board."""
    @property
    def leaders(self) -> list[int]:
        """The seats it puts ahead."""

@final
class Outs:
    """Outs for the next board card."""

    @property
    def equities(self) -> list[float]:
        """Each seat's equity now."""
    @property
    def leaders(self) -> list[int]:
        """The seats ahead now."""
    @property
    def cards(self) -> list[CardOutcome]:
        """Each unseen card, in card order."""
    @property
    def outs(self) -> list[list[Card]]:
        """For each seat, the cards that put it alone ahead when it is not now."""

def equity(
    hands: list[Optional[str]],
    *,
    variant: str = "NT",
    board: str = "",
    dead: str = "",
    samples: Optional[int] = None,
    budget_ms: Optional[float] = None,
    seed: int = 1,
    threads: int = 0,
    cancel: Optional[CancelToken] = None,
) -> EquityResult:
    """Each seat's equity in any variant; exact, seeded Monte Carlo or within a budget."""

def outs(
    hands: list[Optional[str]],
    *,
    variant: str = "NT",
    board: str = "",
    dead: str = "",
    threads: int = 0,
) -> Outs:
    """Outs for the next board card: board games, known hands, on the flop or turn."""

@final
class LiveEquity:
    """Exact equity that follows the board card by card (board games)."""

    def __new__(
        cls,
        hands: list[Optional[str]],
        *,
        variant: str = "NT",
        board: str = "",
        dead: str = "",
        threads: int = 0,
    ) -> LiveEquity: ...
    def deal(self, card: str) -> EquityResult:
        """Deals one board card ("Th") and returns the new answer."""
    @property
    def result(self) -> EquityResult:
        """The current answer."""
    @property
    def board(self) -> list[Card]:
        """The board dealt so far."""

# The frame pipeline (issue 6).

__all__ += [
    "Pipeline",
    "PipelineFinishedError",
    "PipelineGraphicsError",
    "PipelineInputError",
    "PipelineMediaError",
    "PipelineSettingsError",
]

class PipelineSettingsError(GgpError):
    """Pipeline settings that cannot be read or used (code "pipeline_settings"); the message names the field and the line."""

class PipelineInputError(GgpError):
    """Event JSON or a hand history a pipeline cannot read (code "pipeline_input")."""

class PipelineMediaError(GgpError):
    """A source, encoder or output of a pipeline failed (code "pipeline_media")."""

class PipelineGraphicsError(GgpError):
    """A pipeline's graphics could not be drawn (code "pipeline_graphics")."""

class PipelineFinishedError(GgpError):
    """The pipeline has finished: wait() returned (code "pipeline_finished")."""

@final
class Pipeline:
    """A running frame pipeline: source, graphics, encoders and outputs, described by
    settings text (the schema of examples/data/pipeline.toml)."""

    @classmethod
    def open(cls, settings: str, *, format: Optional[str] = None) -> Pipeline:
        """Reads the settings (TOML or JSON) and starts the pipeline."""
    def push_event(self, event: Union[str, dict[str, Any]]) -> bool:
        """Adds a card or action event (FeedEvent JSON or a dict); whether a hand ran then."""
    def push_hand(self, phh: str, *, start_ns: Optional[int] = None) -> int:
        """Adds the hands of PHH text at the settings' pace; returns the last action's time."""
    def metrics(self) -> Any:
        """The health now as a dict, each output under "outputs"."""
    def prometheus(self) -> str:
        """The health as Prometheus text."""
    def on_frame(self, callback: Any) -> None:
        """Calls callback(feed, pts_ns, pixels) for each frame from now on, with NumPy copies."""
    def stop(self) -> None:
        """Asks the pipeline to stop; what it has read is still written."""
    @property
    def finished(self) -> bool:
        """Whether the pipeline has ended."""
    def wait(self) -> Any:
        """Waits (GIL released) for the end and returns the report as a dict."""

# Card recognition and RFID (bindings/python/src/vision.rs, rfid.rs).

__all__ += [
    "CardDetector",
    "CardTracker",
    "Detection",
    "RfidError",
    "RfidTable",
    "RfidVerifier",
    "VisionError",
    "VisionRuntimeError",
    "rfid_simulate",
]

class VisionError(GgpError):
    """Card recognition failed; `code` says why ("vision_runtime", "vision_model", "invalid_frame", "invalid_zone", "frame_out_of_order")."""

class VisionRuntimeError(VisionError):
    """ONNX Runtime was not found or cannot be used (code "vision_runtime"); the message says where it was searched and how to install it (pip install onnxruntime==1.31.1)."""

@final
class Detection:
    """One card found in a frame."""

    def __new__(
        cls,
        card: str,
        box_xywh: tuple[float, float, float, float],
        confidence: float,
        zone: Optional[str] = None,
    ) -> Detection: ...
    @property
    def card(self) -> Card:
        """The card."""
    @property
    def box_xywh(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the card's corner index, in pixels of the frame given."""
    @property
    def confidence(self) -> float:
        """How sure the recogniser is, 0 to 1."""
    @property
    def zone(self) -> Optional[str]:
        """The zone it was found in, or None when the whole frame was searched."""

@final
class CardDetector:
    """Finds and recognizes playing cards in frames; loads ONNX Runtime on first use and
    raises VisionRuntimeError when it is missing."""

    def __new__(
        cls,
        *,
        detector_model: Optional[Union[str, os.PathLike[str]]] = None,
        classifier_model: Optional[Union[str, os.PathLike[str]]] = None,
        zones: Optional[list[tuple[str, tuple[int, int, int, int]]]] = None,
        threads: int = 0,
        min_confidence: Optional[float] = None,
        peak_threshold: Optional[float] = None,
    ) -> CardDetector: ...
    def set_zones(self, zones: list[tuple[str, tuple[int, int, int, int]]]) -> None:
        """Replaces the zones searched: (name, (x, y, w, h)) each; empty for the whole frame."""
    def detect(self, frame: Any, *, bgra: bool = False) -> list[Detection]:
        """Finds the cards in an (H, W, 3) RGB or (H, W, 4) RGBA uint8 NumPy array (BGRA
        with bgra=True), read in place with the GIL released."""

@final
class CardTracker:
    """Follows detections over frames and reports stable cards, removals, duplicates and
    conflicts with the hand as dicts."""

    def __new__(
        cls, *, stable_frames: int = 5, absent_frames: int = 15, min_confidence: float = 0.8
    ) -> CardTracker: ...
    def update(
        self, timestamp_ns: int, detections: list[Detection], hand: Optional[Hand] = None
    ) -> list[dict[str, Any]]:
        """Takes one frame's detections; returns the events ({"type": "card"|"duplicate"|"conflict", ...})."""

# RFID (bindings/python/src/rfid.rs).

class RfidError(GgpError):
    """An RFID line, key or deck file was refused; `code` says why ("malformed", "unknown_reader", "bad_signature", "replay", "stale", "invalid_key", "deck")."""

@final
class RfidVerifier:
    """Checks a table's reader lines: the table key, the known readers, each reader's counter
    and a time window."""

    def __new__(cls, key_hex: str, readers: list[str], *, window_ms: int = 5000) -> RfidVerifier: ...
    def check(self, line: str, now_ms: Optional[int] = None) -> dict[str, Any]:
        """Checks one line and returns its message as a dict; a refused line raises RfidError."""

@final
class RfidTable:
    """A table's RFID state: deck, antennas and tags present; turns checked lines into events."""

    def __new__(cls, deck: str, antennas: str) -> RfidTable: ...
    @staticmethod
    def simulated(reader: str, players: int) -> RfidTable:
        """The simulator's table: every card's simulated tag, antennas under seats, board and muck."""
    def handle_line(
        self, verifier: RfidVerifier, line: str, now_ms: Optional[int] = None
    ) -> list[dict[str, Any]]:
        """Checks a line with the verifier and returns its events as dicts."""
    def new_hand(self) -> None:
        """A new hand: no card is dead any more."""

def rfid_simulate(
    key_hex: str,
    *,
    reader: str = "r1",
    players: int = 6,
    seed: int = 7,
    start_ms: Optional[int] = None,
    step_ms: int = 1,
    inject_every: int = 0,
) -> list[dict[str, Any]]:
    """The simulated reader's steps for a seeded hold'em hand: {"line", "genuine"} and {"action", "timestamp_ms"} dicts."""
