//! Player photos: found by player name in a folder (the caller's, or the skin's
//! `photos`), or given per name as a file; decoded once and kept.
//!
//! A photo that cannot be used is an error naming the file, kept once (see
//! [`super::Overlay::photo_errors`]); the seat then shows its initials. Frames never wait
//! on it and never fail for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::view::OverlayView;
use crate::{Image, RenderError};

/// Extensions tried, in order, for a name in a folder.
const EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "svg"];

/// Photos by player name.
#[derive(Debug, Default)]
pub(crate) struct Photos {
    /// The caller's folder, used before the skin's.
    dir: Option<PathBuf>,
    /// Files the caller named for players.
    files: HashMap<String, PathBuf>,
    /// Where each name's photo was found in a folder (`None`: nowhere), by folder.
    found: HashMap<(PathBuf, String), Option<PathBuf>>,
    /// Each file decoded, or `None` when it could not be (its error is in `errors`).
    decoded: HashMap<PathBuf, Option<Image>>,
    errors: Vec<RenderError>,
}

impl Photos {
    /// Looks names up in `dir` (before the skin's folder).
    pub(crate) fn set_dir(&mut self, dir: PathBuf) {
        self.dir = Some(dir);
    }

    /// Uses `file` for the player called `name`.
    pub(crate) fn set_file(&mut self, name: String, file: PathBuf) {
        self.files.insert(name, file);
    }

    /// Photos that could not be used, each reported once.
    pub(crate) fn errors(&self) -> &[RenderError] {
        &self.errors
    }

    /// The photos of the players in `view` that have one, by name.
    pub(crate) fn for_view(
        &mut self,
        view: &OverlayView,
        skin_dir: Option<&Path>,
    ) -> HashMap<String, Image> {
        let mut photos = HashMap::new();
        for seat in &view.seats {
            if photos.contains_key(&seat.name) {
                continue;
            }
            if let Some(image) = self.photo(&seat.name, skin_dir) {
                photos.insert(seat.name.clone(), image);
            }
        }
        photos
    }

    fn photo(&mut self, name: &str, skin_dir: Option<&Path>) -> Option<Image> {
        let file = match self.files.get(name) {
            Some(file) => file.clone(),
            None => {
                let dir = self
                    .dir
                    .clone()
                    .or_else(|| skin_dir.map(Path::to_path_buf))?;
                self.find(dir, name)?
            }
        };
        if let Some(decoded) = self.decoded.get(&file) {
            return decoded.clone();
        }
        let decoded = match Image::open(&file) {
            Ok(image) => Some(image),
            Err(error) => {
                self.errors.push(error);
                None
            }
        };
        self.decoded.insert(file, decoded.clone());
        decoded
    }

    /// The file in `dir` for `name`: the name as written, then in lower case with anything
    /// but letters and digits as `_` ("Ana Kovač" -> `ana_kovač.png`).
    fn find(&mut self, dir: PathBuf, name: &str) -> Option<PathBuf> {
        let key = (dir, name.to_owned());
        if let Some(found) = self.found.get(&key) {
            return found.clone();
        }
        let dir = &key.0;
        let slug: String = name
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let found = [name, slug.as_str()]
            .into_iter()
            .filter(|stem| !stem.is_empty() && !stem.contains(['/', '\\']) && *stem != "..")
            .flat_map(|stem| EXTENSIONS.map(|ext| dir.join(format!("{stem}.{ext}"))))
            .find(|path| path.is_file());
        self.found.insert(key, found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_written_or_as_slugs() {
        let dir = std::env::temp_dir().join(format!("ggp-photos-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("ana_kovač.svg"), b"<svg/>").expect("write");
        std::fs::write(dir.join("Tom.png"), b"x").expect("write");
        let mut photos = Photos::default();
        assert_eq!(
            photos.find(dir.clone(), "Ana Kovač"),
            Some(dir.join("ana_kovač.svg"))
        );
        assert_eq!(photos.find(dir.clone(), "Tom"), Some(dir.join("Tom.png")));
        assert_eq!(photos.find(dir.clone(), "Nobody"), None);
        assert_eq!(photos.find(dir.clone(), ".."), None);
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
