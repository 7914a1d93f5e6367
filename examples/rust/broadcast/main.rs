//! `broadcast`: a poker broadcast rendered from a video and hand histories, to a program
//! recording (everything shown, after the delay) and a live recording (the public view).
//!
//! ```text
//! broadcast [--video FILE] [--hand FILE.phh] [--delay SECONDS] [--skin FILE]
//!           [--pace SECONDS] [--program-url URL]... [--live-url URL]...
//!           [--cards hand-history|rfid-sim] --out-dir DIR
//! ```
//!
//! * Writes `DIR/program.mp4` and `DIR/live.mp4` (1080p H.264, libx264 veryfast CRF 23,
//!   with the input's audio) and `DIR/metrics.prom` (the pipeline's health, Prometheus text).
//! * stdout carries one JSON line with the results; a progress bar and logs go to stderr.
//! * `--video`: any file FFmpeg reads. Without it a felt-green table clip with a quiet tone
//!   is generated, as long as the hands need.
//! * `--hand`: a `.phh` hand history (or a `.phhs` file of several). Without it three
//!   six-handed No-Limit Hold'em hands are played from fixed seeds by a simple fixed
//!   strategy, so every run shows the same hands.
//! * `--pace`: hand histories carry no times, so one action is laid on the video every
//!   `--pace` seconds (default 1.0): the first hand's hole cards are dealt at 1 s, each
//!   later action (a bet, a board card deal, a show) one step later, and the next hand
//!   starts two steps after the last action of the one before.
//! * `--delay`: the program's secure delay in seconds (default 0 for file-to-file runs).
//!   The live output never waits and never carries a hidden hole card, equity or out.
//! * Equity on the program output is the exact result (every run-out), so the output is
//!   the same on any machine.
//! * `--skin`: a skin file (TOML, see ggp-render's `SKINS.md`); without it the bundled
//!   default skin. The program output shows the full view (hole cards, exact equity, the
//!   delay countdown in the ticker while it shrinks), the live output the public view.
//! * `--program-url`, `--live-url` (each repeatable): also send that feed to `rtmp://`,
//!   `rtmps://`, `srt://` or `udp://` (MPEG-TS) destinations, or write it as HLS when the
//!   value is a path ending in `.m3u8` (the playlist; its segments go beside it). Each feed
//!   is encoded once and fanned out to its file and destinations; a destination that
//!   fails reconnects with backoff while the files and the others go on. The JSON line's
//!   `destinations` gives each one's packets sent and dropped.
//! * `--cards rfid-sim`: the hole and board cards come from a simulated RFID reader over
//!   loopback TCP (signed lines, with forged, replayed and malformed ones refused) as card
//!   events fed into each hand, instead of from the history's deal lines; the betting
//!   actions stay the history's. The result line then has an `rfid` object. The default,
//!   `hand-history`, deals the cards as the history does.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ggp_core::equity::live::EquityOptions;
use ggp_core::phh::{PhhHand, parse_phhs};
use ggp_core::rules::{Action, Hand, HandConfig, variant};
use ggp_core::view::TableInfo;
use ggp_core::{Chips, Deck, DeckKind, SeededRng};
use ggp_render::skin::Skin;
use ggp_render::{Renderer, RendererOptions};
use ggp_stream::StreamError;
use ggp_stream::delay::DelayConfig;
use ggp_stream::output::{
    Destination, EncodedPacket, Fanout, FileOutput, NetworkConfig, NetworkOutput, OutputMetrics,
    PacketOutput, StreamKind,
};
use ggp_stream::overlay::SkinOverlay;
use ggp_stream::source::SourceKind;
use ggp_stream::timeline::HandScript;
use ggp_stream::{LiveOutput, Pipeline, PipelineConfig, ProgramOutput};
use indicatif::{ProgressBar, ProgressStyle};

mod rfid_cards;

const SECOND_NS: i64 = 1_000_000_000;
const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;
const NAMES: [&str; 6] = ["Ada", "Bruno", "Chen", "Dana", "Emil", "Farah"];

struct Options {
    video: Option<PathBuf>,
    hand: Option<PathBuf>,
    delay_s: f64,
    skin: Option<String>,
    pace_s: f64,
    program_urls: Vec<String>,
    live_urls: Vec<String>,
    out_dir: PathBuf,
    /// Whether cards come from the simulated RFID reader (`--cards rfid-sim`).
    rfid_cards: bool,
}

