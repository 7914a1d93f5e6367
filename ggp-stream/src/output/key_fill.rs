//! Key and fill: the program's graphics alone, as the two signals a broadcast keyer takes.
//!
//! - **fill**: the overlay's colour premultiplied by its alpha (so over black), opaque;
//! - **key**: the overlay's alpha as luma: white where the graphics are opaque, black
//!   where the video shows through, grey in between.
//!
//! Both are encoded and written like the program (same encoder settings, size and time
//! base), one frame for each program frame with the program frame's pts, so a keyer fed
//! program-less video plus key and fill rebuilds the program picture frame for frame. The
//! compositor sends the overlay of each program frame (shared, not copied) over a bounded
//! queue; the conversion to YUV runs only when the overlay changes. The queue blocks when
//! full, like the encoders': key and fill never drop a frame the program has.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use ffmpeg::Rational;
use ffmpeg::format::Pixel;
use ffmpeg_next as ffmpeg;

use super::{EncodedPacket, OutputMetrics, PacketOutput};
use crate::StreamError;
use crate::encode::{VideoEncoder, VideoEncoderConfig};
use crate::overlay::OverlayImage;
use crate::picture::Picture;
use crate::pipeline::OutputFactory;

/// Where the key and the fill go (each a recording or a destination, or a fan-out).
pub struct KeyFillSink {
    /// The key (alpha as luma).
    pub key: OutputFactory,
    /// The fill (premultiplied colour).
    pub fill: OutputFactory,
}

impl std::fmt::Debug for KeyFillSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyFillSink")
    }
}

/// The overlay of one program frame.
#[derive(Debug)]
pub(crate) struct KeyFillItem {
    /// The program frame's pts, in the source's time base.
    pub pts: i64,
    /// The program frame's time in nanoseconds.
    pub time_ns: i64,
    /// The graphics composited on it; `None`: nothing drawn.
    pub overlay: Option<Arc<OverlayImage>>,
}

/// The running key and fill encoders.
#[derive(Debug)]
pub(crate) struct KeyFillTap {
    sender: SyncSender<KeyFillItem>,
    metrics: Arc<Mutex<Vec<OutputMetrics>>>,
    thread: JoinHandle<Result<(), StreamError>>,
}

/// The picture geometry and clock the program is encoded with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VideoFormat {
    pub width: u32,
    pub height: u32,
    pub time_base: Rational,
    pub frame_rate: Rational,
}

struct Lane {
    encoder: VideoEncoder,
    output: Box<dyn PacketOutput>,
    error: Option<StreamError>,
}

impl Lane {
    fn open(
        name: &str,
        factory: OutputFactory,
        config: &VideoEncoderConfig,
        format: VideoFormat,
    ) -> Result<Self, StreamError> {
        let encoder = VideoEncoder::open(
            config,
            format.width,
            format.height,
            format.time_base,
            format.frame_rate,
        )?;
        let output =
            factory(std::slice::from_ref(encoder.spec())).map_err(|e| StreamError::Thread {
                target: name.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Lane {
            encoder,
            output,
            error: None,
        })
    }

    fn write(&mut self, packets: Vec<EncodedPacket>) {
        for packet in &packets {
            if self.error.is_none()
                && let Err(error) = self.output.write(packet)
            {
                self.error = Some(error);
            }
        }
    }

    fn encode(&mut self, picture: &Picture) -> Result<(), StreamError> {
        let packets = self.encoder.encode(picture)?;
        self.write(packets);
        Ok(())
    }

    fn finish(mut self) -> Result<(), StreamError> {
        let packets = self.encoder.finish()?;
        self.write(packets);
        let finished = self.output.finish();
        match self.error {
            Some(error) => Err(error),
            None => finished,
        }
    }
}

impl KeyFillTap {
    /// Opens both encoders and outputs and starts the thread.
    pub(crate) fn start(
        sink: KeyFillSink,
        config: &VideoEncoderConfig,
        format: VideoFormat,
        queue_capacity: usize,
    ) -> Result<Self, StreamError> {
        let key = Lane::open("key", sink.key, config, format)?;
        let fill = Lane::open("fill", sink.fill, config, format)?;
        let metrics = Arc::new(Mutex::new(vec![
            key.output.metrics(),
            fill.output.metrics(),
        ]));
        let (sender, receiver) = sync_channel(queue_capacity.max(1));
        let thread = {
            let metrics = Arc::clone(&metrics);
            std::thread::Builder::new()
                .name("ggp-key-fill".into())
                .spawn(move || run(receiver, key, fill, format, &metrics))
                .map_err(|e| StreamError::Thread {
                    target: "key and fill".into(),
                    reason: e.to_string(),
                })?
        };
        Ok(KeyFillTap {
            sender,
            metrics,
            thread,
        })
    }

