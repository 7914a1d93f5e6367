//! The secure delay: the program output's frames and sound held for a set time, so that
//! what it shows (hole cards, equity) is on air only after the play it reveals is over.
//!
//! # Design
//!
//! * **What is held.** The source's own pictures and audio packets, before any graphics.
//!   Graphics are drawn when a frame leaves the buffer, from the full view *known then*:
//!   a frame stamped `t` and released at `t + D` shows every hole card entered up to
//!   `t + D`, so cards read late still show from the start of the hand.
//! * **Clock.** Release is decided on the video's own timeline: a frame leaves once the
//!   newest frame pushed is `D` newer. A live source delivers frames in real time, so this
//!   is wall-clock delay; a file runs as fast as the encoders go with the same result.
//!   At the end of the input everything left is released in order.
//! * **Memory, then disk.** Up to `memory_limit_bytes` is held in memory. Beyond that,
//!   incoming items are packed into segments (`segment_bytes` each), encrypted with
//!   AES-256-GCM under a key held only in memory ([`SpillStore`]) and written to a private
//!   directory, to be read back in order. Items are always in one of three places, in
//!   time order: `front` (memory, next out), the segments on disk, `back` (memory, filling
//!   the next segment), so ordering never depends on where an item was kept. Segments
//!   hold raw pictures (no re-encode: no quality loss, no extra CPU, ~3 MB a 1080p frame).
//! * **Dynamic delay.** [`DelayBuffer::set_target_delay`] lowers the delay (for a break):
//!   while the delay is above the target, one frame in `1 / shrink_rate` is dropped and the
//!   program timeline closes the gap, so with `shrink_rate` 0.25 each 4 s of program
//!   removes 1 s of delay. Every released item says the delay status, from which the
//!   program draws a countdown. The delay never grows back by itself (that would need the
//!   program to stop); restart with a larger delay instead.
//! * **The live output** never passes through here: it is composited at once from the
//!   public view only (see [`crate::composite::LiveCompositor`]).

mod spill;

use std::collections::VecDeque;
use std::path::PathBuf;

use ffmpeg::format::Pixel;
use ffmpeg_next as ffmpeg;

pub use spill::{SegmentRef, SpillStore};

use crate::StreamError;
use crate::output::{EncodedPacket, StreamKind};
use crate::picture::Picture;
use crate::view::DelayStatus;

/// Settings of the delay.
#[derive(Debug, Clone, PartialEq)]
pub struct DelayConfig {
    /// The delay, in nanoseconds (0: frames pass straight through).
    pub delay_ns: i64,
    /// Bytes of pictures and audio held in memory before spilling to disk.
    pub memory_limit_bytes: usize,
    /// Where the encrypted segments go (a private directory is made inside).
    pub spill_dir: PathBuf,
    /// Bytes per spilled segment.
    pub segment_bytes: usize,
    /// Delay removed per second of program while shrinking (0.25: 1 s every 4 s).
    pub shrink_rate: f64,
}

impl Default for DelayConfig {
    fn default() -> Self {
        DelayConfig {
            delay_ns: 0,
            memory_limit_bytes: 1 << 30,
            spill_dir: std::env::temp_dir(),
            segment_bytes: 64 << 20,
            shrink_rate: 0.25,
        }
    }
}

/// An item held by the delay.
#[derive(Debug, Clone)]
pub enum Delayed {
    /// A source picture, without graphics.
    Video(Picture),
    /// An audio packet, with its time in nanoseconds on the video's timeline.
    Audio {
        /// The packet.
        packet: EncodedPacket,
        /// Its time on the video's timeline.
        time_ns: i64,
    },
}

impl Delayed {
    fn time_ns(&self) -> i64 {
        match self {
            Delayed::Video(picture) => picture.time_ns,
            Delayed::Audio { time_ns, .. } => *time_ns,
        }
    }

    fn byte_size(&self) -> usize {
        match self {
            Delayed::Video(picture) => picture.byte_size() + 64,
            Delayed::Audio { packet, .. } => packet.data.len() + 64,
        }
    }
}

/// An item leaving the delay.
#[derive(Debug, Clone)]
pub struct Released {
    /// The item.
    pub item: Delayed,
    /// Events stamped up to this time are known when it is shown (its time + the delay).
    pub known_until_ns: i64,
    /// How much earlier than its source time the item is shown, in nanoseconds: what
    /// shrinking the delay has removed so far. Output timestamps are the input's minus this.
    pub shift_ns: i64,
    /// The delay now, for the countdown.
    pub status: DelayStatus,
}

