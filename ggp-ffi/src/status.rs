//! Status codes and the caller-owned error struct.

use std::ffi::c_char;

/// The outcome of a call. Numbers are stable and grouped by origin: 1xx the arguments,
/// 2xx cards, amounts and files, 3xx the rules of the game, 5xx card recognition, RFID and
/// card feeds, 6xx rendering, 7xx the frame pipeline, 9xx the SDK itself.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_status {
    /// Success.
    Ok = 0,
    /// A required pointer was NULL.
    NullArgument = 100,
    /// Text was not valid UTF-8.
    InvalidUtf8 = 101,
    /// An output buffer was too small; the message says how large it must be.
    BufferTooSmall = 102,
    /// A number outside its allowed values (an unknown enum value, say).
    InvalidArgument = 103,
    /// Text or a number that is not a card.
    InvalidCard = 200,
    /// The same card given twice.
    DuplicateCard = 201,
    /// Too few or too many cards.
    WrongCardCount = 202,
    /// A card that the deck in use does not hold.
    CardNotInDeck = 203,
    /// More cards asked of a deck than it has left.
    DeckExhausted = 204,
    /// An unknown name (a deck kind, say).
    UnknownName = 205,
    /// Text that is not an amount of chips.
    InvalidAmount = 206,
    /// A hand history (PHH) that cannot be read.
    HandHistory = 207,
    /// A hand journal that cannot be replayed.
    Journal = 208,
    /// A hand history in another site's format (PokerStars, say) that cannot be converted.
    Import = 209,
    /// An action that breaks a rule of the game; the message names the rule.
    RuleViolation = 300,
    /// A hand configuration that cannot be played.
    InvalidConfig = 301,
    /// ONNX Runtime, which card detection needs, was not found or cannot be used; the
    /// message says where it was searched and how to install it.
    VisionRuntime = 500,
    /// A card detection model could not be loaded or run.
    VisionModel = 501,
    /// A frame descriptor that does not describe its buffer.
    InvalidFrame = 502,
    /// A detection zone outside the frame or empty.
    InvalidZone = 503,
    /// A frame given to the card tracker older than the last one.
    FrameOutOfOrder = 504,
    /// An RFID line that breaks the protocol (or is too long).
    RfidMalformed = 505,
    /// An RFID line from a reader the table does not know.
    RfidUnknownReader = 506,
    /// An RFID line whose signature does not match the table key: forged or corrupted.
    RfidBadSignature = 507,
    /// An RFID line whose counter was already used: a replay.
    RfidReplay = 508,
    /// An RFID line stamped outside the accepted time window.
    RfidStale = 509,
    /// An RFID table key that is too short or not hexadecimal.
    RfidInvalidKey = 510,
    /// An RFID deck or antenna file that cannot be read, or a tag registered twice.
    RfidDeck = 511,
    /// A card or action a hand feed could not apply; the message starts with the reason's
    /// code (`card_conflict:`, `dead_card:`, ...).
    Feed = 512,
    /// A skin that cannot be read or used; the message names the file and line.
    Skin = 600,
    /// No graphics adapter (GPU or software) could render.
    NoAdapter = 601,
    /// A frame size outside the supported range.
    InvalidFrameSize = 602,
    /// Drawing or reading back a frame failed on the GPU.
    Render = 603,
    /// A view given as JSON that is not a table view.
    InvalidView = 604,
    /// Pipeline settings (TOML or JSON) that cannot be read or used; the message names the
    /// field and the line.
    PipelineSettings = 700,
    /// An event (JSON) or a hand history (PHH) given to a pipeline that cannot be read.
    PipelineInput = 701,
    /// A source, encoder or output of a pipeline failed (FFmpeg, a file, a full disk).
    PipelineMedia = 702,
    /// A pipeline's graphics could not be drawn (the skin or the renderer).
    PipelineGraphics = 703,
    /// The pipeline has finished: `ggp_pipeline_wait` returned.
    PipelineFinished = 704,
    /// A bug inside the SDK was caught at the boundary. Please report it.
    Panic = 900,
}