fn parse_options() -> Result<Options, String> {
    let mut video = None;
    let mut hand = None;
    let mut delay_s = 0.0;
    let mut skin = None;
    let mut pace_s = 1.0;
    let mut out_dir = None;
    let mut program_urls = Vec::new();
    let mut live_urls = Vec::new();
    let mut rfid_cards = false;
    let mut args = std::env::args().skip(1);
    let seconds = |flag: &str, value: String| -> Result<f64, String> {
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(format!("{flag} {value:?} is not a number of seconds")),
        }
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--video" => video = Some(PathBuf::from(value)),
            "--hand" => hand = Some(PathBuf::from(value)),
            "--delay" => delay_s = seconds("--delay", value)?,
            "--skin" => skin = Some(value),
            "--pace" => {
                pace_s = seconds("--pace", value)?;
                if pace_s < 0.04 {
                    return Err("--pace must be at least 0.04 s (one frame)".into());
                }
            }
            "--out-dir" => out_dir = Some(PathBuf::from(value)),
            "--program-url" => program_urls.push(value),
            "--live-url" => live_urls.push(value),
            "--cards" => {
                rfid_cards = match value.as_str() {
                    "rfid-sim" => true,
                    "hand-history" => false,
                    other => {
                        return Err(format!(
                            "--cards takes hand-history or rfid-sim, not {other:?}"
                        ));
                    }
                };
            }
            other => {
                return Err(format!(
                    "unknown option {other}; usage: broadcast [--video FILE] [--hand FILE.phh] \
                     [--delay SECONDS] [--skin FILE] [--pace SECONDS] [--program-url URL]... \
                     [--live-url URL]... [--cards hand-history|rfid-sim] --out-dir DIR"
                ));
            }
        }
    }
    Ok(Options {
        video,
        hand,
        delay_s,
        skin,
        pace_s,
        program_urls,
        live_urls,
        out_dir: out_dir.ok_or("--out-dir DIR is required")?,
        rfid_cards,
    })
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("broadcast: {message}");
            std::process::exit(2);
        }
    };
    match run(&options) {
        Ok(result) => println!("{result}"),
        Err(message) => {
            eprintln!("broadcast: {message}");
            std::process::exit(1);
        }
    }
}

/// Plays the seeded demo hands: six players, 5/10 No-Limit Hold'em, 1,000 each.
fn generated_hands() -> Result<Vec<(HandConfig, Vec<Action>, TableInfo)>, ggp_core::Error> {
    let mut hands = Vec::new();
    for number in 0..3u64 {
        let seed = 2026 + number;
        let config = HandConfig::new(variant("NT")?, vec![Chips::from(1_000); NAMES.len()])
            .with_blinds(&[Chips::from(5), Chips::from(10)])
            .with_min_bet(Chips::from(10));
        let mut hand = Hand::new(config.clone())?;
        let mut deck = Deck::shuffled(DeckKind::Standard, seed);
        let mut rng = SeededRng::new(seed);
        let mut raises = 0;
        ggp_examples::play_out(
            &mut hand,
            &mut deck,
            false,
            |hand, player| {
                // A fixed, simple strategy: fold to a bet two times in five, otherwise
                // call, with one minimum raise at most per hand.
                let state = hand.state();
                let to_call = state.call_amount().unwrap_or(Chips::ZERO);
                let roll = rng.below(100);
                if !to_call.is_zero() && roll < 40 {
                    return Action::Fold { player };
                }
                if roll >= 85
                    && raises == 0
                    && let Some((min, _)) = state.bet_or_raise_range()
                {
                    raises += 1;
                    return Action::BetOrRaiseTo {
                        player,
                        amount: min,
                    };
                }
                Action::CheckOrCall { player }
            },
            |_| Ok(()),
        )?;
        let table = TableInfo {
            hand_number: number + 1,
            names: NAMES.iter().map(|n| (*n).to_owned()).collect(),
            button: Some(NAMES.len() - 1),
            level: Some("Blinds 5/10".into()),
        };
        hands.push((config, hand.actions().to_vec(), table));
    }
    Ok(hands)
}

/// The hands of a `.phh` or `.phhs` file.
fn file_hands(path: &PathBuf) -> Result<Vec<PhhHand>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match PhhHand::parse(&text) {
        Ok(hand) => Ok(vec![hand]),
        Err(single) => match parse_phhs(&text) {
            Ok(entries) if !entries.is_empty() => Ok(entries.into_iter().map(|e| e.hand).collect()),
            _ => Err(format!("{}: {single}", path.display())),
        },
    }
}

