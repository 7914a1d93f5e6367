//! The running pipeline: threads joined by bounded queues.
//!
//! ```text
//!  decode ──(queue)──> compose ──(queue)──> live graphics ──(queue)──> live encoder ──> live output
//!   Source              Timeline views       render on change, blend    (public view, now)
//!                       DelayBuffer
//!                            └──(queue)──> program graphics ──(queue)──> program encoder ──> program
//! ```
//!
//! The compose thread only decides which view each picture shows (the live one at once,
//! the program one when the picture leaves the delay); each output's graphics thread
//! renders and blends, so the overlays of the frames queued ahead are rendered while the
//! encoders work on earlier ones, and the two outputs' renders run side by side.
//!
//! Every queue is bounded: a slow encoder blocks the compositor, which blocks the decoder,
//! which stops reading (a file simply waits; a live input's own buffer absorbs what it can
//! and the demuxer drops beyond that). The live path composites from the public view the
//! instant a frame arrives; the program path composites what leaves the delay, from the
//! full view known at that moment. Events (cards, actions, new hands) can be pushed while
//! it runs; the views they change appear on the first frame at or after their timestamps.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ffmpeg::Rational;
use ffmpeg_next as ffmpeg;
use ggp_core::equity::live::EquityOptions;
use ggp_core::feed::FeedEvent;
use ggp_core::view::PublicTableView;

use crate::StreamError;
use crate::composite::{CompositeTimings, LiveCompositor, ProgramCompositor};
use crate::delay::{DelayBuffer, DelayConfig, Delayed};
use crate::encode::{VideoEncoder, VideoEncoderConfig};
use crate::output::key_fill::VideoFormat;
use crate::output::{EncodedPacket, Feed, FrameSink, OutputMetrics, PacketOutput, StreamSpec};
use crate::overlay::{Overlay, OverlayImage};
use crate::picture::{Picture, from_ns, to_ns};
use crate::source::{Source, SourceItem, SourceKind};
use crate::stats::{Counters, PipelineStats};
use crate::taps::{Sinks, Taps};
use crate::timeline::{HandScript, Timeline};
use crate::view::ProgramView;

/// Makes an output once the streams are known (video first, then audio if any).
pub type OutputFactory =
    Box<dyn FnOnce(&[StreamSpec]) -> Result<Box<dyn PacketOutput>, StreamError> + Send>;

/// How to run a pipeline.
#[derive(Debug, Clone)]
pub struct PipelineConfig {
    /// Where the video comes from.
    pub source: SourceKind,
    /// Output size (default: the source's).
    pub output_size: Option<(u32, u32)>,
    /// Video encoder for both outputs.
    pub encoder: VideoEncoderConfig,
    /// The program delay.
    pub delay: DelayConfig,
    /// Capacity of each queue between threads.
    pub queue_capacity: usize,
    /// Equity on the program view (`None`: none shown).
    pub equity: Option<EquityOptions>,
}

impl PipelineConfig {
    /// Defaults for `source`: source size, x264 veryfast CRF 23, no delay, exact equity.
    pub fn new(source: SourceKind) -> Self {
        PipelineConfig {
            source,
            output_size: None,
            encoder: VideoEncoderConfig::default(),
            delay: DelayConfig::default(),
            queue_capacity: 8,
            equity: Some(EquityOptions::default()),
        }
    }
}

/// The graphics and destination of the live output (public view only).
pub struct LiveOutput {
    /// Draws the public view.
    pub overlay: Box<dyn Overlay<Option<PublicTableView>>>,
    /// Makes the destination.
    pub output: OutputFactory,
}

/// The graphics and destination of the program output (full view, after the delay).
pub struct ProgramOutput {
    /// Draws the full view and the delay countdown.
    pub overlay: Box<dyn Overlay<ProgramView>>,
    /// Makes the destination.
    pub output: OutputFactory,
}

impl std::fmt::Debug for LiveOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveOutput")
    }
}

impl std::fmt::Debug for ProgramOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgramOutput")
    }
}

/// What a finished pipeline reports.
#[derive(Debug, Clone)]
pub struct PipelineReport {
    /// The final counters.
    pub stats: PipelineStats,
    /// Actions the rules refused (skipped).
    pub rejected_actions: u64,
}

