//! Shared by the output tests: a generated clip encoded with libx264 + AAC, real peers
//! (nginx, ffmpeg) run as children that die with the test, and ffprobe checks.
// Test-only code outside #[test] functions: a failed setup step should panic loudly.
#![allow(dead_code, clippy::unwrap_used)]

use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ffmpeg_next as ffmpeg;
use ggp_stream::output::{EncodedPacket, PacketOutput, StreamKind, StreamSpec};

pub const WIDTH: u32 = 320;
pub const HEIGHT: u32 = 180;
pub const FPS: i32 = 25;
pub const SAMPLE_RATE: i32 = 48_000;

/// An encoded clip: stream descriptions and packets interleaved in decoding order.
pub struct Clip {
    pub specs: Vec<StreamSpec>,
    pub packets: Vec<EncodedPacket>,
    pub video_frames: usize,
}

impl Clip {
    /// Seconds from the start of the clip at which `packet` is due (its dts).
    pub fn due(&self, packet: &EncodedPacket) -> f64 {
        let spec = self
            .specs
            .iter()
            .find(|spec| spec.kind() == packet.stream)
            .unwrap();
        packet.dts as f64 * f64::from(spec.time_base)
    }
}

/// `seconds` of 320x180 25 fps H.264 (one keyframe a second, no B-frames) with AAC
/// stereo audio when `with_audio`.
pub fn encode_clip(seconds: u32, with_audio: bool) -> Clip {
    encode(seconds, with_audio, 0)
}

/// Like [`encode_clip`] with up to two B-frames, so that dts runs behind pts (and starts
/// below zero) as with libx264's usual presets.
pub fn encode_clip_with_b_frames(seconds: u32) -> Clip {
    encode(seconds, true, 2)
}

fn encode(seconds: u32, with_audio: bool, b_frames: usize) -> Clip {
    ffmpeg::init().unwrap();
    ffmpeg::log::set_level(ffmpeg::log::Level::Error);
    let codec = ffmpeg::encoder::find_by_name("libx264").expect("FFmpeg lacks libx264");
    let mut video = ffmpeg::codec::Context::new_with_codec(codec)
        .encoder()
        .video()
        .unwrap();
    video.set_width(WIDTH);
    video.set_height(HEIGHT);
    video.set_format(ffmpeg::format::Pixel::YUV420P);
    video.set_time_base(ffmpeg::Rational(1, FPS));
    video.set_frame_rate(Some(ffmpeg::Rational(FPS, 1)));
    video.set_gop(FPS as u32);
    video.set_max_b_frames(b_frames);
    video.set_flags(ffmpeg::codec::Flags::GLOBAL_HEADER);
    let mut options = ffmpeg::Dictionary::new();
    options.set("preset", "ultrafast");
    options.set("crf", "30");
    options.set("x264-params", "scenecut=0:keyint_min=25");
    let mut video = video.open_with(options).unwrap();
    let video_spec = StreamSpec::from_codec_context(&video).unwrap();

    let frames = seconds as usize * FPS as usize;
    let mut streams = vec![Vec::new(), Vec::new()];
    let mut picture = ffmpeg::frame::Video::new(ffmpeg::format::Pixel::YUV420P, WIDTH, HEIGHT);
    for index in 0..frames {
        for plane in 0..3 {
            let stride = picture.stride(plane);
            let (width, height) = if plane == 0 {
                (WIDTH, HEIGHT)
            } else {
                (WIDTH / 2, HEIGHT / 2)
            };
            let data = picture.data_mut(plane);
            for y in 0..height as usize {
                for x in 0..width as usize {
                    data[y * stride + x] = if plane == 0 {
                        ((x + y + index * 4) % 256) as u8
                    } else {
                        (128 + (index % 32) * plane) as u8
                    };
                }
            }
        }
        picture.set_pts(Some(index as i64));
        video.send_frame(&picture).unwrap();
        drain(&mut video, StreamKind::Video, &mut streams[0]);
    }
    video.send_eof().unwrap();
    drain(&mut video, StreamKind::Video, &mut streams[0]);
    let mut specs = vec![video_spec.clone()];

    if with_audio {
        let codec = ffmpeg::encoder::find(ffmpeg::codec::Id::AAC).expect("FFmpeg lacks AAC");
        let mut audio = ffmpeg::codec::Context::new_with_codec(codec)
            .encoder()
            .audio()
            .unwrap();
        let format = ffmpeg::format::Sample::F32(ffmpeg::format::sample::Type::Planar);
        audio.set_rate(SAMPLE_RATE);
        audio.set_format(format);
        audio.set_channel_layout(ffmpeg::ChannelLayout::STEREO);
        audio.set_time_base(ffmpeg::Rational(1, SAMPLE_RATE));
        audio.set_bit_rate(96_000);
        audio.set_flags(ffmpeg::codec::Flags::GLOBAL_HEADER);
        let mut audio = audio.open().unwrap();
        specs.push(StreamSpec::from_codec_context(&audio).unwrap());
        let frame_size = audio.frame_size() as usize;
        let total = seconds as usize * SAMPLE_RATE as usize;
        let mut start = 0;
        while start + frame_size <= total {
            let mut frame =
                ffmpeg::frame::Audio::new(format, frame_size, ffmpeg::ChannelLayout::STEREO);
            frame.set_rate(SAMPLE_RATE as u32);
            for channel in 0..2 {
                let plane = frame.plane_mut::<f32>(channel);
                for (offset, sample) in plane.iter_mut().enumerate() {
                    let t = (start + offset) as f32 / SAMPLE_RATE as f32;
                    *sample = 0.2 * (t * 440.0 * std::f32::consts::TAU).sin();
                }
            }
            frame.set_pts(Some(start as i64));
            audio.send_frame(&frame).unwrap();
            drain(&mut audio, StreamKind::Audio, &mut streams[1]);
            start += frame_size;
        }
        audio.send_eof().unwrap();
        drain(&mut audio, StreamKind::Audio, &mut streams[1]);
    }

    let clip_specs = specs.clone();
    let mut packets: Vec<EncodedPacket> = streams.into_iter().flatten().collect();
    let seconds_of = |packet: &EncodedPacket| {
        let spec = clip_specs
            .iter()
            .find(|spec| spec.kind() == packet.stream)
            .unwrap();
        packet.dts as f64 * f64::from(spec.time_base)
    };
    packets.sort_by(|a, b| seconds_of(a).total_cmp(&seconds_of(b)));
    Clip {
        specs,
        packets,
        video_frames: frames,
    }
}