/// The hands laid on the timeline, and when the last action is.
fn scripts(
    options: &Options,
    rfid: &mut rfid_cards::RfidStats,
) -> Result<(Vec<HandScript>, i64, usize), String> {
    let pace_ns = (options.pace_s * SECOND_NS as f64) as i64;
    let mut start_ns = SECOND_NS;
    let mut scripts = Vec::new();
    let mut actions = 0;
    let mut end_ns = start_ns;
    if let Some(path) = &options.hand {
        for (index, phh) in file_hands(path)?.iter().enumerate() {
            let table = TableInfo {
                hand_number: index as u64 + 1,
                names: phh.players.clone().unwrap_or_default(),
                button: None,
                level: None,
            };
            let (mut script, end) = HandScript::from_phh(phh, table, start_ns, pace_ns)
                .map_err(|e| format!("{}: hand {}: {e}", path.display(), index + 1))?;
            if options.rfid_cards {
                script = rfid_cards::deal_from_reader(script, rfid)?;
            }
            actions += script.events.len();
            scripts.push(script);
            end_ns = end;
            start_ns = end + 2 * pace_ns;
        }
    } else {
        let hands = generated_hands().map_err(|e| format!("generating hands: {e}"))?;
        for (config, hand_actions, table) in hands {
            let (mut script, end) =
                HandScript::from_actions(config, &hand_actions, table, start_ns, pace_ns);
            if options.rfid_cards {
                script = rfid_cards::deal_from_reader(script, rfid)?;
            }
            actions += script.events.len();
            scripts.push(script);
            end_ns = end;
            start_ns = end + 2 * pace_ns;
        }
    }
    Ok((scripts, end_ns, actions))
}

/// A network destination from a `--program-url`/`--live-url` value: a URL, or an HLS
/// playlist path (`DIR/NAME.m3u8`: HLS into `DIR`, whose playlist is `index.m3u8`).
fn destination(value: &str) -> Result<Destination, String> {
    let path = std::path::Path::new(value);
    if !value.contains("://") && path.extension().is_some_and(|e| e == "m3u8") {
        if path.file_name().is_some_and(|name| name != "index.m3u8") {
            return Err(format!(
                "{value}: HLS is written as DIR/index.m3u8 and its segments; give that path"
            ));
        }
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        return Ok(Destination::hls(dir));
    }
    Destination::parse(value).map_err(|e| e.to_string())
}

/// Each network destination's metrics as last seen, for the JSON line.
type DestinationMetrics = Arc<Mutex<Vec<(&'static str, OutputMetrics)>>>;

/// A feed's file and network destinations, from one encode; the destinations' metrics are
/// copied to `seen` after every packet.
struct FeedOutputs {
    feed: &'static str,
    outputs: Fanout,
    seen: DestinationMetrics,
}

impl FeedOutputs {
    fn publish(&self) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.retain(|(feed, _)| *feed != self.feed);
        // The first output is the feed's file; the destinations follow.
        for metrics in self.outputs.output_metrics().into_iter().skip(1) {
            seen.push((self.feed, metrics));
        }
    }
}

impl PacketOutput for FeedOutputs {
    fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError> {
        let written = self.outputs.write(packet);
        // Often enough for a progress view, rarely enough to cost nothing.
        if packet.keyframe && packet.stream == StreamKind::Video {
            self.publish();
        }
        written
    }

    fn finish(&mut self) -> Result<(), StreamError> {
        let finished = self.outputs.finish();
        self.publish();
        finished
    }

    fn metrics(&self) -> OutputMetrics {
        self.outputs.metrics()
    }
}

fn feed_output(
    feed: &'static str,
    path: PathBuf,
    urls: &[String],
    seen: &DestinationMetrics,
) -> Result<ggp_stream::OutputFactory, String> {
    let destinations = urls
        .iter()
        .map(|url| destination(url))
        .collect::<Result<Vec<_>, _>>()?;
    let seen = Arc::clone(seen);
    Ok(Box::new(move |specs| {
        let file = Box::new(FileOutput::create(&path, specs)?) as Box<dyn PacketOutput>;
        if destinations.is_empty() {
            return Ok(file);
        }
        let mut outputs = vec![file];
        for destination in destinations {
            let output = NetworkOutput::start(NetworkConfig::new(destination), specs)?;
            outputs.push(Box::new(output));
        }
        Ok(Box::new(FeedOutputs {
            feed,
            outputs: Fanout::new(outputs),
            seen,
        }))
    }))
}

