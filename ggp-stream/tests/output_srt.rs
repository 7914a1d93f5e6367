//! SRT to a real listener (ffmpeg in SRT listener mode), plus a local recording: the
//! listener is killed mid-stream and a new one started; the output notices, reconnects, the
//! new listener receives a decodable stream, and the recording has every frame.

// Helpers outside #[test] functions unwrap too: a failed step should fail the test.
#![allow(clippy::unwrap_used)]

mod output_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use ggp_stream::output::{
    BackoffPolicy, Destination, Fanout, FileOutput, NetworkConfig, NetworkOutput, OutputState,
    PacketOutput,
};
use output_support::{
    ChildGuard, TempDir, assert_monotonic, codec_names, decoded_video_frame_times, encode_clip,
    feed_paced, free_udp_port, require_program,
};

/// ffmpeg listening for one SRT caller on `port`, copying what it gets into `out` (MPEG-TS).
fn start_listener(port: u16, out: &Path) -> ChildGuard {
    ChildGuard::spawn(
        "ffmpeg srt listener",
        Command::new("ffmpeg")
            .args(["-nostdin", "-v", "error", "-y", "-i"])
            .arg(format!("srt://127.0.0.1:{port}?mode=listener"))
            .args(["-c", "copy", "-f", "mpegts"])
            .arg(out)
            .stdout(Stdio::null()),
    )
}

#[test]
fn srt_survives_a_listener_restart_while_the_recording_loses_nothing() {
    if !require_program("ffmpeg", "ffmpeg") || !require_program("ffprobe", "ffmpeg") {
        return;
    }
    // SRT notices a vanished peer after its 5 s idle timeout, so the clip is long enough to
    // have several seconds left after the reconnect.
    let clip = encode_clip(12, true);
    let dir = TempDir::new("ggp-srt");
    let port = free_udp_port();
    // What the killed listener got is lost with it (ffmpeg buffers), so only the second
    // one's file is checked.
    let (before, after) = (dir.path().join("before.ts"), dir.path().join("after.ts"));
    let mut listener = start_listener(port, &before);
    std::thread::sleep(Duration::from_millis(300));

    let mut config =
        NetworkConfig::new(Destination::parse(&format!("srt://127.0.0.1:{port}")).unwrap());
    config.backoff = BackoffPolicy {
        initial: Duration::from_millis(100),
        max: Duration::from_millis(400),
        multiplier: 2.0,
        max_attempts: None,
    };
    config.io_timeout = Duration::from_secs(4);
    let recording = dir.path().join("local.mkv");
    let mut fanout = Fanout::new(vec![
        Box::new(FileOutput::create(&recording, &clip.specs).unwrap()),
        Box::new(NetworkOutput::start(config, &clip.specs).unwrap()),
    ]);

    let mut killed = false;
    let mut restarted = false;
    feed_paced(&clip, &mut fanout, 1.0, |seconds| {
        if seconds >= 2.0 && !killed {
            eprintln!("killing the SRT listener at {seconds:.2} s");
            listener.kill();
            killed = true;
        }
        if seconds >= 2.5 && !restarted {
            eprintln!("starting a new SRT listener at {seconds:.2} s");
            listener = start_listener(port, &after);
            restarted = true;
        }
    });
    fanout.finish().unwrap();
    let metrics = fanout.output_metrics();
    eprintln!("{:?}", metrics[1]);
    // The listener's input ends when the caller closes; it then writes out what it has.
    if !listener.wait_or_kill(Duration::from_secs(5)) {
        eprintln!("the SRT listener did not end on its own; killed");
    }

    let srt = &metrics[1];
    assert_eq!(srt.name, format!("srt://127.0.0.1:{port}"));
    assert!(srt.reconnects >= 1, "SRT did not reconnect: {srt:?}");
    assert_eq!(srt.state, OutputState::Finished);
    assert_eq!(codec_names(&after), ["h264", "aac"]);
    let times = decoded_video_frame_times(&after);
    assert!(
        times.len() >= 50,
        "only {} frames reached the new listener",
        times.len()
    );
    assert_monotonic(&times, "after the reconnect");

    let times = decoded_video_frame_times(&recording);
    assert_eq!(
        times.len(),
        clip.video_frames,
        "the local recording lost frames"
    );
    assert_monotonic(&times, "local recording");
}