fn drain(encoder: &mut ffmpeg::encoder::Encoder, kind: StreamKind, into: &mut Vec<EncodedPacket>) {
    let mut packet = ffmpeg::Packet::empty();
    while encoder.receive_packet(&mut packet).is_ok() {
        into.push(EncodedPacket {
            stream: kind,
            data: packet.data().unwrap_or_default().to_vec(),
            pts: packet.pts().unwrap_or(0),
            dts: packet.dts().unwrap_or(0),
            duration: packet.duration().max(1),
            keyframe: packet.is_key(),
        });
    }
}

/// Writes the clip to `output` paced at `speed` times real time, calling `at(seconds)`
/// before each packet so that a test can act on its peers mid-stream.
pub fn feed_paced(clip: &Clip, output: &mut dyn PacketOutput, speed: f64, mut at: impl FnMut(f64)) {
    let start = Instant::now();
    for packet in &clip.packets {
        let due = clip.due(packet).max(0.0) / speed;
        let now = start.elapsed().as_secs_f64();
        if due > now {
            std::thread::sleep(Duration::from_secs_f64(due - now));
        }
        at(clip.due(packet));
        output.write(packet).unwrap();
    }
}

/// A child process killed and reaped when the guard is dropped, so no test leaves a
/// server behind, even when it fails.
pub struct ChildGuard {
    pub name: String,
    child: Option<Child>,
}

impl ChildGuard {
    pub fn spawn(name: &str, command: &mut Command) -> Self {
        let child = command
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {name}: {error}"));
        Self {
            name: name.to_owned(),
            child: Some(child),
        }
    }

    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Stops it at once (SIGKILL), as a crashed server would stop.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Asks it to stop (SIGINT, so ffmpeg writes its trailer) and waits up to `limit`,
    /// then kills it.
    pub fn interrupt_and_wait(&mut self, limit: Duration) {
        if let Some(child) = self.child.as_ref() {
            let _ = Command::new("kill")
                .arg("-INT")
                .arg(child.id().to_string())
                .status();
        }
        self.wait_or_kill(limit);
    }

    /// Waits up to `limit` for it to exit on its own, then kills it. True if it exited.
    pub fn wait_or_kill(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while let Some(child) = self.child.as_mut() {
            if let Ok(Some(_)) = child.try_wait() {
                self.child = None;
                return true;
            }
            if Instant::now() > deadline {
                self.kill();
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A loopback TCP port free right now.
pub fn free_tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A loopback UDP port free right now.
pub fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something accepts TCP connections on `port`.
pub fn wait_for_tcp(port: u16, limit: Duration) {
    let deadline = Instant::now() + limit;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nothing listened on port {port} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether `program` can run. When it cannot, the test is skipped with a loud message,
/// unless CI=true, where a missing peer fails the test.
pub fn require_program(program: &str, package: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if found {
        return true;
    }
    let message = format!(
        "{program} is missing: install the Debian package {package} (scripts/lib.sh ensure_system does)"
    );
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{message}");
    }
    eprintln!("\n!!!!!!!! SKIPPED: {message} !!!!!!!!\n");
    false
}

/// The pts (in seconds) of every video frame ffprobe decodes from `path`, in
/// presentation order as stored.
pub fn decoded_video_frame_times(path: &Path) -> Vec<f64> {
    // coreutils timeout: a test never hangs on a probe.
    let output = Command::new("timeout")
        .args(["60", "ffprobe"])
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "frame=pts_time",
        ])
        .args(["-of", "csv=p=0"])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(
        output.status.success(),
        "ffprobe failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().trim_end_matches(',').parse::<f64>().ok())
        .collect()
}

/// Codec names of the streams in `path`, each once, e.g. ["h264", "aac"].
pub fn codec_names(path: &Path) -> Vec<String> {
    // coreutils timeout: a test never hangs on a probe.
    let output = Command::new("timeout")
        .args(["60", "ffprobe"])
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    // MPEG-TS lists its streams twice (under the program, then alone): keep each once.
    let mut names: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
    {
        if !line.is_empty() && !names.iter().any(|name| name == line) {
            names.push(line.to_owned());
        }
    }
    names
}

/// Asserts times strictly increase.
pub fn assert_monotonic(times: &[f64], what: &str) {
    for pair in times.windows(2) {
        assert!(
            pair[1] > pair[0],
            "{what}: timestamps not increasing: {} then {}",
            pair[0],
            pair[1]
        );
    }
}

/// A fresh temporary directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
