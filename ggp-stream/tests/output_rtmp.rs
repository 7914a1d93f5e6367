//! RTMP to real nginx-rtmp servers, plus a local recording: two destinations on one server
//! that is killed mid-stream and restarted, one on a server that stays up. Both reconnect
//! and the restarted server records data; the steady destination and the recording have
//! every frame.

// Helpers outside #[test] functions unwrap too: a failed step should fail the test.
#![allow(clippy::unwrap_used)]

mod output_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use ggp_stream::output::{
    BackoffPolicy, Destination, Fanout, FileOutput, NetworkConfig, NetworkOutput, OutputState,
    PacketOutput, prometheus_text,
};
use output_support::{
    ChildGuard, TempDir, assert_monotonic, decoded_video_frame_times, encode_clip_with_b_frames,
    feed_paced, free_tcp_port, require_program, wait_for_tcp,
};

const RTMP_MODULE: &str = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

/// nginx in the foreground, one process, its own config, logs and pid in `dir` (no
/// access log: its default path under /var/log is not writable without root),
/// recording every published stream into `record_dir`.
fn start_nginx(dir: &Path, port: u16, record_dir: &Path) -> ChildGuard {
    std::fs::create_dir_all(record_dir).unwrap();
    let config = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {dir}/nginx.pid;\n\
         error_log {dir}/error.log info;\nload_module {RTMP_MODULE};\n\
         events {{ worker_connections 64; }}\n\
         rtmp {{ access_log off; server {{ listen 127.0.0.1:{port}; application live {{\n\
           live on; record all; record_path {record}; record_unique on; }} }} }}\n",
        dir = dir.display(),
        record = record_dir.display(),
    );
    let config_path = dir.join("nginx.conf");
    std::fs::write(&config_path, config).unwrap();
    let nginx = ChildGuard::spawn(
        "nginx",
        Command::new("nginx")
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&config_path)
            .stdout(Stdio::null()),
    );
    wait_for_tcp(port, Duration::from_secs(10));
    nginx
}

/// The flv files nginx recorded for stream `name`.
fn recordings(record_dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(record_dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|file| file.to_str())
                .is_some_and(|file| file.starts_with(&format!("{name}-")) && file.ends_with(".flv"))
        })
        .collect();
    files.sort();
    files
}

fn rtmp_config(port: u16, name: &str) -> NetworkConfig {
    let mut config = NetworkConfig::new(
        Destination::parse(&format!("rtmp://127.0.0.1:{port}/live/{name}")).unwrap(),
    );
    config.name = Some(name.to_owned());
    config.backoff = BackoffPolicy {
        initial: Duration::from_millis(100),
        max: Duration::from_millis(400),
        multiplier: 2.0,
        max_attempts: None,
    };
    config.io_timeout = Duration::from_secs(3);
    config
}

#[test]
fn rtmp_destinations_survive_a_server_restart_while_the_others_and_the_recording_lose_nothing() {
    if !require_program("nginx", "nginx libnginx-mod-rtmp") || !require_program("ffprobe", "ffmpeg")
    {
        return;
    }
    assert!(
        Path::new(RTMP_MODULE).exists(),
        "nginx is installed without libnginx-mod-rtmp"
    );
    // B-frames, as libx264 presets make them: dts behind pts, below zero at the start.
    let clip = encode_clip_with_b_frames(8);
    let dir = TempDir::new("ggp-rtmp");
    let port = free_tcp_port();
    let (before, after) = (dir.path().join("before"), dir.path().join("after"));
    let mut server = start_nginx(dir.path(), port, &before);
    // A second server that stays up all along.
    let stable_dir = dir.path().join("stable");
    std::fs::create_dir_all(&stable_dir).unwrap();
    let stable_port = free_tcp_port();
    let stable_records = stable_dir.join("records");
    let mut stable = start_nginx(&stable_dir, stable_port, &stable_records);

    let recording = dir.path().join("local.mp4");
    let mut fanout = Fanout::new(vec![
        Box::new(FileOutput::create(&recording, &clip.specs).unwrap()),
        Box::new(NetworkOutput::start(rtmp_config(port, "a"), &clip.specs).unwrap()),
        Box::new(NetworkOutput::start(rtmp_config(port, "b"), &clip.specs).unwrap()),
        Box::new(NetworkOutput::start(rtmp_config(stable_port, "c"), &clip.specs).unwrap()),
    ]);

    let mut killed = false;
    let mut restarted = false;
    feed_paced(&clip, &mut fanout, 1.0, |seconds| {
        if seconds >= 2.5 && !killed {
            eprintln!("killing nginx at {seconds:.2} s");
            server.kill();
            killed = true;
        }
        if seconds >= 4.0 && !restarted {
            eprintln!("restarting nginx at {seconds:.2} s");
            server = start_nginx(dir.path(), port, &after);
            restarted = true;
        }
    });
    let during = fanout.output_metrics();
    fanout.finish().unwrap();
    let metrics = fanout.output_metrics();
    eprintln!("{}", prometheus_text(&metrics));
    // nginx closes its recordings when the publishers disconnect.
    std::thread::sleep(Duration::from_millis(500));
    server.kill();
    stable.kill();

    assert_eq!(metrics[0].state, OutputState::Finished);
    assert_eq!(metrics[0].packets_sent, clip.packets.len() as u64);
    for (index, name) in [(1, "a"), (2, "b")] {
        let destination = &metrics[index];
        assert_eq!(destination.name, name);
        assert!(
            destination.reconnects >= 1,
            "{name} did not reconnect: {destination:?}"
        );
        assert!(
            destination.dropped_packets > 0,
            "{name} dropped nothing while down"
        );
        assert_eq!(
            destination.state,
            OutputState::Finished,
            "{name}: {destination:?}"
        );
        assert!(
            during[index].bitrate_bps > 10_000,
            "{name} bitrate {}",
            during[index].bitrate_bps
        );
        assert!(destination.last_error.is_some());

        assert!(
            !recordings(&before, name).is_empty(),
            "the first server got nothing for {name}"
        );
        let after_restart = recordings(&after, name);
        assert_eq!(after_restart.len(), 1, "{name}: {after_restart:?}");
        let times = decoded_video_frame_times(&after_restart[0]);
        // The restart leaves about 4 s; at least 2 s (50 frames) must have arrived.
        assert!(
            times.len() >= 50,
            "{name}: only {} frames after the restart",
            times.len()
        );
        assert_monotonic(&times, name);
    }
    // The destination whose server stayed up lost nothing to the other's outage.
    let steady = &metrics[3];
    assert_eq!(
        (steady.reconnects, steady.dropped_packets),
        (0, 0),
        "{steady:?}"
    );
    assert_eq!(steady.packets_sent, clip.packets.len() as u64);
    let steady_recordings = recordings(&stable_records, "c");
    assert_eq!(steady_recordings.len(), 1, "{steady_recordings:?}");
    let times = decoded_video_frame_times(&steady_recordings[0]);
    assert_eq!(
        times.len(),
        clip.video_frames,
        "the steady server lost frames"
    );
    assert_monotonic(&times, "steady server");

    let text = prometheus_text(&metrics);
    assert!(text.contains("ggp_output_reconnects_total{output=\"a\",protocol=\"rtmp\"}"));

    let times = decoded_video_frame_times(&recording);
    assert_eq!(
        times.len(),
        clip.video_frames,
        "the local recording lost frames"
    );
    assert_monotonic(&times, "local recording");
}