/// Counters of the delay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DelayStats {
    /// Items held now.
    pub held: usize,
    /// Bytes held in memory now.
    pub memory_bytes: usize,
    /// Bytes held on disk now (encrypted).
    pub disk_bytes: u64,
    /// Segments written so far.
    pub segments_written: u64,
    /// Pictures dropped to shrink the delay.
    pub dropped_frames: u64,
    /// The delay now, in nanoseconds.
    pub current_delay_ns: i64,
}

/// The program's delay buffer.
#[derive(Debug)]
pub struct DelayBuffer {
    config: DelayConfig,
    front: VecDeque<Delayed>,
    front_bytes: usize,
    segments: VecDeque<(SegmentRef, usize)>,
    back: Vec<Delayed>,
    back_bytes: usize,
    store: Option<SpillStore>,
    newest_ns: i64,
    shift_ns: i64,
    target_delay_ns: i64,
    shrink_from_ns: i64,
    drop_debt_ns: f64,
    last_video_ns: Option<i64>,
    frame_interval_ns: i64,
    stats: DelayStats,
}

impl DelayBuffer {
    /// An empty buffer.
    pub fn new(config: DelayConfig) -> Self {
        let delay = config.delay_ns.max(0);
        DelayBuffer {
            front: VecDeque::new(),
            front_bytes: 0,
            segments: VecDeque::new(),
            back: Vec::new(),
            back_bytes: 0,
            store: None,
            newest_ns: i64::MIN,
            shift_ns: 0,
            target_delay_ns: delay,
            shrink_from_ns: delay,
            drop_debt_ns: 0.0,
            last_video_ns: None,
            frame_interval_ns: 33_333_333,
            stats: DelayStats::default(),
            config,
        }
    }

    /// The delay now, in nanoseconds.
    pub fn current_delay_ns(&self) -> i64 {
        (self.config.delay_ns.max(0) - self.shift_ns).max(0)
    }

    /// Lowers the delay to `target_ns` at the configured rate (a larger value than the
    /// current delay is taken as the current delay: the delay does not grow back).
    pub fn set_target_delay(&mut self, target_ns: i64) {
        self.shrink_from_ns = self.current_delay_ns();
        self.target_delay_ns = target_ns.clamp(0, self.shrink_from_ns);
        self.drop_debt_ns = 0.0;
    }

    /// Counters now.
    pub fn stats(&self) -> DelayStats {
        DelayStats {
            held: self.front.len()
                + self.back.len()
                + self.segments.iter().map(|(_, n)| n).sum::<usize>(),
            memory_bytes: self.front_bytes + self.back_bytes,
            disk_bytes: self.store.as_ref().map_or(0, SpillStore::bytes_on_disk),
            current_delay_ns: self.current_delay_ns(),
            ..self.stats
        }
    }

    /// Takes an item in; it leaves once the delay has passed on the video's timeline.
    pub fn push(&mut self, item: Delayed) -> Result<(), StreamError> {
        self.newest_ns = self.newest_ns.max(item.time_ns());
        let size = item.byte_size();
        if self.segments.is_empty()
            && self.back.is_empty()
            && self.front_bytes + size <= self.config.memory_limit_bytes
        {
            self.front_bytes += size;
            self.front.push_back(item);
            return Ok(());
        }
        self.back_bytes += size;
        self.back.push(item);
        if self.back_bytes >= self.config.segment_bytes.max(1) {
            self.spill_back()?;
        }
        Ok(())
    }

    /// The next item whose delay has passed, if any.
    pub fn pop_ready(&mut self) -> Result<Option<Released>, StreamError> {
        self.pop(false)
    }

    /// The next item regardless of the delay (at the end of the input).
    pub fn pop_any(&mut self) -> Result<Option<Released>, StreamError> {
        self.pop(true)
    }

    fn pop(&mut self, flushing: bool) -> Result<Option<Released>, StreamError> {
        loop {
            if self.front.is_empty() {
                self.refill_front()?;
            }
            let Some(next) = self.front.front() else {
                return Ok(None);
            };
            let delay = self.current_delay_ns();
            if !flushing && next.time_ns().saturating_add(delay) > self.newest_ns {
                return Ok(None);
            }
            let Some(item) = self.front.pop_front() else {
                return Ok(None);
            };
            self.front_bytes = self.front_bytes.saturating_sub(item.byte_size());
            if let Delayed::Video(picture) = &item {
                if let Some(last) = self.last_video_ns
                    && picture.time_ns > last
                {
                    self.frame_interval_ns = picture.time_ns - last;
                }
                self.last_video_ns = Some(picture.time_ns);
                if self.should_drop() {
                    continue;
                }
            }
            let time_ns = item.time_ns();
            return Ok(Some(Released {
                known_until_ns: time_ns.saturating_add(delay),
                shift_ns: self.shift_ns,
                status: self.status(),
                item,
            }));
        }
    }