enum EncodeItem {
    Video(Picture),
    Audio(EncodedPacket),
}

/// A picture with the view its graphics show, or audio passing through in order.
enum GraphicsItem<V> {
    Video(Picture, V),
    Audio(EncodedPacket),
}

/// The compositors of the two outputs, behind one interface for the graphics threads.
trait GraphicsStage<V>: Send {
    fn composite(&mut self, view: &V, picture: &mut Picture) -> Result<(), StreamError>;
    fn timings(&self) -> CompositeTimings;
    /// The graphics of the last picture, for the key and fill output (program only).
    fn overlay_image(&self) -> Option<Arc<OverlayImage>> {
        None
    }
}

impl GraphicsStage<Option<PublicTableView>> for LiveCompositor {
    fn composite(
        &mut self,
        view: &Option<PublicTableView>,
        picture: &mut Picture,
    ) -> Result<(), StreamError> {
        LiveCompositor::composite(self, view, picture)
    }

    fn timings(&self) -> CompositeTimings {
        LiveCompositor::timings(self)
    }
}

impl GraphicsStage<ProgramView> for ProgramCompositor {
    fn composite(&mut self, view: &ProgramView, picture: &mut Picture) -> Result<(), StreamError> {
        ProgramCompositor::composite(self, view, picture)
    }

    fn timings(&self) -> CompositeTimings {
        ProgramCompositor::timings(self)
    }

    fn overlay_image(&self) -> Option<Arc<OverlayImage>> {
        ProgramCompositor::overlay_image(self)
    }
}

struct Shared {
    counters: Counters,
    stop: AtomicBool,
    timeline: Mutex<Timeline>,
    delay_target_ns: Mutex<Option<i64>>,
    output_metrics: Mutex<Vec<OutputMetrics>>,
    taps: Taps,
}

