"""GGP-GFX SDK for Python: cards, decks, hand evaluation and the rules engine.

Everything here is implemented by the Rust core (``ggp-core``) through the native module
``ggp._ggp``; see ``bindings/README.md`` for the API shared by every language binding.

>>> import ggp
>>> ggp.evaluate("7h 7d 7c 2s 2h").description
'Full House, Sevens full of Twos'
"""

from ggp._ggp import (
    Card,
    CardNotInDeckError,
    Deck,
    DeckExhaustedError,
    DuplicateCardError,
    FeedError,
    GgpError,
    Hand,
    HandFeed,
    HandHistoryError,
    HandValue,
    InvalidAmountError,
    InvalidCardError,
    InvalidConfigError,
    JournalError,
    PhhReplay,
    RuleViolationError,
    UnknownNameError,
    WrongCardCountError,
    evaluate,
)
from ggp._ggp import (
    Frame,
    HandOverlay,
    InvalidFrameSizeError,
    InvalidViewError,
    NoAdapterError,
    RenderError,
    SkinError,
)
from ggp._ggp import (
    parse_card,
    parse_cards,
    replay_phhs,
    variants,
    version,
)

__version__: str = version()

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
    "evaluate",
    "parse_card",
    "parse_cards",
    "replay_phhs",
    "variants",
    "version",
    "Frame",
    "HandOverlay",
    "InvalidFrameSizeError",
    "InvalidViewError",
    "NoAdapterError",
    "RenderError",
    "SkinError",
]

# Equity and outs (issue 4).
from ggp._ggp import (  # noqa: E402
    CancelToken,
    CardOutcome,
    EquityResult,
    LiveEquity,
    Outs,
    PlayerEquity,
    equity,
    outs,
)

__all__ += ["CancelToken", "CardOutcome", "EquityResult", "Outs", "PlayerEquity", "equity", "outs"]

# The frame pipeline (issue 6).
from ggp._ggp import (  # noqa: E402
    Pipeline,
    PipelineFinishedError,
    PipelineGraphicsError,
    PipelineInputError,
    PipelineMediaError,
    PipelineSettingsError,
)

__all__ += [
    "Pipeline",
    "PipelineFinishedError",
    "PipelineGraphicsError",
    "PipelineInputError",
    "PipelineMediaError",
    "PipelineSettingsError",
]

# Card recognition and RFID (issue 7).
from ggp._ggp import (  # noqa: E402
    CardDetector,
    CardTracker,
    Detection,
    RfidError,
    RfidTable,
    RfidVerifier,
    VisionError,
    VisionRuntimeError,
    rfid_simulate,
)

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
__all__ += ["LiveEquity"]