    /// Whether to drop this picture to shrink the delay (and account for it if so).
    fn should_drop(&mut self) -> bool {
        if self.current_delay_ns() <= self.target_delay_ns {
            return false;
        }
        let interval = self.frame_interval_ns.max(1);
        self.drop_debt_ns += interval as f64 * self.config.shrink_rate.clamp(0.0, 0.5);
        if self.drop_debt_ns < interval as f64 {
            return false;
        }
        self.drop_debt_ns -= interval as f64;
        let room = self.current_delay_ns() - self.target_delay_ns;
        self.shift_ns += interval.min(room);
        self.stats.dropped_frames += 1;
        true
    }

    fn status(&self) -> DelayStatus {
        let seconds =
            |ns: i64| u32::try_from((ns.max(0) + 999_999_999) / 1_000_000_000).unwrap_or(u32::MAX);
        DelayStatus {
            current_s: seconds(self.current_delay_ns()),
            target_s: seconds(self.target_delay_ns),
            from_s: seconds(self.shrink_from_ns),
        }
    }

    fn spill_back(&mut self) -> Result<(), StreamError> {
        if self.back.is_empty() {
            return Ok(());
        }
        if self.store.is_none() {
            self.store = Some(SpillStore::create(&self.config.spill_dir)?);
        }
        let items = std::mem::take(&mut self.back);
        self.back_bytes = 0;
        let bytes = serialize(&items);
        if let Some(store) = &mut self.store {
            let segment = store.write(&bytes)?;
            self.segments.push_back((segment, items.len()));
            self.stats.segments_written += 1;
        }
        Ok(())
    }

    fn refill_front(&mut self) -> Result<(), StreamError> {
        if let Some((segment, _)) = self.segments.pop_front() {
            let Some(store) = &mut self.store else {
                return Ok(());
            };
            let bytes = store.read(&segment)?;
            for item in deserialize(&bytes)? {
                self.front_bytes += item.byte_size();
                self.front.push_back(item);
            }
        } else {
            self.front.extend(self.back.drain(..));
            self.front_bytes += self.back_bytes;
            self.back_bytes = 0;
        }
        Ok(())
    }
}

fn put_i64(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn serialize(items: &[Delayed]) -> Vec<u8> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Delayed::Video(picture) => {
                out.push(0);
                let frame = &picture.frame;
                put_i64(&mut out, i64::from(frame.width()));
                put_i64(&mut out, i64::from(frame.height()));
                put_i64(&mut out, picture.pts);
                put_i64(&mut out, picture.time_ns);
                for plane in 0..3 {
                    let (width, height) = plane_size(frame.width(), frame.height(), plane);
                    let stride = frame.stride(plane);
                    let data = frame.data(plane);
                    for row in 0..height {
                        out.extend_from_slice(&data[row * stride..row * stride + width]);
                    }
                }
            }
            Delayed::Audio { packet, time_ns } => {
                out.push(1);
                put_i64(&mut out, packet.pts);
                put_i64(&mut out, packet.dts);
                put_i64(&mut out, packet.duration);
                put_i64(&mut out, *time_ns);
                put_i64(&mut out, packet.data.len() as i64);
                out.extend_from_slice(&packet.data);
            }
        }
    }
    out
}

fn plane_size(width: u32, height: u32, plane: usize) -> (usize, usize) {
    if plane == 0 {
        (width as usize, height as usize)
    } else {
        (width.div_ceil(2) as usize, height.div_ceil(2) as usize)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], StreamError> {
        let slice = self
            .bytes
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| StreamError::InvalidConfig {
                target: "delay segment".into(),
                reason: format!("truncated at byte {}", self.at),
            })?;
        self.at += n;
        Ok(slice)
    }

    fn i64(&mut self) -> Result<i64, StreamError> {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(self.take(8)?);
        Ok(i64::from_le_bytes(bytes))
    }
}

