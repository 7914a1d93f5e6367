//! Reading photos and stills from files, upright: the EXIF orientation is applied.

use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::error::{Result, VisionError};
use crate::frame::RgbImage;

/// Reads an image file (PNG or JPEG) as RGB, rotated or flipped as its EXIF orientation says,
/// so that boxes found in it match what a viewer shows.
pub fn read_image(path: &Path) -> Result<RgbImage> {
    let failed = |reason: String| VisionError::Image {
        path: path.to_path_buf(),
        reason,
    };
    let reader = ImageReader::open(path)
        .map_err(|error| failed(error.to_string()))?
        .with_guessed_format()
        .map_err(|error| failed(error.to_string()))?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|error| failed(error.to_string()))?;
    let orientation = decoder
        .orientation()
        .map_err(|error| failed(error.to_string()))?;
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|error| failed(error.to_string()))?;
    image.apply_orientation(orientation);
    Ok(from_dynamic(image))
}

/// Decodes an image held in memory (PNG or JPEG), with its EXIF orientation applied.
pub fn decode_image(bytes: &[u8]) -> Result<RgbImage> {
    let failed = |reason: String| VisionError::Image {
        path: "<memory>".into(),
        reason,
    };
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| failed(error.to_string()))?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|error| failed(error.to_string()))?;
    let orientation = decoder
        .orientation()
        .map_err(|error| failed(error.to_string()))?;
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|error| failed(error.to_string()))?;
    image.apply_orientation(orientation);
    Ok(from_dynamic(image))
}

fn from_dynamic(image: DynamicImage) -> RgbImage {
    let rgb = image.into_rgb8();
    RgbImage {
        width: rgb.width(),
        height: rgb.height(),
        pixels: rgb.into_raw(),
    }
}
