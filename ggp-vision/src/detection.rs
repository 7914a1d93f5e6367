//! One card found in one frame: what the detector returns and the tracker consumes.

use ggp_core::Card;

/// A card recognized in a frame.
///
/// The box is in pixels of the frame that was given to the detector (after EXIF orientation
/// for photos), so that callers can draw it over that same frame without any scaling.
///
/// ```
/// use ggp_core::Card;
/// use ggp_vision::detection::Detection;
/// let detection = Detection {
///     card: "As".parse::<Card>()?,
///     bbox: [10.0, 20.0, 30.0, 40.0],
///     confidence: 0.99,
///     zone: Some("board".to_owned()),
/// };
/// assert_eq!(detection.card.to_string(), "As");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The recognized card.
    pub card: Card,
    /// `[x, y, w, h]` of the card's corner index, in pixels of the input frame.
    pub bbox: [f32; 4],
    /// How sure the recognizer is of `card`, from 0 to 1.
    pub confidence: f32,
    /// The configured zone (for example `"board"` or `"seat3"`) the card was found in, or
    /// `None` when the whole frame was searched.
    pub zone: Option<String>,
}
