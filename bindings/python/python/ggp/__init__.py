"""GGP-GFX SDK for Python: cards, decks and hand evaluation.

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
    GgpError,
    HandValue,
    InvalidCardError,
    UnknownNameError,
    WrongCardCountError,
    evaluate,
    parse_card,
    parse_cards,
    version,
)

__version__: str = version()

__all__ = [
    "Card",
    "CardNotInDeckError",
    "Deck",
    "DeckExhaustedError",
    "DuplicateCardError",
    "GgpError",
    "HandValue",
    "InvalidCardError",
    "UnknownNameError",
    "WrongCardCountError",
    "evaluate",
    "parse_card",
    "parse_cards",
    "version",
]
