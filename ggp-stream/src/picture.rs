//! Decoded video frames as they travel through the pipeline.

use ffmpeg_next as ffmpeg;

/// One decoded picture in planar YUV 4:2:0, with its timestamps.
///
/// `pts` is in the source stream's time base and is carried unchanged to the encoders, so
/// the outputs keep the input's timeline; `time_ns` is the same instant in nanoseconds,
/// the clock that card and action events are mapped onto.
pub struct Picture {
    /// The pixels (YUV420P, the size the pipeline encodes).
    pub frame: ffmpeg::frame::Video,
    /// Presentation timestamp in the source stream's time base.
    pub pts: i64,
    /// Presentation time in nanoseconds from the start of the source.
    pub time_ns: i64,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picture")
            .field("width", &self.frame.width())
            .field("height", &self.frame.height())
            .field("pts", &self.pts)
            .field("time_ns", &self.time_ns)
            .finish()
    }
}

impl Clone for Picture {
    fn clone(&self) -> Self {
        Picture {
            frame: self.frame.clone(),
            pts: self.pts,
            time_ns: self.time_ns,
        }
    }
}

impl Picture {
    /// Another reference to the same pixels (no copy): FFmpeg frames are reference
    /// counted, and whoever writes first gets a private copy through [`make_writable`].
    pub fn share(&self) -> Result<Picture, crate::StreamError> {
        Ok(Picture {
            frame: share_frame(&self.frame)?,
            pts: self.pts,
            time_ns: self.time_ns,
        })
    }

    /// Bytes of pixel data held (the three planes), for memory accounting.
    pub fn byte_size(&self) -> usize {
        let width = self.frame.width() as usize;
        let height = self.frame.height() as usize;
        width * height + 2 * (width.div_ceil(2) * height.div_ceil(2))
    }
}

/// A new reference to `frame`'s buffers (no pixel copy).
pub(crate) fn share_frame(
    frame: &ffmpeg::frame::Video,
) -> Result<ffmpeg::frame::Video, crate::StreamError> {
    let mut shared = ffmpeg::frame::Video::empty();
    // SAFETY: both pointers are valid AVFrames owned by their wrappers; `shared` is empty,
    // which av_frame_ref requires, and on success holds its own references to the buffers
    // (freed by its Drop).
    let status = unsafe { ffmpeg::ffi::av_frame_ref(shared.as_mut_ptr(), frame.as_ptr()) };
    if status < 0 {
        return Err(crate::StreamError::ffmpeg(
            "share a picture",
            ffmpeg::Error::from(status),
        ));
    }
    Ok(shared)
}

/// Makes `frame`'s pixels private to it (copying them only when another reference shares
/// them), so that writing into them cannot change another picture.
pub(crate) fn make_writable(frame: &mut ffmpeg::frame::Video) -> Result<(), crate::StreamError> {
    // SAFETY: `frame` wraps a valid AVFrame; av_frame_make_writable replaces its buffers by
    // private copies when they are shared and leaves it untouched otherwise.
    let status = unsafe { ffmpeg::ffi::av_frame_make_writable(frame.as_mut_ptr()) };
    if status < 0 {
        return Err(crate::StreamError::ffmpeg(
            "copy a shared picture before drawing on it",
            ffmpeg::Error::from(status),
        ));
    }
    Ok(())
}

/// Converts a timestamp in `time_base` units to nanoseconds, to the nearest (saturating).
pub fn to_ns(ts: i64, time_base: ffmpeg::Rational) -> i64 {
    let num = i128::from(time_base.numerator());
    let den = i128::from(time_base.denominator()).max(1);
    let ns = (i128::from(ts) * num * 1_000_000_000 + den / 2).div_euclid(den);
    ns.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Converts nanoseconds to `time_base` units, to the nearest (saturating).
pub fn from_ns(ns: i64, time_base: ffmpeg::Rational) -> i64 {
    let num = i128::from(time_base.numerator()).max(1);
    let den = i128::from(time_base.denominator());
    let unit = num * 1_000_000_000;
    let ts = (i128::from(ns) * den + unit / 2).div_euclid(unit);
    ts.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_picture_is_copied_on_the_first_write() {
        let mut frame = ffmpeg::frame::Video::new(ffmpeg::format::Pixel::YUV420P, 8, 8);
        frame.data_mut(0).fill(10);
        let original = Picture {
            frame,
            pts: 3,
            time_ns: 100,
        };
        let mut shared = original.share().expect("shares");
        assert_eq!(
            shared.frame.data(0).as_ptr(),
            original.frame.data(0).as_ptr()
        );
        make_writable(&mut shared.frame).expect("writable");
        shared.frame.data_mut(0).fill(200);
        assert_eq!(original.frame.data(0)[0], 10, "the original is untouched");
        assert_eq!(shared.frame.data(0)[0], 200);
        assert_eq!((shared.pts, shared.time_ns), (3, 100));
    }

    #[test]
    fn timestamps_convert_both_ways() {
        let tb = ffmpeg::Rational::new(1, 15360);
        assert_eq!(to_ns(15360, tb), 1_000_000_000);
        assert_eq!(from_ns(1_000_000_000, tb), 15360);
        assert_eq!(from_ns(to_ns(512, tb), tb), 512);
    }
}
