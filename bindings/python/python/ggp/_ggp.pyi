"""Typed stubs of the native module ``ggp._ggp`` (checked against it by mypy stubtest)."""

from collections.abc import Iterable
from typing import Optional, Union, final

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