impl ggp_status {
    pub(crate) const ALL: [ggp_status; 41] = [
        ggp_status::Ok,
        ggp_status::NullArgument,
        ggp_status::InvalidUtf8,
        ggp_status::BufferTooSmall,
        ggp_status::InvalidArgument,
        ggp_status::InvalidCard,
        ggp_status::DuplicateCard,
        ggp_status::WrongCardCount,
        ggp_status::CardNotInDeck,
        ggp_status::DeckExhausted,
        ggp_status::UnknownName,
        ggp_status::InvalidAmount,
        ggp_status::HandHistory,
        ggp_status::Journal,
        ggp_status::Import,
        ggp_status::RuleViolation,
        ggp_status::InvalidConfig,
        ggp_status::VisionRuntime,
        ggp_status::VisionModel,
        ggp_status::InvalidFrame,
        ggp_status::InvalidZone,
        ggp_status::FrameOutOfOrder,
        ggp_status::RfidMalformed,
        ggp_status::RfidUnknownReader,
        ggp_status::RfidBadSignature,
        ggp_status::RfidReplay,
        ggp_status::RfidStale,
        ggp_status::RfidInvalidKey,
        ggp_status::RfidDeck,
        ggp_status::Feed,
        ggp_status::Skin,
        ggp_status::NoAdapter,
        ggp_status::InvalidFrameSize,
        ggp_status::Render,
        ggp_status::InvalidView,
        ggp_status::PipelineSettings,
        ggp_status::PipelineInput,
        ggp_status::PipelineMedia,
        ggp_status::PipelineGraphics,
        ggp_status::PipelineFinished,
        ggp_status::Panic,
    ];

    const fn name(self) -> &'static std::ffi::CStr {
        match self {
            ggp_status::Ok => c"GGP_STATUS_OK",
            ggp_status::NullArgument => c"GGP_STATUS_NULL_ARGUMENT",
            ggp_status::InvalidUtf8 => c"GGP_STATUS_INVALID_UTF8",
            ggp_status::BufferTooSmall => c"GGP_STATUS_BUFFER_TOO_SMALL",
            ggp_status::InvalidArgument => c"GGP_STATUS_INVALID_ARGUMENT",
            ggp_status::InvalidCard => c"GGP_STATUS_INVALID_CARD",
            ggp_status::DuplicateCard => c"GGP_STATUS_DUPLICATE_CARD",
            ggp_status::WrongCardCount => c"GGP_STATUS_WRONG_CARD_COUNT",
            ggp_status::CardNotInDeck => c"GGP_STATUS_CARD_NOT_IN_DECK",
            ggp_status::DeckExhausted => c"GGP_STATUS_DECK_EXHAUSTED",
            ggp_status::UnknownName => c"GGP_STATUS_UNKNOWN_NAME",
            ggp_status::InvalidAmount => c"GGP_STATUS_INVALID_AMOUNT",
            ggp_status::HandHistory => c"GGP_STATUS_HAND_HISTORY",
            ggp_status::Journal => c"GGP_STATUS_JOURNAL",
            ggp_status::Import => c"GGP_STATUS_IMPORT",
            ggp_status::RuleViolation => c"GGP_STATUS_RULE_VIOLATION",
            ggp_status::InvalidConfig => c"GGP_STATUS_INVALID_CONFIG",
            ggp_status::VisionRuntime => c"GGP_STATUS_VISION_RUNTIME",
            ggp_status::VisionModel => c"GGP_STATUS_VISION_MODEL",
            ggp_status::InvalidFrame => c"GGP_STATUS_INVALID_FRAME",
            ggp_status::InvalidZone => c"GGP_STATUS_INVALID_ZONE",
            ggp_status::FrameOutOfOrder => c"GGP_STATUS_FRAME_OUT_OF_ORDER",
            ggp_status::RfidMalformed => c"GGP_STATUS_RFID_MALFORMED",
            ggp_status::RfidUnknownReader => c"GGP_STATUS_RFID_UNKNOWN_READER",
            ggp_status::RfidBadSignature => c"GGP_STATUS_RFID_BAD_SIGNATURE",
            ggp_status::RfidReplay => c"GGP_STATUS_RFID_REPLAY",
            ggp_status::RfidStale => c"GGP_STATUS_RFID_STALE",
            ggp_status::RfidInvalidKey => c"GGP_STATUS_RFID_INVALID_KEY",
            ggp_status::RfidDeck => c"GGP_STATUS_RFID_DECK",
            ggp_status::Feed => c"GGP_STATUS_FEED",
            ggp_status::Skin => c"GGP_STATUS_SKIN",
            ggp_status::NoAdapter => c"GGP_STATUS_NO_ADAPTER",
            ggp_status::InvalidFrameSize => c"GGP_STATUS_INVALID_FRAME_SIZE",
            ggp_status::Render => c"GGP_STATUS_RENDER",
            ggp_status::InvalidView => c"GGP_STATUS_INVALID_VIEW",
            ggp_status::PipelineSettings => c"GGP_STATUS_PIPELINE_SETTINGS",
            ggp_status::PipelineInput => c"GGP_STATUS_PIPELINE_INPUT",
            ggp_status::PipelineMedia => c"GGP_STATUS_PIPELINE_MEDIA",
            ggp_status::PipelineGraphics => c"GGP_STATUS_PIPELINE_GRAPHICS",
            ggp_status::PipelineFinished => c"GGP_STATUS_PIPELINE_FINISHED",
            ggp_status::Panic => c"GGP_STATUS_PANIC",
        }
    }
}

