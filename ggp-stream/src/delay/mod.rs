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
//!   the next segment), so ordering never depends on where an item was kept. A segment's
//!   pictures are compressed first ([`SpillCodec`]: near-lossless H.264 by default, some
//!   10-30x smaller than the ~3 MB of a raw 1080p picture), so hours of delay fit on disk.
//! * **Dynamic delay.** [`DelayBuffer::set_target_delay`] lowers the delay (for a break):
//!   while the delay is above the target, one frame in `1 / shrink_rate` is dropped and the
//!   program timeline closes the gap, so with `shrink_rate` 0.25 each 4 s of program
//!   removes 1 s of delay. A target above the current delay grows it: the program holds
//!   its next picture (shown again once for each new source picture, its audio silent)
//!   until the delay has grown by the difference, and goes on from there. Every released
//!   item says the delay status, from which the program draws a countdown.
//! * **The live output** never passes through here: it is composited at once from the
//!   public view only (see [`crate::composite::LiveCompositor`]).

mod codec;
mod spill;

use std::collections::VecDeque;
use std::path::PathBuf;

use ffmpeg::format::Pixel;
use ffmpeg_next as ffmpeg;

pub use codec::SpillCodec;
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
    /// How spilled pictures are compressed before encryption.
    pub spill_codec: SpillCodec,
}

impl Default for DelayConfig {
    fn default() -> Self {
        DelayConfig {
            delay_ns: 0,
            memory_limit_bytes: 1 << 30,
            spill_dir: std::env::temp_dir(),
            segment_bytes: 64 << 20,
            shrink_rate: 0.25,
            spill_codec: SpillCodec::default(),
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
    /// Pictures shown again to grow the delay.
    pub held_frames: u64,
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
    /// Source pictures pushed while the delay grows, each owing one held picture.
    holds_due: u64,
    /// Whether `frame_interval_ns` was measured from two pictures (not the default).
    interval_measured: bool,
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
            holds_due: 0,
            interval_measured: false,
            stats: DelayStats::default(),
            config,
        }
    }

    /// The delay now, in nanoseconds.
    pub fn current_delay_ns(&self) -> i64 {
        (self.config.delay_ns.max(0) - self.shift_ns).max(0)
    }

    /// Moves the delay to `target_ns`: down at the configured rate by dropping pictures,
    /// or up by holding the program's next picture until the difference has passed.
    pub fn set_target_delay(&mut self, target_ns: i64) {
        self.shrink_from_ns = self.current_delay_ns();
        self.target_delay_ns = target_ns.max(0);
        self.drop_debt_ns = 0.0;
        self.holds_due = 0;
    }