/// A running pipeline.
pub struct Pipeline {
    shared: Arc<Shared>,
    expected_frames: Option<u64>,
    size: (u32, u32),
    threads: Vec<(&'static str, JoinHandle<Result<(), StreamError>>)>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}

struct SourceInfo {
    size: (u32, u32),
    time_base: Rational,
    frame_rate: Rational,
    audio: Option<StreamSpec>,
    expected_frames: Option<u64>,
}

fn thread_error(name: &str, reason: impl Into<String>) -> StreamError {
    StreamError::Thread {
        target: name.to_owned(),
        reason: reason.into(),
    }
}

fn spawn<F>(name: &'static str, body: F) -> Result<JoinHandle<Result<(), StreamError>>, StreamError>
where
    F: FnOnce() -> Result<(), StreamError> + Send + 'static,
{
    std::thread::Builder::new()
        .name(format!("ggp-{name}"))
        .spawn(body)
        .map_err(|e| thread_error(name, e.to_string()))
}

impl Pipeline {
    /// Opens the source, the encoders and the outputs, and starts the threads.
    pub fn start(
        config: PipelineConfig,
        hands: Vec<HandScript>,
        live: LiveOutput,
        program: ProgramOutput,
    ) -> Result<Pipeline, StreamError> {
        Self::start_with(config, hands, live, program, Sinks::default())
    }

    /// [`Pipeline::start`] with a raw-frame callback and/or key and fill.
    pub fn start_with(
        config: PipelineConfig,
        hands: Vec<HandScript>,
        live: LiveOutput,
        program: ProgramOutput,
        sinks: Sinks,
    ) -> Result<Pipeline, StreamError> {
        let shared = Arc::new(Shared {
            counters: Counters::default(),
            stop: AtomicBool::new(false),
            timeline: Mutex::new(Timeline::new(hands, config.equity)),
            delay_target_ns: Mutex::new(None),
            output_metrics: Mutex::new(Vec::new()),
            taps: Taps::default(),
        });
        let capacity = config.queue_capacity.max(1);
        // The source lives on its own thread (FFmpeg's scaler is not Send): it opens
        // there and reports what the encoders need.
        let (info_tx, info_rx) = sync_channel::<Result<SourceInfo, StreamError>>(1);
        let (item_tx, item_rx) = sync_channel::<SourceItem>(capacity);
        let decode = {
            let shared = Arc::clone(&shared);
            let source_kind = config.source.clone();
            let output_size = config.output_size;
            spawn("decode", move || {
                let mut source = match Source::open(&source_kind, output_size) {
                    Ok(source) => source,
                    Err(error) => {
                        let message = error.to_string();
                        let _ = info_tx.send(Err(error));
                        return Err(thread_error("decode", message));
                    }
                };
                let _ = info_tx.send(Ok(SourceInfo {
                    size: source.output_size(),
                    time_base: source.time_base(),
                    frame_rate: source.frame_rate(),
                    audio: source.audio_spec(),
                    expected_frames: source.expected_frames(),
                }));
                decode_loop(&mut source, &item_tx, &shared)
            })?
        };
        let info = info_rx
            .recv()
            .map_err(|_| thread_error("decode", "ended before opening the source"))??;
        let mut threads = vec![("decode", decode)];
        let open = |name: &'static str,
                    factory: OutputFactory|
         -> Result<(VideoEncoder, Box<dyn PacketOutput>), StreamError> {
            let encoder = VideoEncoder::open(
                &config.encoder,
                info.size.0,
                info.size.1,
                info.time_base,
                info.frame_rate,
            )?;
            let mut specs = vec![encoder.spec().clone()];
            specs.extend(info.audio.clone());
            let output = factory(&specs).map_err(|e| match e {
                StreamError::Thread { .. } => e,
                other => thread_error(name, other.to_string()),
            })?;
            Ok((encoder, output))
        };
        let opened = open("live", live.output)
            .and_then(|live_parts| {
                open("program", program.output).map(|program_parts| (live_parts, program_parts))
            })
            .and_then(|parts| {
                start_sinks(&shared.taps, sinks, &config, &info)?;
                Ok(parts)
            });
        let ((live_encoder, live_sink), (program_encoder, program_sink)) = match opened {
            Ok(parts) => parts,
            Err(error) => {
                shared.stop.store(true, Ordering::Relaxed);
                drop(item_rx);
                for (_, thread) in threads {
                    let _ = thread.join();
                }
                return Err(error);
            }
        };
        *shared
            .output_metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner) =
            vec![live_sink.metrics(), program_sink.metrics()];
        let (live_tx, live_rx) = sync_channel::<EncodeItem>(capacity);
        let (program_tx, program_rx) = sync_channel::<EncodeItem>(capacity);
        let (live_graphics_tx, live_graphics_rx) =
            sync_channel::<GraphicsItem<Option<PublicTableView>>>(capacity);
        let (program_graphics_tx, program_graphics_rx) =
            sync_channel::<GraphicsItem<ProgramView>>(capacity);
        threads.push((
            "live",
            spawn_encoder(
                "live",
                live_encoder,
                live_sink,
                live_rx,
                Arc::clone(&shared),
                0,
            )?,
        ));
        threads.push((
            "program",
            spawn_encoder(
                "program",
                program_encoder,
                program_sink,
                program_rx,
                Arc::clone(&shared),
                1,
            )?,
        ));
        threads.push((
            "live-graphics",
            spawn_graphics(
                "live-graphics",
                LiveCompositor::new(live.overlay),
                live_graphics_rx,
                live_tx,
                Arc::clone(&shared),
                0,
            )?,
        ));
        threads.push((
            "program-graphics",
            spawn_graphics(
                "program-graphics",
                ProgramCompositor::new(program.overlay),
                program_graphics_rx,
                program_tx,
                Arc::clone(&shared),
                1,
            )?,
        ));
        let compose = {
            let shared = Arc::clone(&shared);
            let delay = DelayBuffer::new(config.delay.clone());
            let video_tb = info.time_base;
            let audio_tb = info.audio.as_ref().map(|a| a.time_base);
            spawn("compose", move || {
                let mut composer = Composer {
                    shared: &shared,
                    delay,
                    live_tx: live_graphics_tx,
                    program_tx: program_graphics_tx,
                    video_tb,
                    audio_tb,
                    video_start_ns: None,
                    last_audio_end: None,
                };
                composer.run(&item_rx)
            })?
        };
        threads.push(("compose", compose));
        Ok(Pipeline {
            shared,
            expected_frames: info.expected_frames,
            size: info.size,
            threads,
        })
    }

    /// How many pictures the source should yield, when known (a file's duration).
    pub fn expected_frames(&self) -> Option<u64> {
        self.expected_frames
    }

    /// The size of the output pictures.
    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// Whether every thread has ended (then [`Pipeline::wait`] returns at once).
    pub fn is_finished(&self) -> bool {
        self.threads.iter().all(|(_, thread)| thread.is_finished())
    }

    /// Adds a card or action event (nanoseconds on the video's timeline); `false` when no
    /// hand was running at its time.
    pub fn push_event(&self, event: FeedEvent) -> bool {
        self.shared.counters.events.fetch_add(1, Ordering::Relaxed);
        self.shared
            .timeline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_event(event)
    }

    /// Starts a new hand.
    pub fn push_hand(&self, hand: HandScript) {
        self.shared
            .timeline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_hand(hand);
    }

    /// Moves the program delay to `target_ns`: down at the configured rate (a break), or
    /// up by holding the program picture until the difference has passed, with the
    /// countdown shown either way.
    pub fn set_delay_target(&self, target_ns: i64) {
        *self
            .shared
            .delay_target_ns
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(target_ns);
    }

    /// The health now; the outputs' metrics include the frame callback and key and fill.
    pub fn stats(&self) -> PipelineStats {
        let mut outputs = self
            .shared
            .output_metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        outputs.extend(self.shared.taps.metrics());
        self.shared.counters.snapshot(outputs)
    }

    /// Delivers raw frames to an app from now on, replacing any earlier frame sink (see
    /// [`FrameSink`]). Call it from outside the callback.
    pub fn set_frame_sink(&self, sink: FrameSink) -> Result<(), StreamError> {
        self.shared.taps.set_frames(sink)
    }

    /// Asks the pipeline to stop: the source stops reading, and everything already read
    /// (the delay's content included) is encoded and the outputs are closed.
    pub fn stop(&self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }

    /// Waits for the end of the input (or [`Pipeline::stop`]) and the outputs to close.
    /// The first error of any thread is returned; the others still finish their work.
    pub fn wait(self) -> Result<PipelineReport, StreamError> {
        let mut first_error = None;
        for (name, thread) in self.threads {
            let result = thread
                .join()
                .unwrap_or_else(|_| Err(thread_error(name, "panicked")));
            if let Err(error) = result
                && first_error.is_none()
            {
                first_error = Some(error);
            }
        }
        let sinks = self.shared.taps.finish();
        if let Some(error) = first_error {
            return Err(error);
        }
        sinks?;
        let mut outputs = self
            .shared
            .output_metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        outputs.extend(self.shared.taps.metrics());
        let rejected_actions = self
            .shared
            .timeline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .rejected_actions();
        Ok(PipelineReport {
            stats: self.shared.counters.snapshot(outputs),
            rejected_actions,
        })
    }
}

fn start_sinks(
    taps: &Taps,
    sinks: Sinks,
    config: &PipelineConfig,
    info: &SourceInfo,
) -> Result<(), StreamError> {
    if let Some(sink) = sinks.key_fill {
        let format = VideoFormat {
            width: info.size.0,
            height: info.size.1,
            time_base: info.time_base,
            frame_rate: info.frame_rate,
        };
        taps.start_key_fill(sink, &config.encoder, format, config.queue_capacity.max(1))?;
    }
    if let Some(sink) = sinks.frames {
        taps.set_frames(sink)?;
    }
    Ok(())
}

fn decode_loop(
    source: &mut Source,
    items: &SyncSender<SourceItem>,
    shared: &Shared,
) -> Result<(), StreamError> {
    let counters = &shared.counters;
    while !shared.stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        let next = source.next_item()?;
        counters
            .decode_ns
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        let Some(item) = next else {
            break;
        };
        if matches!(item, SourceItem::Video(_)) {
            counters.frames_in.fetch_add(1, Ordering::Relaxed);
        }
        counters
            .corrupt
            .store(source.stats().corrupt, Ordering::Relaxed);
        counters.decode_queue.fetch_add(1, Ordering::Relaxed);
        if items.send(item).is_err() {
            // The compositor is gone (it failed): its error is the one reported.
            break;
        }
    }
    counters
        .corrupt
        .store(source.stats().corrupt, Ordering::Relaxed);
    Ok(())
}

fn spawn_encoder(
    name: &'static str,
    mut encoder: VideoEncoder,
    mut sink: Box<dyn PacketOutput>,
    items: Receiver<EncodeItem>,
    shared: Arc<Shared>,
    slot: usize,
) -> Result<JoinHandle<Result<(), StreamError>>, StreamError> {
    spawn(name, move || {
        let counters = &shared.counters;
        let (queue, frames_out, encode_ns) = if slot == 0 {
            (
                &counters.live_queue,
                &counters.live_frames_out,
                &counters.live_encode_ns,
            )
        } else {
            (
                &counters.program_queue,
                &counters.program_frames_out,
                &counters.program_encode_ns,
            )
        };
        let mut first_error: Option<StreamError> = None;
        let mut write = |sink: &mut Box<dyn PacketOutput>, packet: &EncodedPacket| {
            if first_error.is_none()
                && let Err(error) = sink.write(packet)
            {
                first_error = Some(error);
            }
        };
        for item in &items {
            queue.fetch_sub(1, Ordering::Relaxed);
            match item {
                EncodeItem::Video(mut picture) => {
                    let feed = if slot == 0 { Feed::Live } else { Feed::Program };
                    shared.taps.frame(feed, &picture);
                    for packet in encoder.encode(&mut picture)? {
                        write(&mut sink, &packet);
                    }
                    frames_out.fetch_add(1, Ordering::Relaxed);
                    encode_ns.store(encoder.encode_time().as_nanos() as u64, Ordering::Relaxed);
                }
                EncodeItem::Audio(packet) => write(&mut sink, &packet),
            }
            if let Some(metrics) = shared
                .output_metrics
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_mut(slot)
            {
                *metrics = sink.metrics();
            }
        }
        for packet in encoder.finish()? {
            write(&mut sink, &packet);
        }
        encode_ns.store(encoder.encode_time().as_nanos() as u64, Ordering::Relaxed);
        let finished = sink.finish();
        if let Some(metrics) = shared
            .output_metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_mut(slot)
        {
            *metrics = sink.metrics();
        }
        match first_error {
            Some(error) => Err(error),
            None => finished,
        }
    })
}

/// An output's graphics thread: renders (on change) and blends each picture's overlay,
/// then hands it on to the encoder, audio passing through in order.
fn spawn_graphics<V, C>(
    name: &'static str,
    mut compositor: C,
    items: Receiver<GraphicsItem<V>>,
    encoder: SyncSender<EncodeItem>,
    shared: Arc<Shared>,
    slot: usize,
) -> Result<JoinHandle<Result<(), StreamError>>, StreamError>
where
    V: Send + 'static,
    C: GraphicsStage<V> + 'static,
{
    spawn(name, move || {
        let counters = &shared.counters;
        let (renders, render_ns) = if slot == 0 {
            (&counters.live_renders, &counters.live_render_ns)
        } else {
            (&counters.program_renders, &counters.program_render_ns)
        };
        let mut blended = Duration::ZERO;
        for item in &items {
            let item = match item {
                GraphicsItem::Video(mut picture, view) => {
                    compositor.composite(&view, &mut picture)?;
                    if slot == 1 {
                        shared
                            .taps
                            .program_overlay(&picture, compositor.overlay_image());
                    }
                    let timings = compositor.timings();
                    renders.store(timings.renders, Ordering::Relaxed);
                    render_ns.store(timings.render_time.as_nanos() as u64, Ordering::Relaxed);
                    counters.blend_ns.fetch_add(
                        (timings.blend_time - blended).as_nanos() as u64,
                        Ordering::Relaxed,
                    );
                    blended = timings.blend_time;
                    EncodeItem::Video(picture)
                }
                GraphicsItem::Audio(packet) => EncodeItem::Audio(packet),
            };
            if encoder.send(item).is_err() {
                return Err(thread_error(name, "the encoder stopped early"));
            }
        }
        Ok(())
    })
}

struct Composer<'a> {
    shared: &'a Shared,
    delay: DelayBuffer,
    live_tx: SyncSender<GraphicsItem<Option<PublicTableView>>>,
    program_tx: SyncSender<GraphicsItem<ProgramView>>,
    video_tb: Rational,
    audio_tb: Option<Rational>,
    video_start_ns: Option<i64>,
    last_audio_end: Option<i64>,
}