    /// Sends the overlay of one program frame; waits when the queue is full.
    pub(crate) fn send(&self, item: KeyFillItem) -> Result<(), StreamError> {
        self.sender.send(item).map_err(|_| StreamError::Thread {
            target: "key and fill".into(),
            reason: "the key and fill encoders stopped early".into(),
        })
    }

    /// The key's and the fill's output metrics.
    pub(crate) fn metrics(&self) -> Vec<OutputMetrics> {
        self.metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Ends the queue, flushes both encoders and closes the outputs.
    pub(crate) fn finish(self) -> (Vec<OutputMetrics>, Result<(), StreamError>) {
        drop(self.sender);
        let result = self.thread.join().unwrap_or_else(|_| {
            Err(StreamError::Thread {
                target: "key and fill".into(),
                reason: "panicked".into(),
            })
        });
        let metrics = self
            .metrics
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        (metrics, result)
    }
}

fn run(
    receiver: Receiver<KeyFillItem>,
    mut key: Lane,
    mut fill: Lane,
    format: VideoFormat,
    metrics: &Mutex<Vec<OutputMetrics>>,
) -> Result<(), StreamError> {
    let mut last: Option<Arc<OverlayImage>> = None;
    let (mut key_picture, mut fill_picture) = key_and_fill(None, format)?;
    for item in receiver {
        let same = match (&last, &item.overlay) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same {
            (key_picture, fill_picture) = key_and_fill(item.overlay.as_deref(), format)?;
            last = item.overlay;
        }
        for picture in [&mut key_picture, &mut fill_picture] {
            picture.pts = item.pts;
            picture.time_ns = item.time_ns;
        }
        key.encode(&key_picture)?;
        fill.encode(&fill_picture)?;
        *metrics.lock().unwrap_or_else(PoisonError::into_inner) =
            vec![key.output.metrics(), fill.output.metrics()];
    }
    let key_result = key.finish();
    let fill_result = fill.finish();
    key_result.and(fill_result)
}

/// The key and fill pictures of an overlay (`None`: nothing drawn, both black).
fn key_and_fill(
    overlay: Option<&OverlayImage>,
    format: VideoFormat,
) -> Result<(Picture, Picture), StreamError> {
    let (width, height) = (format.width as usize, format.height as usize);
    if let Some(image) = overlay
        && (image.width as usize != width
            || image.height as usize != height
            || image.rgba.len() != width * height * 4)
    {
        return Err(StreamError::InvalidConfig {
            target: "key and fill".into(),
            reason: format!(
                "a {}x{} overlay for {width}x{height} video",
                image.width, image.height
            ),
        });
    }
    let mut key = ffmpeg::frame::Video::new(Pixel::YUV420P, format.width, format.height);
    let mut fill = ffmpeg::frame::Video::new(Pixel::YUV420P, format.width, format.height);
    let rgba: &[u8] = overlay.map_or(&[], |image| &image.rgba);
    let pixel = |x: usize, y: usize| -> [i32; 4] {
        let p = (y * width + x) * 4;
        match rgba.get(p..p + 4) {
            Some(px) => [
                i32::from(px[0]),
                i32::from(px[1]),
                i32::from(px[2]),
                i32::from(px[3]),
            ],
            None => [0; 4],
        }
    };
    // BT.601 limited range, as the program's YUV: alpha 0..255 becomes luma 16..235, so a
    // decoder showing the key gives black to white.
    let key_stride = key.stride(0);
    let fill_stride = fill.stride(0);
    {
        let key_luma = key.data_mut(0);
        for y in 0..height {
            for x in 0..width {
                let a = pixel(x, y)[3];
                key_luma[y * key_stride + x] = (16 + (219 * a + 127) / 255) as u8;
            }
        }
    }
    {
        let fill_luma = fill.data_mut(0);
        for y in 0..height {
            for x in 0..width {
                let [r, g, b, _] = pixel(x, y);
                let luma = 16 + ((66 * r + 129 * g + 25 * b + 128) >> 8);
                fill_luma[y * fill_stride + x] = luma.clamp(0, 255) as u8;
            }
        }
    }
    for plane in [1, 2] {
        key.data_mut(plane).fill(128);
    }
    let (chroma_width, chroma_height) = (width.div_ceil(2), height.div_ceil(2));
    let (u_stride, v_stride) = (fill.stride(1), fill.stride(2));
    let mut u_plane = vec![128u8; u_stride * chroma_height];
    let mut v_plane = vec![128u8; v_stride * chroma_height];
    for cy in 0..chroma_height {
        for cx in 0..chroma_width {
            let (mut r, mut g, mut b, mut n) = (0, 0, 0, 0);
            for y in (2 * cy)..(2 * cy + 2).min(height) {
                for x in (2 * cx)..(2 * cx + 2).min(width) {
                    let [pr, pg, pb, _] = pixel(x, y);
                    r += pr;
                    g += pg;
                    b += pb;
                    n += 1;
                }
            }
            let n = n.max(1);
            let (r, g, b) = (r / n, g / n, b / n);
            let u = 128 + ((-38 * r - 74 * g + 112 * b + 128) >> 8);
            let v = 128 + ((112 * r - 94 * g - 18 * b + 128) >> 8);
            u_plane[cy * u_stride + cx] = u.clamp(0, 255) as u8;
            v_plane[cy * v_stride + cx] = v.clamp(0, 255) as u8;
        }
    }
    copy_plane(&mut fill, 1, &u_plane);
    copy_plane(&mut fill, 2, &v_plane);
    let picture = |frame| Picture {
        frame,
        pts: 0,
        time_ns: 0,
    };
    Ok((picture(key), picture(fill)))
}

fn copy_plane(frame: &mut ffmpeg::frame::Video, plane: usize, values: &[u8]) {
    let data = frame.data_mut(plane);
    let n = data.len().min(values.len());
    data[..n].copy_from_slice(&values[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(width: u32, height: u32) -> VideoFormat {
        VideoFormat {
            width,
            height,
            time_base: Rational::new(1, 30),
            frame_rate: Rational::new(30, 1),
        }
    }

    #[test]
    fn opaque_graphics_are_white_in_the_key_and_transparent_black() {
        let mut image = OverlayImage::transparent(4, 2);
        // Left half: opaque pure red; right half: transparent.
        for y in 0..2 {
            for x in 0..2 {
                let p = (y * 4 + x) * 4;
                image.rgba[p..p + 4].copy_from_slice(&[255, 0, 0, 255]);
            }
        }
        let (key, fill) = key_and_fill(Some(&image), format(4, 2)).expect("converts");
        let key_y = key.frame.data(0);
        assert_eq!(key_y[0], 235, "opaque is white (limited range)");
        assert_eq!(key_y[3], 16, "transparent is black");
        assert_eq!(key.frame.data(1)[0], 128, "the key has no colour");
        let fill_y = fill.frame.data(0);
        assert_eq!(fill_y[0], 16 + ((66 * 255 + 128) >> 8) as u8, "red's luma");
        assert_eq!(fill_y[3], 16, "transparent fill is black");
        assert!(fill.frame.data(2)[0] > 200, "red has a high V");
        assert_eq!(fill.frame.data(2)[1], 128, "black has neutral chroma");
    }

    #[test]
    fn half_alpha_is_mid_grey_and_no_overlay_is_black() {
        let mut image = OverlayImage::transparent(2, 2);
        for px in image.rgba.chunks_exact_mut(4) {
            // Premultiplied white at half alpha.
            px.copy_from_slice(&[128, 128, 128, 128]);
        }
        let (key, fill) = key_and_fill(Some(&image), format(2, 2)).expect("converts");
        let grey = i32::from(key.frame.data(0)[0]);
        assert!((grey - (16 + 110)).abs() <= 1, "{grey}");
        assert!(fill.frame.data(0)[0] > 100 && fill.frame.data(0)[0] < 140);
        let (key, fill) = key_and_fill(None, format(2, 2)).expect("empty");
        assert_eq!(key.frame.data(0)[0], 16);
        assert_eq!(fill.frame.data(0)[0], 16);
        let wrong = OverlayImage::transparent(4, 4);
        assert!(key_and_fill(Some(&wrong), format(2, 2)).is_err());
    }
}