fn run(options: &Options) -> Result<String, String> {
    let started = Instant::now();
    // The hand evaluator builds its tables (most of a second of CPU) on first use: build
    // them beside the renderers' start-up rather than in the middle of the first hand.
    std::thread::spawn(|| {
        if let Ok(cards) = ggp_core::parse_cards("As Ks Qs Js Ts 2c 3d") {
            let _ = ggp_core::eval::high::evaluate(&cards);
        }
    });
    ggp_stream::ffmpeg_log_errors_only();
    std::fs::create_dir_all(&options.out_dir)
        .map_err(|e| format!("{}: {e}", options.out_dir.display()))?;
    let skin = match &options.skin {
        Some(path) => Skin::load(std::path::Path::new(path)),
        None => Skin::default_skin(),
    }
    .map_err(|e| e.to_string())?;
    let mut rfid = rfid_cards::RfidStats::new();
    let (hands, end_ns, actions) = scripts(options, &mut rfid)?;
    let hand_count = hands.len();
    let source = match &options.video {
        Some(path) => SourceKind::File(path.clone()),
        None => {
            let seconds = (end_ns + 2 * SECOND_NS) as f64 / SECOND_NS as f64;
            SourceKind::Lavfi {
                graph: format!(
                    "color=c=0x0b5a2e:s={WIDTH}x{HEIGHT}:r=30:d={seconds:.3},vignette=PI/4[out0];\
                     sine=frequency=220:sample_rate=48000:duration={seconds:.3},volume=0.1[out1]"
                ),
            }
        }
    };
    // One renderer per output: each output's thread draws its own graphics.
    let open = || {
        Renderer::new(RendererOptions::default()).map_err(|e| format!("opening the renderer: {e}"))
    };
    let overlay = |renderer, target: &str| {
        SkinOverlay::new(renderer, skin.clone(), WIDTH, HEIGHT, target).map_err(|e| e.to_string())
    };
    let mut live_overlay = overlay(open()?, "live")?;
    let adapter = live_overlay.renderer().adapter_info().name.clone();
    eprintln!("broadcast: rendering graphics on {adapter}");
    let destinations: DestinationMetrics = Arc::default();
    let live = LiveOutput {
        overlay: Box::new(live_overlay),
        output: feed_output(
            "live",
            options.out_dir.join("live.mp4"),
            &options.live_urls,
            &destinations,
        )?,
    };
    let program = ProgramOutput {
        overlay: Box::new(overlay(open()?, "program")?),
        output: feed_output(
            "program",
            options.out_dir.join("program.mp4"),
            &options.program_urls,
            &destinations,
        )?,
    };
    let mut config = PipelineConfig::new(source);
    config.output_size = Some((WIDTH, HEIGHT));
    config.equity = Some(EquityOptions::default());
    config.delay = DelayConfig {
        delay_ns: (options.delay_s * SECOND_NS as f64) as i64,
        ..DelayConfig::default()
    };
    let pipeline = Pipeline::start(config, hands, live, program).map_err(|e| e.to_string())?;
    let expected = pipeline
        .expected_frames()
        .unwrap_or(((end_ns + 2 * SECOND_NS) / SECOND_NS * 30) as u64);
    let bar = ProgressBar::new(expected);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} frames {per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    while !pipeline.is_finished() {
        bar.set_position(pipeline.stats().program_frames_out);
        std::thread::sleep(Duration::from_millis(200));
    }
    let report = pipeline.wait().map_err(|e| e.to_string())?;
    bar.set_position(report.stats.program_frames_out);
    bar.finish_and_clear();
    let metrics_path = options.out_dir.join("metrics.prom");
    std::fs::write(&metrics_path, report.stats.prometheus_text())
        .map_err(|e| format!("{}: {e}", metrics_path.display()))?;
    let elapsed = started.elapsed().as_secs_f64();
    let stats = &report.stats;
    let destinations: Vec<_> = destinations
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .map(|(feed, metrics)| {
            serde_json::json!({
                "feed": feed,
                "name": metrics.name,
                "protocol": metrics.protocol,
                "state": metrics.state.name(),
                "packets_sent": metrics.packets_sent,
                "dropped_packets": metrics.dropped_packets,
                "reconnects": metrics.reconnects,
                "last_error": metrics.last_error,
            })
        })
        .collect();
    let mut result = serde_json::json!({
        "program": options.out_dir.join("program.mp4"),
        "live": options.out_dir.join("live.mp4"),
        "metrics": metrics_path,
        "frames": stats.program_frames_out,
        "live_frames": stats.live_frames_out,
        "hands": hand_count,
        "actions": actions,
        "delay_seconds": options.delay_s,
        "pace_seconds": options.pace_s,
        "corrupt_frames": stats.corrupt_frames,
        "dropped_frames": stats.dropped_frames,
        "overlay_renders": stats.overlay_renders,
        "rejected_actions": report.rejected_actions,
        "elapsed_seconds": (elapsed * 1000.0).round() / 1000.0,
        "frames_per_second": ((stats.program_frames_out as f64 / elapsed) * 10.0).round() / 10.0,
        "encode_seconds": { "live": stats.live_encode_s, "program": stats.program_encode_s },
        "stage_seconds": {
            "decode": stats.decode_s,
            "live_render": stats.live_render_s,
            "program_render": stats.program_render_s,
            "blend": stats.blend_s,
        },
        "destinations": destinations,
        "adapter": adapter,
        "cards": if options.rfid_cards { "rfid-sim" } else { "hand-history" },
    });
    if options.rfid_cards {
        result["rfid"] = rfid.to_json();
    }
    Ok(result.to_string())
}