impl From<ggp_core::ErrorKind> for ggp_status {
    fn from(kind: ggp_core::ErrorKind) -> ggp_status {
        use ggp_core::ErrorKind;
        match kind {
            ErrorKind::InvalidCard => ggp_status::InvalidCard,
            ErrorKind::DuplicateCard => ggp_status::DuplicateCard,
            ErrorKind::WrongCardCount => ggp_status::WrongCardCount,
            ErrorKind::CardNotInDeck => ggp_status::CardNotInDeck,
            ErrorKind::DeckExhausted => ggp_status::DeckExhausted,
            ErrorKind::UnknownName => ggp_status::UnknownName,
            ErrorKind::InvalidAmount => ggp_status::InvalidAmount,
            ErrorKind::HandHistory => ggp_status::HandHistory,
            ErrorKind::Journal => ggp_status::Journal,
            ErrorKind::Import => ggp_status::Import,
            ErrorKind::RuleViolation => ggp_status::RuleViolation,
            ErrorKind::InvalidConfig => ggp_status::InvalidConfig,
            // ErrorKind is non-exhaustive: a kind added to the core before this table
            // learns it still reaches C as a status, not as a panic.
            _ => ggp_status::InvalidArgument,
        }
    }
}

/// Bytes in `ggp_error`'s message, the terminating NUL included.
pub const GGP_ERROR_MESSAGE_CAPACITY: usize = 256;

/// An optional, caller-owned error report. Pass NULL when the status code is enough.
///
/// On failure it receives the status and a NUL-terminated UTF-8 message (cut to fit, at a
/// character boundary) that names the input and what was wrong with it. On success its
/// status is set to `GGP_STATUS_OK` and its message emptied. Nothing in it needs freeing.
#[repr(C)]
#[derive(Debug)]
pub struct ggp_error {
    /// The status the call returned.
    pub status: ggp_status,
    /// The message, NUL-terminated.
    pub message: [c_char; GGP_ERROR_MESSAGE_CAPACITY],
}

/// The name of a status code, e.g. "GGP_STATUS_INVALID_CARD", or NULL for a number that
/// is no status. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn ggp_status_name(status: u32) -> *const c_char {
    ggp_status::ALL
        .iter()
        .find(|s| **s as u32 == status)
        .map_or(std::ptr::null(), |s| s.name().as_ptr())
}