fn deserialize(bytes: &[u8]) -> Result<Vec<Delayed>, StreamError> {
    let mut reader = Reader { bytes, at: 0 };
    let mut items = Vec::new();
    while reader.at < bytes.len() {
        let tag = reader.take(1)?[0];
        if tag == 0 {
            let width = u32::try_from(reader.i64()?).unwrap_or(0);
            let height = u32::try_from(reader.i64()?).unwrap_or(0);
            let pts = reader.i64()?;
            let time_ns = reader.i64()?;
            let mut frame = ffmpeg::frame::Video::new(Pixel::YUV420P, width, height);
            for plane in 0..3 {
                let (plane_width, plane_height) = plane_size(width, height, plane);
                let stride = frame.stride(plane);
                for row in 0..plane_height {
                    let src = reader.take(plane_width)?;
                    frame.data_mut(plane)[row * stride..row * stride + plane_width]
                        .copy_from_slice(src);
                }
            }
            items.push(Delayed::Video(Picture {
                frame,
                pts,
                time_ns,
            }));
        } else {
            let pts = reader.i64()?;
            let dts = reader.i64()?;
            let duration = reader.i64()?;
            let time_ns = reader.i64()?;
            let len = usize::try_from(reader.i64()?).unwrap_or(0);
            let data = reader.take(len)?.to_vec();
            items.push(Delayed::Audio {
                packet: EncodedPacket {
                    stream: StreamKind::Audio,
                    data,
                    pts,
                    dts,
                    duration,
                    keyframe: true,
                },
                time_ns,
            });
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: i64 = 1_000_000;

    fn picture(index: i64) -> Picture {
        let mut frame = ffmpeg::frame::Video::new(Pixel::YUV420P, 64, 36);
        frame.data_mut(0).fill((index % 250) as u8);
        frame.data_mut(1).fill(7);
        frame.data_mut(2).fill(9);
        Picture {
            frame,
            pts: index,
            time_ns: index * 40 * MS,
        }
    }

    fn video(released: Released) -> Picture {
        match released.item {
            Delayed::Video(picture) => picture,
            Delayed::Audio { .. } => panic!("expected a picture"),
        }
    }

    #[test]
    fn frames_leave_after_the_delay_in_order_even_through_disk() {
        let config = DelayConfig {
            delay_ns: 400 * MS,
            memory_limit_bytes: 3 * picture(0).byte_size(),
            segment_bytes: 2 * picture(0).byte_size(),
            ..Default::default()
        };
        let mut buffer = DelayBuffer::new(config);
        let mut out = Vec::new();
        for i in 0..50 {
            buffer.push(Delayed::Video(picture(i))).expect("push");
            while let Some(released) = buffer.pop_ready().expect("pop") {
                // Released exactly when the newest frame is 400 ms newer.
                assert!(released.known_until_ns <= i * 40 * MS);
                assert_eq!(
                    released.known_until_ns,
                    video(released.clone()).time_ns + 400 * MS
                );
                out.push(video(released));
            }
            if i == 20 {
                let stats = buffer.stats();
                assert!(stats.segments_written > 0, "spilled to disk: {stats:?}");
                assert!(stats.disk_bytes > 0);
            }
        }
        assert_eq!(out.len(), 40, "the last 400 ms are still held");
        while let Some(released) = buffer.pop_any().expect("flush") {
            out.push(video(released));
        }
        assert_eq!(out.len(), 50);
        for (i, picture) in out.iter().enumerate() {
            assert_eq!(picture.pts, i as i64);
            assert_eq!(
                picture.frame.data(0)[0],
                (i % 250) as u8,
                "pixels survive the disk"
            );
            assert_eq!(picture.frame.data(2)[0], 9);
        }
    }

    #[test]
    fn the_delay_shrinks_at_the_set_rate_with_a_countdown() {
        let config = DelayConfig {
            delay_ns: 2_000 * MS,
            shrink_rate: 0.25,
            ..Default::default()
        };
        let mut buffer = DelayBuffer::new(config);
        buffer.set_target_delay(1_000 * MS);
        let mut released = Vec::new();
        for i in 0..400 {
            buffer.push(Delayed::Video(picture(i))).expect("push");
            while let Some(item) = buffer.pop_ready().expect("pop") {
                released.push(item);
            }
        }
        let first = &released[0];
        assert_eq!(
            first.status.countdown_text().as_deref(),
            Some("DELAY 0:02 -> 0:01")
        );
        // 1 s removed at 0.25 s per s of program: about 4 s (100 frames of 40 ms) later,
        // 25 frames fewer.
        let stats = buffer.stats();
        assert_eq!(stats.current_delay_ns, 1_000 * MS);
        assert_eq!(stats.dropped_frames, 25);
        let last = released.last().expect("some");
        assert_eq!(last.shift_ns, 1_000 * MS);
        assert_eq!(last.status.countdown_fraction(), None, "steady again");
        // Shown times stay monotonic once shifted.
        let shown: Vec<i64> = released
            .iter()
            .map(|r| r.item.time_ns() - r.shift_ns)
            .collect();
        assert!(shown.windows(2).all(|w| w[0] < w[1]));
    }
}