    /// Whether the delay is to grow by at least half a picture more. It grows by whole
    /// pictures, once the picture rate is known, so that the program's timestamps keep
    /// their spacing.
    fn growing(&self) -> bool {
        self.interval_measured
            && self.target_delay_ns - self.current_delay_ns() >= self.frame_interval_ns / 2
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
        if let Delayed::Video(picture) = &item {
            // The picture rate, from what comes in: holds may be due before any picture
            // has left.
            if let Some(last) = self.last_video_ns
                && picture.time_ns > last
            {
                self.frame_interval_ns = picture.time_ns - last;
                self.interval_measured = true;
            }
            self.last_video_ns = Some(picture.time_ns);
            if self.growing() {
                self.holds_due += 1;
            }
        }
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
        if !flushing
            && self.holds_due > 0
            && self.growing()
            && let Some(held) = self.hold()?
        {
            return Ok(Some(held));
        }
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
            if matches!(item, Delayed::Video(_)) && self.should_drop() {
                continue;
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

    /// While the delay grows: the next picture to be shown, shown once more now (sharing
    /// its pixels), and the program timeline moved one picture later.
    fn hold(&mut self) -> Result<Option<Released>, StreamError> {
        if self.front.is_empty() {
            self.refill_front()?;
        }
        let Some(picture) = self.front.iter().find_map(|item| match item {
            Delayed::Video(picture) => Some(picture),
            Delayed::Audio { .. } => None,
        }) else {
            return Ok(None);
        };
        let held = picture.share()?;
        self.holds_due -= 1;
        let delay = self.current_delay_ns();
        let released = Released {
            known_until_ns: held.time_ns.saturating_add(delay),
            shift_ns: self.shift_ns,
            status: self.status(),
            item: Delayed::Video(held),
        };
        self.shift_ns -= self.frame_interval_ns.max(1);
        if !self.growing() {
            // Within half a picture of the target: that is the delay now.
            self.target_delay_ns = self.current_delay_ns();
        }
        self.stats.held_frames += 1;
        Ok(Some(released))
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
        let current_ns = self.current_delay_ns();
        let target_s = seconds(self.target_delay_ns);
        // Whole seconds would show "reached" up to a second early: until the target is
        // reached the current delay is kept on the side it comes from.
        let current_s = match current_ns.cmp(&self.target_delay_ns) {
            std::cmp::Ordering::Less => seconds(current_ns).min(target_s.saturating_sub(1)),
            std::cmp::Ordering::Greater => seconds(current_ns).max(target_s.saturating_add(1)),
            std::cmp::Ordering::Equal => seconds(current_ns),
        };
        DelayStatus {
            current_s,
            target_s,
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
        let mut items = std::mem::take(&mut self.back);
        self.back_bytes = 0;
        let bytes = serialize(&mut items, self.config.spill_codec)?;
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

/// Segment layout: an optional H.264 block (tag 2: width, height, picture count, then
/// length-prefixed packets) first, then the items in time order: pictures whose pixels are
/// in that block (tag 0: pts, time), pictures kept raw (tag 3: size, pts, time, planes)
/// and audio packets (tag 1).
fn serialize(items: &mut [Delayed], spill_codec: SpillCodec) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    // The first picture's size is the segment stream's; a picture of another size (a
    // source changing size) is kept raw.
    let size = items.iter().find_map(|item| match item {
        Delayed::Video(picture) => Some((picture.frame.width(), picture.frame.height())),
        Delayed::Audio { .. } => None,
    });
    let encodable = |picture: &Picture| {
        let frame = &picture.frame;
        size == Some((frame.width(), frame.height())) && frame.format() == Pixel::YUV420P
    };
    let mut encoded = vec![false; items.len()];
    if let (SpillCodec::H264 { crf }, Some((width, height))) = (spill_codec, size) {
        let mut frames = Vec::new();
        for (item, flag) in items.iter_mut().zip(encoded.iter_mut()) {
            if let Delayed::Video(picture) = item
                && encodable(picture)
            {
                *flag = true;
                frames.push(&mut picture.frame);
            }
        }
        let count = frames.len();
        let packets = codec::encode(&mut frames, width, height, crf)?;
        out.push(2);
        put_i64(&mut out, i64::from(width));
        put_i64(&mut out, i64::from(height));
        put_i64(&mut out, count as i64);
        put_i64(&mut out, packets.len() as i64);
        for packet in &packets {
            put_i64(&mut out, packet.len() as i64);
            out.extend_from_slice(packet);
        }
    }
    for (item, in_stream) in items.iter().zip(encoded) {
        match item {
            Delayed::Video(picture) if in_stream => {
                out.push(0);
                put_i64(&mut out, picture.pts);
                put_i64(&mut out, picture.time_ns);
            }
            Delayed::Video(picture) => {
                out.push(3);
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
    Ok(out)
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

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StreamError> {
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

    fn len(&mut self) -> Result<usize, StreamError> {
        let at = self.at;
        usize::try_from(self.i64()?).map_err(|_| StreamError::InvalidConfig {
            target: "delay segment".into(),
            reason: format!("negative length at byte {at}"),
        })
    }
}

fn deserialize(bytes: &[u8]) -> Result<Vec<Delayed>, StreamError> {
    let mut reader = Reader { bytes, at: 0 };
    let mut items = Vec::new();
    let mut decoded = VecDeque::new();
    while reader.at < bytes.len() {
        let tag = reader.take(1)?[0];
        if tag == 2 {
            let _width = reader.i64()?;
            let _height = reader.i64()?;
            let count = reader.len()?;
            let packet_count = reader.len()?;
            let mut packets = Vec::with_capacity(packet_count.min(1 << 16));
            for _ in 0..packet_count {
                let len = reader.len()?;
                packets.push(reader.take(len)?);
            }
            decoded.extend(codec::decode(&packets, count)?);
        } else if tag == 0 {
            let pts = reader.i64()?;
            let time_ns = reader.i64()?;
            let frame = decoded
                .pop_front()
                .ok_or_else(|| StreamError::InvalidConfig {
                    target: "delay segment".into(),
                    reason: format!("a picture at byte {} has no pixels", reader.at),
                })?;
            items.push(Delayed::Video(Picture {
                frame,
                pts,
                time_ns,
            }));
        } else if tag == 3 {
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

    /// A 256x144 picture with smooth gradients, fine stripes and a moving square: what a
    /// camera shot has, and what a careless codec would smear.
    fn textured(index: i64) -> Picture {
        let (width, height) = (256u32, 144u32);
        let mut frame = ffmpeg::frame::Video::new(Pixel::YUV420P, width, height);
        for plane in 0..3 {
            let (w, h) = plane_size(width, height, plane);
            let stride = frame.stride(plane);
            let data = frame.data_mut(plane);
            for y in 0..h {
                for x in 0..w {
                    let moving = (x as i64 - 2 * index).rem_euclid(w as i64) < 24 && y < h / 3;
                    let value = match plane {
                        0 if moving => 220,
                        0 => 40 + (x + y) / 3 + if (x / 2) % 2 == 0 { 12 } else { 0 },
                        1 => 100 + x / 8,
                        _ => 150 - y / 6,
                    };
                    data[y * stride + x] = value as u8;
                }
            }
        }
        Picture {
            frame,
            pts: index,
            time_ns: index * 33 * MS,
        }
    }

    fn psnr(a: &ffmpeg::frame::Video, b: &ffmpeg::frame::Video) -> f64 {
        let mut squared = 0f64;
        let mut count = 0f64;
        for plane in 0..3 {
            let (w, h) = plane_size(a.width(), a.height(), plane);
            for y in 0..h {
                for x in 0..w {
                    let d = f64::from(a.data(plane)[y * a.stride(plane) + x])
                        - f64::from(b.data(plane)[y * b.stride(plane) + x]);
                    squared += d * d;
                    count += 1.0;
                }
            }
        }
        let mse = squared / count;
        if mse == 0.0 {
            f64::INFINITY
        } else {
            10.0 * (255.0 * 255.0 / mse).log10()
        }
    }

    #[test]
    fn spilled_segments_are_compressed_and_read_back_near_lossless() {
        let frames = 60;
        let raw_bytes: usize = (0..frames).map(|i| textured(i).byte_size()).sum();
        let config = DelayConfig {
            delay_ns: 10_000 * MS,
            memory_limit_bytes: 0,
            segment_bytes: 20 * textured(0).byte_size(),
            ..Default::default()
        };
        let mut buffer = DelayBuffer::new(config);
        for i in 0..frames {
            buffer.push(Delayed::Video(textured(i))).expect("push");
            if i % 3 == 0 {
                let packet = EncodedPacket {
                    stream: StreamKind::Audio,
                    data: vec![i as u8; 40],
                    pts: i,
                    dts: i,
                    duration: 1,
                    keyframe: true,
                };
                let time_ns = i * 33 * MS;
                buffer
                    .push(Delayed::Audio { packet, time_ns })
                    .expect("push audio");
            }
        }
        let stats = buffer.stats();
        assert_eq!(stats.segments_written, 3, "{stats:?}");
        assert!(
            stats.disk_bytes * 8 < raw_bytes as u64,
            "{} bytes on disk for {raw_bytes} bytes of pictures",
            stats.disk_bytes
        );
        let mut pictures = Vec::new();
        let mut audio = Vec::new();
        while let Some(released) = buffer.pop_any().expect("read back") {
            match released.item {
                Delayed::Video(picture) => pictures.push(picture),
                Delayed::Audio { packet, .. } => audio.push(packet),
            }
        }
        eprintln!(
            "spilled {raw_bytes} bytes of pictures as {} bytes on disk",
            stats.disk_bytes
        );
        assert_eq!(pictures.len(), frames as usize);
        assert_eq!(audio.len(), 20);
        assert!(audio.iter().all(|p| p.data == vec![p.pts as u8; 40]));
        for (i, picture) in pictures.iter().enumerate() {
            assert_eq!(picture.pts, i as i64, "in order");
            let original = textured(i as i64);
            let quality = psnr(&original.frame, &picture.frame);
            assert!(quality > 40.0, "picture {i}: PSNR {quality:.1} dB");
            if i == 0 {
                eprintln!("first picture read back at PSNR {quality:.1} dB");
            }
        }
    }

    #[test]
    fn raw_spilling_keeps_pictures_exact() {
        let config = DelayConfig {
            delay_ns: 10_000 * MS,
            memory_limit_bytes: 0,
            segment_bytes: 4 * textured(0).byte_size(),
            spill_codec: SpillCodec::Raw,
            ..Default::default()
        };
        let mut buffer = DelayBuffer::new(config);
        for i in 0..10 {
            buffer.push(Delayed::Video(textured(i))).expect("push");
        }
        assert!(buffer.stats().disk_bytes as usize > 8 * textured(0).byte_size());
        let mut count = 0;
        while let Some(released) = buffer.pop_any().expect("read back") {
            let picture = video(released);
            let quality = psnr(&textured(picture.pts).frame, &picture.frame);
            assert!(quality.is_infinite());
            count += 1;
        }
        assert_eq!(count, 10);
    }

    #[test]
    fn the_delay_grows_by_holding_a_picture_with_a_countdown() {
        let config = DelayConfig {
            delay_ns: 400 * MS,
            ..Default::default()
        };
        let mut buffer = DelayBuffer::new(config);
        let mut released = Vec::new();
        for i in 0..200 {
            if i == 50 {
                buffer.set_target_delay(1_400 * MS);
            }
            buffer.push(Delayed::Video(picture(i))).expect("push");
            while let Some(item) = buffer.pop_ready().expect("pop") {
                released.push(item);
            }
        }
        // 1 s more delay is 25 more pictures of 40 ms held.
        let stats = buffer.stats();
        assert_eq!(stats.current_delay_ns, 1_400 * MS);
        assert_eq!(stats.held_frames, 25);
        assert_eq!(stats.dropped_frames, 0);
        // One picture out per picture in, all the way through: the program never stalls.
        assert_eq!(released.len(), 200 - 10);
        let shown: Vec<i64> = released
            .iter()
            .map(|r| r.item.time_ns() - r.shift_ns)
            .collect();
        assert!(
            shown.windows(2).all(|w| w[1] - w[0] == 40 * MS),
            "the program timeline is continuous"
        );
        let sources: Vec<i64> = released
            .iter()
            .map(|r| r.item.time_ns() / (40 * MS))
            .collect();
        let held = sources.windows(2).filter(|w| w[0] == w[1]).count();
        assert_eq!(held, 25, "one picture shown again 25 times");
        let growing: Vec<_> = released
            .iter()
            .filter_map(|r| r.status.countdown_text())
            .collect();
        assert_eq!(
            growing.first().map(String::as_str),
            Some("DELAY 0:01 -> 0:02")
        );
        assert!(growing.len() >= 25);
        assert_eq!(
            released.last().and_then(|r| r.status.countdown_fraction()),
            None
        );
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
