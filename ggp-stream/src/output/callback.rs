//! The raw-frame sink: an app receives each composited program and/or live frame.
//!
//! The encoder threads hand a copy of each frame they are about to encode to a bounded
//! queue; one thread of the pipeline (`ggp-frames`) takes frames from it, converts them
//! when RGBA is asked for, and calls the app's callback with a borrowed [`FrameRef`]. The
//! callback therefore never runs on an encoder thread, and its pixels are valid only for
//! the duration of the call (copy what must outlive it).
//!
//! What happens when the app is slower than the video is the [`QueuePolicy`]:
//! - [`QueuePolicy::Drop`] (the default, for live use): a frame that finds the queue full
//!   is dropped for the callback only and counted (`dropped_packets` in the sink's
//!   metrics); the broadcast never waits for the app.
//! - [`QueuePolicy::Block`] (for file processing): the encoder thread waits until the
//!   app has taken a frame, so every frame reaches the app and a slow app slows the
//!   pipeline (backpressure), never losing one.
//!
//! A callback that panics is caught: that frame is counted as failed and the next one is
//! delivered as usual.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use ffmpeg::format::Pixel;
use ffmpeg_next as ffmpeg;

use super::{OutputMetrics, OutputState};
use crate::StreamError;
use crate::picture::Picture;

/// Which feed a frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feed {
    /// The live feed: the public view, at once.
    Live,
    /// The program feed: everything shown, after the delay.
    Program,
}

impl Feed {
    /// "live" or "program".
    pub fn name(self) -> &'static str {
        match self {
            Feed::Live => "live",
            Feed::Program => "program",
        }
    }
}

/// The pixel layout an app receives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum FramePixels {
    /// One plane, 4 bytes a pixel: R, G, B, A (alpha 255; the picture is opaque).
    #[default]
    Rgba,
    /// The pipeline's own planes, no conversion: Y (full size), U and V (half width and
    /// height, rounded up), BT.601 limited range.
    Yuv420p,
}

/// One frame lent to the callback.
#[derive(Debug, Clone, Copy)]
pub struct FrameRef<'a> {
    /// The feed it was composited for.
    pub feed: Feed,
    /// Presentation time in nanoseconds on the video's timeline (from the source's first
    /// frame); increasing within a feed.
    pub pts_ns: i64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The layout of `planes`.
    pub format: FramePixels,
    /// The planes: one for RGBA, three (Y, U, V) for YUV 4:2:0.
    pub planes: &'a [&'a [u8]],
    /// Bytes from one row to the next, per plane.
    pub strides: &'a [usize],
}

/// What a slow app costs (see the [module documentation](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QueuePolicy {
    /// Frames that find the queue full are dropped for the callback and counted.
    #[default]
    Drop,
    /// The pipeline waits for the app: no frame is lost.
    Block,
}

