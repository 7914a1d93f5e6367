//! Rewrites an SVG deck through usvg so that ggp-render can embed it small and font-free.
//!
//! `cargo run --release --manifest-path ggp-render/tools/shrink-deck/Cargo.toml -- \
//!     SOURCE_DIR DEST_DIR FONT.ttf`
//!
//! Each `*.svg` in SOURCE_DIR (jokers skipped) is parsed by usvg and written to DEST_DIR as
//! gzip-compressed `*.svgz` in its simplified form: Inkscape metadata and unused definitions are gone, styles are resolved
//! into attributes, and text (the jumbo deck draws its "10" index in Arial) becomes paths,
//! set in FONT (DejaVu Sans Condensed is close to Arial's widths). The renderer then needs
//! no fonts for card art. Coordinates keep three decimals (see `COORDINATE_DIGITS`).

use std::path::Path;

/// Digits after the point kept in path coordinates. The cards are 210 x 315 units, so a
/// thousandth of a unit is under a hundredth of a pixel even on a 2048-pixel-tall card:
/// the rasterised cards cannot change.
const COORDINATE_DIGITS: u8 = 3;
/// Digits kept in transform matrices, which multiply coordinates and so keep more.
const TRANSFORM_DIGITS: u8 = 6;
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, dest, font] = args.as_slice() else {
        eprintln!("usage: shrink-deck SOURCE_DIR DEST_DIR FONT.ttf");
        std::process::exit(2);
    };
    if let Err(message) = run(Path::new(source), Path::new(dest), Path::new(font)) {
        eprintln!("shrink-deck: {message}");
        std::process::exit(1);
    }
}

fn run(source: &Path, dest: &Path, font: &Path) -> Result<(), String> {
    let mut db = usvg::fontdb::Database::new();
    let bytes = std::fs::read(font).map_err(|e| format!("{}: {e}", font.display()))?;
    db.load_font_data(bytes);
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
        .ok_or_else(|| format!("{}: no font face", font.display()))?;
    db.set_sans_serif_family(&family);
    let options = usvg::Options {
        font_family: family.clone(),
        fontdb: Arc::new(db),
        ..Default::default()
    };
    let write = usvg::WriteOptions {
        indent: usvg::Indent::None,
        coordinates_precision: COORDINATE_DIGITS,
        transforms_precision: TRANSFORM_DIGITS,
        ..Default::default()
    };
    std::fs::create_dir_all(dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    let mut entries: Vec<_> = std::fs::read_dir(source)
        .map_err(|e| format!("{}: {e}", source.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "svg"))
        .filter(|p| !p.to_string_lossy().contains("Joker"))
        .collect();
    entries.sort();
    let (mut before, mut after) = (0usize, 0usize);
    for path in entries {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // The deck names Arial, which a bare machine lacks; use the given face instead.
        let text = text.replace("font-family:Arial", &format!("font-family:'{family}'"));
        let tree = usvg::Tree::from_str(&text, &options)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let out = gzip(tree.to_string(&write).as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .with_extension("svgz")
            .file_name()
            .ok_or("no file name")?
            .to_owned();
        std::fs::write(dest.join(&name), &out).map_err(|e| format!("{}: {e}", path.display()))?;
        before += text.len();
        after += out.len();
        println!("{}\t{}\t{}", name.to_string_lossy(), text.len(), out.len());
    }
    eprintln!("{before} bytes -> {after} bytes");
    Ok(())
}

/// Gzip at the best ratio; usvg reads gzip-compressed SVG (svgz) as it reads plain SVG.
fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}
