//! Network inputs read from real peers the tests start: an `ffmpeg -re` sender over
//! UDP/MPEG-TS and over SRT, an nginx-rtmp server relaying an `ffmpeg -re` publisher, and
//! an HLS playlist written by ffmpeg and served over HTTP. Each must give pictures with
//! increasing timestamps and its audio.

// Helpers outside #[test] functions unwrap too: a failed step should fail the test.
#![allow(clippy::unwrap_used)]

mod output_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ggp_stream::source::{Source, SourceItem, SourceKind};
use output_support::{
    ChildGuard, TempDir, free_tcp_port, free_udp_port, require_program, wait_for_tcp,
};

const RTMP_MODULE: &str = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

/// `ffmpeg -re` sending a 320x180 25 fps test pattern with a tone, as H.264 (a keyframe a
/// second) and AAC, for `seconds`, in `format` to `url`.
fn sender(format: &str, url: &str, seconds: u32) -> ChildGuard {
    let (pattern, tone) = (
        format!("testsrc2=size=320x180:rate=25:duration={seconds}"),
        format!("sine=frequency=440:sample_rate=48000:duration={seconds}"),
    );
    ChildGuard::spawn(
        "ffmpeg sender",
        Command::new("ffmpeg")
            .args(["-hide_banner", "-loglevel", "error", "-re"])
            .args(["-f", "lavfi", "-i", &pattern, "-f", "lavfi", "-i", &tone])
            .args(["-c:v", "libx264", "-preset", "ultrafast", "-g", "25"])
            .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-f", format, url])
            .stdout(Stdio::null()),
    )
}

/// Opens `kind`, retrying for a while (a listener may not be up yet), and reads until
/// `frames` pictures came; returns their pts and how many audio packets came with them.
fn read(kind: &SourceKind, frames: usize, limit: Duration) -> (Vec<i64>, usize) {
    let deadline = Instant::now() + limit;
    let mut source = loop {
        match Source::open(kind, None) {
            Ok(source) => break source,
            Err(error) => {
                assert!(Instant::now() < deadline, "{kind:?} did not open: {error}");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    };
    let (mut pts, mut audio) = (Vec::new(), 0);
    while pts.len() < frames {
        assert!(
            Instant::now() < deadline,
            "{kind:?}: {} pictures in {limit:?}",
            pts.len()
        );
        match source.next_item().unwrap() {
            Some(SourceItem::Video(picture)) => {
                assert_eq!(source.output_size(), (320, 180));
                pts.push(picture.pts);
            }
            Some(SourceItem::Audio(_)) => audio += 1,
            None => break,
        }
    }
    (pts, audio)
}

fn assert_stream(what: &str, pts: &[i64], audio: usize, frames: usize) {
    assert_eq!(pts.len(), frames, "{what}: pictures");
    assert!(
        pts.windows(2).all(|w| w[1] > w[0]),
        "{what}: timestamps go backwards: {pts:?}"
    );
    assert!(audio > 0, "{what}: no audio came with the pictures");
}

#[test]
fn udp_mpeg_ts_from_an_ffmpeg_sender() {
    if !require_program("ffmpeg", "ffmpeg") {
        return;
    }
    let port = free_udp_port();
    let _sender = sender(
        "mpegts",
        &format!("udp://127.0.0.1:{port}?pkt_size=1316"),
        30,
    );
    let kind = SourceKind::Url(format!("udp://127.0.0.1:{port}"));
    let (pts, audio) = read(&kind, 50, Duration::from_secs(20));
    assert_stream("udp", &pts, audio, 50);
}

#[test]
fn srt_from_an_ffmpeg_listener() {
    if !require_program("ffmpeg", "ffmpeg") {
        return;
    }
    let port = free_udp_port();
    let _sender = sender(
        "mpegts",
        &format!("srt://127.0.0.1:{port}?mode=listener"),
        30,
    );
    let kind = SourceKind::Url(format!("srt://127.0.0.1:{port}?mode=caller"));
    let (pts, audio) = read(&kind, 50, Duration::from_secs(20));
    assert_stream("srt", &pts, audio, 50);
}

/// nginx-rtmp in the foreground with its files in `dir`, relaying application `live`.
fn start_nginx(dir: &Path, port: u16) -> ChildGuard {
    let config = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {dir}/nginx.pid;\n\
         error_log {dir}/error.log info;\nload_module {RTMP_MODULE};\n\
         events {{ worker_connections 64; }}\n\
         rtmp {{ access_log off; server {{ listen 127.0.0.1:{port}; application live {{\n\
           live on; }} }} }}\n",
        dir = dir.display(),
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

#[test]
fn rtmp_played_from_nginx_while_ffmpeg_publishes() {
    if !require_program("nginx", "nginx libnginx-mod-rtmp") || !require_program("ffmpeg", "ffmpeg")
    {
        return;
    }
    assert!(
        Path::new(RTMP_MODULE).exists(),
        "nginx is installed without libnginx-mod-rtmp"
    );
    let dir = TempDir::new("ggp-rtmp-in");
    let port = free_tcp_port();
    let _server = start_nginx(dir.path(), port);
    let url = format!("rtmp://127.0.0.1:{port}/live/camera");
    let _publisher = sender("flv", &url, 30);
    // Playing before the publisher is up would wait on an empty stream.
    std::thread::sleep(Duration::from_millis(1500));
    let (pts, audio) = read(&SourceKind::Url(url), 50, Duration::from_secs(20));
    assert_stream("rtmp", &pts, audio, 50);
}

#[test]
fn hls_playlist_served_over_http() {
    if !require_program("ffmpeg", "ffmpeg") || !require_program("python3", "python3") {
        return;
    }
    let dir = TempDir::new("ggp-hls-in");
    let playlist = dir.path().join("index.m3u8");
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error"])
        .args([
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25:duration=4",
        ])
        .args([
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=4",
        ])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-g", "25"])
        .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "hls"])
        .args([
            "-hls_time",
            "1",
            "-hls_list_size",
            "0",
            "-hls_playlist_type",
            "vod",
        ])
        .arg(&playlist)
        .status()
        .unwrap();
    assert!(status.success(), "ffmpeg could not write the playlist");
    let port = free_tcp_port();
    let _server = ChildGuard::spawn(
        "http server",
        Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    wait_for_tcp(port, Duration::from_secs(10));
    let kind = SourceKind::Url(format!("http://127.0.0.1:{port}/index.m3u8"));
    // The whole playlist: every picture of the 4 s, then the end of the input.
    let (pts, audio) = read(&kind, 1000, Duration::from_secs(30));
    assert_stream("hls", &pts, audio, 100);
}