/// The app's function, called on the pipeline's frame thread.
pub type FrameCallback = Box<dyn FnMut(&FrameRef<'_>) + Send>;

/// A raw-frame sink: what to deliver, how, and to whom.
pub struct FrameSink {
    /// Deliver the live feed's frames.
    pub live: bool,
    /// Deliver the program feed's frames.
    pub program: bool,
    /// The layout delivered.
    pub pixels: FramePixels,
    /// Frames the queue holds (at least 1).
    pub queue_capacity: usize,
    /// What a full queue does.
    pub policy: QueuePolicy,
    /// The app's function.
    pub callback: FrameCallback,
}

impl std::fmt::Debug for FrameSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameSink")
            .field("live", &self.live)
            .field("program", &self.program)
            .field("pixels", &self.pixels)
            .field("queue_capacity", &self.queue_capacity)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl FrameSink {
    /// Both feeds as RGBA, 4 frames queued, dropping when the app is slow.
    pub fn new(callback: impl FnMut(&FrameRef<'_>) + Send + 'static) -> Self {
        FrameSink {
            live: true,
            program: true,
            pixels: FramePixels::Rgba,
            queue_capacity: 4,
            policy: QueuePolicy::Drop,
            callback: Box::new(callback),
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    delivered: AtomicU64,
    dropped: AtomicU64,
    failed: AtomicU64,
    queued: AtomicU64,
}

/// The running sink: the queue's sending end and the thread that calls the app.
#[derive(Debug)]
pub(crate) struct FrameTap {
    sender: SyncSender<(Feed, Picture)>,
    live: bool,
    program: bool,
    policy: QueuePolicy,
    capacity: usize,
    counts: Arc<Counts>,
    error: Arc<Mutex<Option<String>>>,
    thread: JoinHandle<()>,
}

impl FrameTap {
    /// Starts the sink's thread.
    pub(crate) fn start(sink: FrameSink) -> Result<Self, StreamError> {
        let capacity = sink.queue_capacity.max(1);
        let (sender, receiver) = sync_channel(capacity);
        let counts = Arc::new(Counts::default());
        let error = Arc::new(Mutex::new(None));
        let thread = {
            let counts = Arc::clone(&counts);
            let error = Arc::clone(&error);
            let pixels = sink.pixels;
            let callback = sink.callback;
            std::thread::Builder::new()
                .name("ggp-frames".into())
                .spawn(move || deliver(receiver, pixels, callback, &counts, &error))
                .map_err(|e| StreamError::Thread {
                    target: "frame callback".into(),
                    reason: e.to_string(),
                })?
        };
        Ok(FrameTap {
            sender,
            live: sink.live,
            program: sink.program,
            policy: sink.policy,
            capacity,
            counts,
            error,
            thread,
        })
    }

    /// Offers a frame about to be encoded; copies it only when it will be delivered.
    pub(crate) fn offer(&self, feed: Feed, picture: &Picture) {
        let wanted = match feed {
            Feed::Live => self.live,
            Feed::Program => self.program,
        };
        if !wanted {
            return;
        }
        let counts = &self.counts;
        match self.policy {
            QueuePolicy::Block => {
                counts.queued.fetch_add(1, Ordering::Relaxed);
                if self.sender.send((feed, picture.clone())).is_err() {
                    counts.queued.fetch_sub(1, Ordering::Relaxed);
                    counts.dropped.fetch_add(1, Ordering::Relaxed);
                }
            }
            QueuePolicy::Drop => {
                // Checked before copying: a full queue costs no copy of the picture.
                if counts.queued.load(Ordering::Relaxed) >= self.capacity as u64 {
                    counts.dropped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                counts.queued.fetch_add(1, Ordering::Relaxed);
                match self.sender.try_send((feed, picture.clone())) {
                    Ok(()) => {}
                    Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                        counts.queued.fetch_sub(1, Ordering::Relaxed);
                        counts.dropped.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
    }

    /// The sink's health, as an output's: frames delivered, dropped, waiting.
    pub(crate) fn metrics(&self) -> OutputMetrics {
        metrics_of(
            &self.counts,
            self.capacity,
            &self.error,
            OutputState::Connected,
        )
    }

    /// Closes the queue, lets the app take what is in it, and ends the thread.
    pub(crate) fn finish(self) -> OutputMetrics {
        let FrameTap {
            sender,
            counts,
            error,
            thread,
            capacity,
            ..
        } = self;
        drop(sender);
        if thread.join().is_err() {
            let mut slot = error.lock().unwrap_or_else(PoisonError::into_inner);
            slot.get_or_insert_with(|| "the frame thread ended abnormally".into());
        }
        metrics_of(&counts, capacity, &error, OutputState::Finished)
    }
}

fn metrics_of(
    counts: &Counts,
    capacity: usize,
    error: &Mutex<Option<String>>,
    state: OutputState,
) -> OutputMetrics {
    let mut metrics = OutputMetrics::new("frame callback", "callback");
    metrics.state = state;
    metrics.packets_sent = counts.delivered.load(Ordering::Relaxed);
    metrics.dropped_packets =
        counts.dropped.load(Ordering::Relaxed) + counts.failed.load(Ordering::Relaxed);
    metrics.queue_depth = usize::try_from(counts.queued.load(Ordering::Relaxed)).unwrap_or(0);
    metrics.queue_capacity = capacity;
    metrics.last_error = error.lock().unwrap_or_else(PoisonError::into_inner).clone();
    metrics
}

fn deliver(
    receiver: Receiver<(Feed, Picture)>,
    pixels: FramePixels,
    mut callback: FrameCallback,
    counts: &Counts,
    error: &Mutex<Option<String>>,
) {
    let mut converter = RgbaConverter::default();
    for (feed, picture) in receiver {
        counts.queued.fetch_sub(1, Ordering::Relaxed);
        let frame = &picture.frame;
        let (width, height) = (frame.width(), frame.height());
        let call = |callback: &mut FrameCallback, planes: &[&[u8]], strides: &[usize]| {
            let view = FrameRef {
                feed,
                pts_ns: picture.time_ns,
                width,
                height,
                format: pixels,
                planes,
                strides,
            };
            catch_unwind(AssertUnwindSafe(|| callback(&view))).is_ok()
        };
        let delivered = match pixels {
            FramePixels::Yuv420p => {
                let chroma_rows = height.div_ceil(2) as usize;
                let rows = [height as usize, chroma_rows, chroma_rows];
                let strides = [frame.stride(0), frame.stride(1), frame.stride(2)];
                let planes: Vec<&[u8]> = (0..3)
                    .map(|plane| {
                        let data = frame.data(plane);
                        &data[..(strides[plane] * rows[plane]).min(data.len())]
                    })
                    .collect();
                call(&mut callback, &planes, &strides)
            }
            FramePixels::Rgba => match converter.convert(frame) {
                Ok(rgba) => {
                    let stride = rgba.stride(0);
                    let data = rgba.data(0);
                    let plane = &data[..(stride * height as usize).min(data.len())];
                    call(&mut callback, &[plane], &[stride])
                }
                Err(message) => {
                    *error.lock().unwrap_or_else(PoisonError::into_inner) = Some(message);
                    false
                }
            },
        };
        if delivered {
            counts.delivered.fetch_add(1, Ordering::Relaxed);
        } else {
            counts.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// YUV 4:2:0 to RGBA with FFmpeg's scaler, kept while the size stays the same.
#[derive(Default)]
struct RgbaConverter {
    scaler: Option<(u32, u32, ffmpeg::software::scaling::Context)>,
    output: Option<ffmpeg::frame::Video>,
}

impl RgbaConverter {
    fn convert(&mut self, frame: &ffmpeg::frame::Video) -> Result<&ffmpeg::frame::Video, String> {
        let (width, height) = (frame.width(), frame.height());
        if !matches!(&self.scaler, Some((w, h, _)) if *w == width && *h == height) {
            let scaler = ffmpeg::software::scaling::Context::get(
                frame.format(),
                width,
                height,
                Pixel::RGBA,
                width,
                height,
                ffmpeg::software::scaling::Flags::BILINEAR,
            )
            .map_err(|e| format!("cannot convert {width}x{height} frames to RGBA: {e}"))?;
            self.scaler = Some((width, height, scaler));
            self.output = Some(ffmpeg::frame::Video::new(Pixel::RGBA, width, height));
        }
        let (Some((_, _, scaler)), Some(output)) = (&mut self.scaler, &mut self.output) else {
            return Err("the RGBA converter is not set up".into());
        };
        scaler
            .run(frame, output)
            .map_err(|e| format!("cannot convert a frame to RGBA: {e}"))?;
        Ok(output)
    }
}
