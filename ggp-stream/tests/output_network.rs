//! Network outputs against peers the test plays itself: a server that never answers, one
//! that is never there, a UDP socket, and HLS into a directory.

// Helpers outside #[test] functions unwrap too: a failed step should fail the test.
#![allow(clippy::unwrap_used)]

mod output_support;

use std::net::{TcpListener, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ggp_stream::StreamError;
use ggp_stream::output::{
    BackoffPolicy, Destination, NetworkConfig, NetworkOutput, OutputState, PacketOutput,
};
use output_support::{
    TempDir, assert_monotonic, codec_names, decoded_video_frame_times, encode_clip,
    encode_clip_with_b_frames, feed_paced, free_tcp_port,
};

fn quick_backoff(max_attempts: Option<u32>) -> BackoffPolicy {
    BackoffPolicy {
        initial: Duration::from_millis(20),
        max: Duration::from_millis(100),
        multiplier: 2.0,
        max_attempts,
    }
}

#[test]
fn a_server_that_accepts_but_never_answers_does_not_block_the_writer() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let stop = Arc::new(AtomicBool::new(false));
    let accepting = {
        let stop = stop.clone();
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if let Ok((socket, _)) = listener.accept() {
                    held.push(socket);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let clip = encode_clip(4, true);
    let mut config =
        NetworkConfig::new(Destination::parse(&format!("rtmp://127.0.0.1:{port}/live/x")).unwrap());
    config.queue_capacity = 16;
    config.io_timeout = Duration::from_millis(300);
    config.finish_timeout = Duration::from_secs(1);
    config.backoff = quick_backoff(None);
    let mut output = NetworkOutput::start(config, &clip.specs).unwrap();

    let mut slowest = Duration::ZERO;
    for packet in &clip.packets {
        let start = Instant::now();
        output.write(packet).unwrap();
        slowest = slowest.max(start.elapsed());
    }
    // Let the handshake time out at least once.
    std::thread::sleep(Duration::from_millis(800));
    let metrics = output.metrics();
    assert!(
        slowest < Duration::from_millis(200),
        "a write blocked for {slowest:?}"
    );
    assert_eq!(metrics.packets_sent, 0);
    assert!(metrics.dropped_packets > 0);
    assert_ne!(metrics.state, OutputState::Connected);
    assert!(metrics.last_error.is_some(), "{metrics:?}");

    let start = Instant::now();
    let _ = output.finish();
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "finish took {:?}",
        start.elapsed()
    );
    assert_eq!(output.metrics().state, OutputState::Finished);
    stop.store(true, Ordering::Relaxed);
    accepting.join().unwrap();
}

#[test]
fn a_destination_that_never_comes_up_fails_after_the_allowed_attempts() {
    let clip = encode_clip(1, false);
    let port = free_tcp_port();
    let mut config = NetworkConfig::new(
        Destination::parse(&format!("rtmp://127.0.0.1:{port}/live/SECRETKEY")).unwrap(),
    );
    config.backoff = quick_backoff(Some(3));
    let mut output = NetworkOutput::start(config, &clip.specs).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while output.metrics().state != OutputState::Failed {
        assert!(Instant::now() < deadline, "still {:?}", output.metrics());
        std::thread::sleep(Duration::from_millis(10));
    }
    let metrics = output.metrics();
    let last_error = metrics.last_error.clone().unwrap();
    assert!(
        last_error.contains(&format!("rtmp://127.0.0.1:{port}")),
        "{last_error}"
    );
    assert!(
        !last_error.contains("SECRETKEY"),
        "the stream key leaked: {last_error}"
    );
    assert!(!metrics.name.contains("SECRETKEY"));
    let error = output.write(&clip.packets[0]).unwrap_err();
    assert!(matches!(error, StreamError::Closed { .. }), "{error:?}");
    assert!(output.finish().is_ok());
}

#[test]
fn hls_writes_a_playlist_whose_segments_hold_every_frame() {
    let clip = encode_clip_with_b_frames(4);
    let dir = TempDir::new("ggp-hls");
    let hls_dir = dir.path().join("hls");
    let mut config = NetworkConfig::new(Destination::Hls {
        dir: hls_dir.clone(),
        segment_seconds: 1,
        list_size: 0,
    });
    config.queue_capacity = 4096;
    let mut output = NetworkOutput::start(config, &clip.specs).unwrap();
    for packet in &clip.packets {
        output.write(packet).unwrap();
    }
    output.finish().unwrap();
    let metrics = output.metrics();
    assert_eq!(metrics.protocol, "hls");
    assert_eq!(metrics.packets_sent, clip.packets.len() as u64);
    assert_eq!(metrics.dropped_packets, 0);

    let playlist = std::fs::read_to_string(hls_dir.join("index.m3u8")).unwrap();
    assert!(playlist.contains("#EXT-X-ENDLIST"), "{playlist}");
    let segments = playlist
        .lines()
        .filter(|line| line.ends_with(".ts"))
        .count();
    assert!(segments >= 4, "{segments} segments in {playlist}");
    let times = decoded_video_frame_times(&hls_dir.join("index.m3u8"));
    assert_eq!(times.len(), clip.video_frames);
    assert_monotonic(&times, "hls");
}

#[test]
fn udp_mpegts_reaches_a_socket_as_whole_transport_packets() {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let receiver = std::thread::spawn(move || {
        let mut datagrams = Vec::new();
        let mut buffer = [0u8; 65536];
        let mut quiet_since = Instant::now();
        while quiet_since.elapsed() < Duration::from_secs(2) {
            if let Ok(size) = socket.recv(&mut buffer) {
                datagrams.push(buffer[..size].to_vec());
                quiet_since = Instant::now();
            }
        }
        datagrams
    });
    let clip = encode_clip(2, true);
    let url = format!("udp://127.0.0.1:{port}?pkt_size=1316");
    let mut output = NetworkOutput::start(
        NetworkConfig::new(Destination::parse(&url).unwrap()),
        &clip.specs,
    )
    .unwrap();
    feed_paced(&clip, &mut output, 4.0, |_| {});
    output.finish().unwrap();
    let datagrams = receiver.join().unwrap();
    assert!(!datagrams.is_empty());
    for datagram in &datagrams {
        assert_eq!(
            datagram.len() % 188,
            0,
            "a datagram of {} bytes",
            datagram.len()
        );
        assert!(
            datagram.chunks(188).all(|packet| packet[0] == 0x47),
            "lost TS sync"
        );
    }
    let dir = TempDir::new("ggp-udp");
    let received = dir.path().join("received.ts");
    std::fs::write(&received, datagrams.concat()).unwrap();
    assert_eq!(codec_names(&received), ["h264", "aac"]);
    let times = decoded_video_frame_times(&received);
    assert!(
        times.len() + 2 >= clip.video_frames,
        "{} frames over loopback UDP",
        times.len()
    );
    assert_monotonic(&times, "udp");
}
