//! Renders the default broadcast skin (or another) for one moment of a hand history.
//!
//! ```text
//! render_scene --hand FILE.phh --action N --size WIDTHxHEIGHT --out FRAME.png
//!              [--skin FILE.toml] [--public] [--ticker TEXT] [--level TEXT]
//! ```
//!
//! The state is the one after the first N entries of the hand's `actions` (dealing lines
//! count; 0 is before anything was dealt). The full view shows every live player's exact
//! equity and outs; `--public` renders the public view instead, with card backs where
//! the cards are not public and no equity. Prints one JSON line with what it wrote;
//! messages go to stderr. Exits non-zero only when it could not render.

use std::path::PathBuf;

use ggp_core::equity::live::EquityOptions;
use ggp_core::phh::PhhHand;
use ggp_core::view::{TableInfo, TableView};
use ggp_render::skin::{Overlay, OverlayView, Skin};
use ggp_render::{AdapterChoice, AlphaMode, Renderer, RendererOptions, Timestamp};

struct Options {
    hand: PathBuf,
    action: usize,
    size: (u32, u32),
    out: PathBuf,
    skin: Option<PathBuf>,
    public: bool,
    ticker: Option<String>,
    level: Option<String>,
}

const USAGE: &str = "usage: render_scene --hand FILE.phh --action N --size WIDTHxHEIGHT \
                     --out FRAME.png [--skin FILE.toml] [--public] [--ticker TEXT] [--level TEXT]";

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let parsed = text
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)));
    match parsed {
        Some((w, h)) if (16..=4096).contains(&w) && (16..=4096).contains(&h) => Ok((w, h)),
        Some((w, h)) => Err(format!(
            "--size {w}x{h}: each side must be 16 to 4096 pixels, e.g. --size 1920x1080"
        )),
        None => Err(format!(
            "--size {text:?} is not WIDTHxHEIGHT; write it like --size 1920x1080"
        )),
    }
}

fn parse_options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut hand, mut action, mut size, mut out) = (None, None, None, None);
    let mut options_skin = None;
    let (mut public, mut ticker, mut level) = (false, None, None);
    while let Some(flag) = args.next() {
        if flag == "--public" {
            public = true;
            continue;
        }
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value; {USAGE}"))?;
        match flag.as_str() {
            "--hand" => hand = Some(PathBuf::from(value)),
            "--action" => {
                action = Some(value.parse().map_err(|_| {
                    format!("--action {value:?} is not a whole number of action lines")
                })?)
            }
            "--size" => size = Some(parse_size(&value)?),
            "--out" => out = Some(PathBuf::from(value)),
            "--skin" => options_skin = Some(PathBuf::from(value)),
            "--ticker" => ticker = Some(value),
            "--level" => level = Some(value),
            other => return Err(format!("unknown option {other}; {USAGE}")),
        }
    }
    let missing = |name: &str| format!("{name} is required; {USAGE}");
    Ok(Options {
        hand: hand.ok_or_else(|| missing("--hand"))?,
        action: action.ok_or_else(|| missing("--action"))?,
        size: size.ok_or_else(|| missing("--size"))?,
        out: out.ok_or_else(|| missing("--out"))?,
        skin: options_skin,
        public,
        ticker,
        level,
    })
}

/// The view after the first `options.action` action lines, with equity in the full view.
fn view_of(options: &Options) -> Result<(OverlayView, usize), String> {
    let shown = options.hand.display();
    let text = std::fs::read_to_string(&options.hand)
        .map_err(|e| format!("cannot read the hand {shown}: {e}; check the path"))?;
    let phh = PhhHand::parse(&text).map_err(|e| format!("{shown} is not a valid PHH hand: {e}"))?;
    let total = phh.actions.len();
    if options.action > total {
        return Err(format!(
            "--action {} is past the end of {shown}, which has {total} action lines; use 0 to {total}",
            options.action
        ));
    }
    let hand = phh.replay_actions(Some(options.action)).map_err(|e| {
        format!(
            "{shown}: replaying the first {} actions: {e}",
            options.action
        )
    })?;
    let players = hand.state().player_count();
    let info = TableInfo {
        hand_number: match &phh.hand {
            Some(ggp_core::phh::PhhLabel::Number(n)) => u64::try_from(*n).unwrap_or(0),
            _ => 0,
        },
        names: phh.players.clone().unwrap_or_default(),
        // PHH lists hold'em players from the small blind (the big blind heads-up), so
        // the button is the last player.
        button: players.checked_sub(1),
        level: options.level.clone(),
    };
    let mut full = TableView::of(&hand, &info);
    let view = if options.public {
        OverlayView::from(&full.to_public())
    } else {
        if let Err(e) = full.fill_equity(&EquityOptions::default()) {
            eprintln!("render_scene: no equity for {shown}: {e}");
        }
        OverlayView::from(&full)
    };
    let view = match &options.ticker {
        Some(ticker) => view.with_ticker(ticker.clone()),
        None => view,
    };
    Ok((view, total))
}

fn run(options: &Options) -> Result<serde_json::Value, String> {
    let skin = match &options.skin {
        Some(path) => Skin::load(path),
        None => Skin::default_skin(),
    }
    .map_err(|e| e.to_string())?;
    let (view, total) = view_of(options)?;
    let renderer = Renderer::new(RendererOptions {
        adapter: AdapterChoice::HighPerformance,
    })
    .map_err(|e| e.to_string())?;
    let adapter = renderer.adapter_info().name.clone();
    let mut overlay = Overlay::new(renderer, skin)
        .map_err(|e| e.to_string())?
        .with_alpha(AlphaMode::Straight);
    let (width, height) = options.size;
    // The first frame of an overlay shows everything settled, with no transition running.
    let frame = overlay
        .render(&view, width, height, Timestamp::ZERO)
        .map_err(|e| e.to_string())?;
    image::save_buffer(
        &options.out,
        &frame.pixels,
        frame.width,
        frame.height,
        image::ColorType::Rgba8,
    )
    .map_err(|e| format!("cannot write {}: {e}", options.out.display()))?;
    Ok(serde_json::json!({
        "hand": options.hand.display().to_string(),
        "action": options.action,
        "actions_total": total,
        "public": options.public,
        "width": width,
        "height": height,
        "out": options.out.display().to_string(),
        "adapter": adapter,
    }))
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("render_scene: {message}");
            std::process::exit(2);
        }
    };
    match run(&options) {
        Ok(line) => println!("{line}"),
        Err(message) => {
            eprintln!("render_scene: {message}");
            std::process::exit(1);
        }
    }
}