impl Composer<'_> {
    fn run(&mut self, items: &Receiver<SourceItem>) -> Result<(), StreamError> {
        for item in items {
            self.shared
                .counters
                .decode_queue
                .fetch_sub(1, Ordering::Relaxed);
            if let Some(target) = self
                .shared
                .delay_target_ns
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
            {
                self.delay.set_target_delay(target);
            }
            match item {
                SourceItem::Video(picture) => self.video(picture)?,
                SourceItem::Audio(packet) => self.audio(packet)?,
            }
            while let Some(released) = self.delay.pop_ready()? {
                self.release(released)?;
            }
            self.publish_delay_stats();
        }
        while let Some(released) = self.delay.pop_any()? {
            self.release(released)?;
        }
        self.publish_delay_stats();
        Ok(())
    }

    fn send_live(&self, item: GraphicsItem<Option<PublicTableView>>) -> Result<(), StreamError> {
        self.shared
            .counters
            .live_queue
            .fetch_add(1, Ordering::Relaxed);
        self.live_tx
            .send(item)
            .map_err(|_| thread_error("live", "the graphics thread stopped early"))
    }

    fn send_program(&self, item: GraphicsItem<ProgramView>) -> Result<(), StreamError> {
        self.shared
            .counters
            .program_queue
            .fetch_add(1, Ordering::Relaxed);
        self.program_tx
            .send(item)
            .map_err(|_| thread_error("program", "the graphics thread stopped early"))
    }

    fn lock_timeline(&self) -> std::sync::MutexGuard<'_, Timeline> {
        self.shared
            .timeline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn video(&mut self, picture: Picture) -> Result<(), StreamError> {
        if self.video_start_ns.is_none() {
            self.video_start_ns = Some(to_ns(picture.pts, self.video_tb) - picture.time_ns);
        }
        self.delay.push(Delayed::Video(picture.share()?))?;
        let view = self.lock_timeline().public_view_at(picture.time_ns)?;
        self.send_live(GraphicsItem::Video(picture, view))
    }

    fn audio(&mut self, packet: EncodedPacket) -> Result<(), StreamError> {
        let Some(audio_tb) = self.audio_tb else {
            return Ok(());
        };
        let time_ns = to_ns(packet.pts, audio_tb) - self.video_start_ns.unwrap_or(0);
        self.delay.push(Delayed::Audio {
            packet: packet.clone(),
            time_ns,
        })?;
        self.send_live(GraphicsItem::Audio(packet))
    }

    fn release(&mut self, released: crate::delay::Released) -> Result<(), StreamError> {
        match released.item {
            Delayed::Video(mut picture) => {
                let table = self
                    .lock_timeline()
                    .program_view_at(picture.time_ns, released.known_until_ns)?;
                let view = ProgramView {
                    table,
                    delay: released.status,
                };
                picture.pts -= from_ns(released.shift_ns, self.video_tb);
                self.send_program(GraphicsItem::Video(picture, view))
            }
            Delayed::Audio { mut packet, .. } => {
                let Some(audio_tb) = self.audio_tb else {
                    return Ok(());
                };
                let shift = from_ns(released.shift_ns, audio_tb);
                packet.pts -= shift;
                packet.dts -= shift;
                // Audio cut while the delay shrinks: drop what would overlap.
                if self.last_audio_end.is_some_and(|end| packet.pts < end) {
                    return Ok(());
                }
                self.last_audio_end = Some(packet.pts + packet.duration.max(1));
                self.send_program(GraphicsItem::Audio(packet))
            }
        }
    }

    fn publish_delay_stats(&self) {
        let stats = self.delay.stats();
        let counters = &self.shared.counters;
        counters
            .delay_ns
            .store(stats.current_delay_ns, Ordering::Relaxed);
        counters
            .delay_held
            .store(stats.held as u64, Ordering::Relaxed);
        counters
            .delay_disk_bytes
            .store(stats.disk_bytes, Ordering::Relaxed);
        counters
            .delay_segments
            .store(stats.segments_written, Ordering::Relaxed);
        counters
            .dropped_frames
            .store(stats.dropped_frames, Ordering::Relaxed);
        counters
            .held_frames
            .store(stats.held_frames, Ordering::Relaxed);
    }
}
