//! Recording to MP4 and MKV: every frame is there, timestamps increase, MP4 is faststart,
//! and a full disk is a clear error after which the recording is closed cleanly.

// Helpers outside #[test] functions unwrap too: a failed step should fail the test.
#![allow(clippy::unwrap_used)]

mod output_support;

use std::path::Path;
use std::process::Command;

use ggp_stream::StreamError;
use ggp_stream::output::{Container, FileOutput, OutputState, PacketOutput};
use output_support::{
    TempDir, assert_monotonic, codec_names, decoded_video_frame_times, encode_clip,
    encode_clip_with_b_frames,
};

fn record(path: &Path, clip: &output_support::Clip) -> FileOutput {
    let mut output = FileOutput::create(path, &clip.specs).unwrap();
    for packet in &clip.packets {
        output.write(packet).unwrap();
    }
    output
}

/// Top-level MP4 box types in file order.
fn mp4_boxes(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut boxes = Vec::new();
    let mut offset = 0usize;
    while offset + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[offset..offset + 4].try_into().unwrap()) as usize;
        boxes.push(String::from_utf8_lossy(&bytes[offset + 4..offset + 8]).into_owned());
        if size < 8 {
            break;
        }
        offset += size;
    }
    boxes
}

#[test]
fn mp4_and_mkv_recordings_hold_every_frame_with_increasing_timestamps() {
    let clip = encode_clip(2, true);
    let dir = TempDir::new("ggp-file");
    for name in ["program.mp4", "program.mkv"] {
        let path = dir.path().join(name);
        let mut output = record(&path, &clip);
        output.finish().unwrap();
        let metrics = output.metrics();
        assert_eq!(metrics.state, OutputState::Finished);
        assert_eq!(metrics.packets_sent, clip.packets.len() as u64);
        assert_eq!(metrics.name, name);

        assert_eq!(codec_names(&path), ["h264", "aac"], "{name}");
        let times = decoded_video_frame_times(&path);
        assert_eq!(
            times.len(),
            clip.video_frames,
            "{name}: decoded frame count"
        );
        assert_monotonic(&times, name);
        assert!(times[0].abs() < 0.1, "{name} starts at {}", times[0]);
    }
    let boxes = mp4_boxes(&dir.path().join("program.mp4"));
    let moov = boxes.iter().position(|b| b == "moov").unwrap();
    let mdat = boxes.iter().position(|b| b == "mdat").unwrap();
    assert!(moov < mdat, "faststart puts moov before mdat: {boxes:?}");
}

#[test]
fn a_recording_dropped_without_finish_is_still_closed_and_playable() {
    let clip = encode_clip(1, false);
    let dir = TempDir::new("ggp-drop");
    let path = dir.path().join("dropped.mp4");
    drop(record(&path, &clip));
    assert_eq!(decoded_video_frame_times(&path).len(), clip.video_frames);
}

#[test]
fn the_container_comes_from_the_extension_or_is_named() {
    assert_eq!(
        Container::from_path(Path::new("a/b.MP4")).unwrap(),
        Container::Mp4
    );
    assert_eq!(
        Container::from_path(Path::new("b.mkv")).unwrap(),
        Container::Matroska
    );
    let error = Container::from_path(Path::new("show.avi"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("show.avi"), "{error}");

    let clip = encode_clip(1, false);
    let dir = TempDir::new("ggp-named");
    let path = dir.path().join("recording.bin");
    let mut output = FileOutput::create_as(&path, Container::Matroska, &clip.specs).unwrap();
    for packet in &clip.packets {
        output.write(packet).unwrap();
    }
    output.finish().unwrap();
    assert_eq!(decoded_video_frame_times(&path).len(), clip.video_frames);
    // Writing after finish is an error, not a crash.
    assert!(matches!(
        output.write(&clip.packets[0]),
        Err(StreamError::Closed { .. })
    ));
}

#[test]
fn a_missing_directory_is_an_io_error_naming_the_path() {
    let clip = encode_clip(1, false);
    let error = FileOutput::create("/nonexistent-ggp-dir/out.mkv", &clip.specs).unwrap_err();
    assert!(matches!(error, StreamError::Io { .. }), "{error:?}");
    assert!(
        error.to_string().contains("/nonexistent-ggp-dir/out.mkv"),
        "{error}"
    );
}

/// Writes until the first error; returns it with the number of packets that went in.
fn write_until_error(
    output: &mut FileOutput,
    clip: &output_support::Clip,
) -> Option<(usize, StreamError)> {
    for (index, packet) in clip.packets.iter().enumerate() {
        if let Err(error) = output.write(packet) {
            return Some((index, error));
        }
    }
    None
}

/// /dev/full fails every write with ENOSPC through the real file protocol.
#[test]
fn a_full_disk_is_a_clear_error_naming_the_path_and_the_output_closes() {
    let clip = encode_clip(2, true);
    let path = Path::new("/dev/full");
    let error = match FileOutput::create_as(path, Container::Matroska, &clip.specs) {
        Err(error) => error,
        Ok(mut output) => {
            // The muxer buffers up to a cluster, so the error shows on a write or at finish.
            let error = match write_until_error(&mut output, &clip) {
                Some((_, error)) => {
                    assert!(
                        output.finish().is_ok(),
                        "finish after a failure is harmless"
                    );
                    error
                }
                None => output.finish().expect_err("finishing on /dev/full fails"),
            };
            assert_eq!(output.metrics().state, OutputState::Failed);
            assert!(matches!(
                output.write(&clip.packets[0]),
                Err(StreamError::Closed { .. })
            ));
            error
        }
    };
    assert!(
        matches!(&error, StreamError::DiskFull { path } if path == Path::new("/dev/full")),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("disk full while writing /dev/full"),
        "{error}"
    );
}

/// A real full filesystem: a 192 KiB tmpfs. Needs root (mount); skipped loudly without.
#[test]
fn a_recording_on_a_filesystem_that_fills_up_stops_cleanly_and_keeps_what_was_written() {
    let dir = TempDir::new("ggp-tmpfs");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=192k", "tmpfs"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !mounted {
        eprintln!(
            "\n!!!!!!!! SKIPPED: cannot mount a tmpfs here (needs root); /dev/full covers ENOSPC !!!!!!!!\n"
        );
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(dir.path());
    // About 430 KB: twice what the filesystem holds.
    let clip = encode_clip(16, true);
    let path = dir.path().join("full.mkv");
    let mut output = FileOutput::create(&path, &clip.specs).unwrap();
    let (written, error) = write_until_error(&mut output, &clip).expect("the filesystem fills up");
    assert!(
        matches!(&error, StreamError::DiskFull { path: p } if p == &path),
        "{error:?}"
    );
    assert!(written > 10, "failed after only {written} packets");
    assert_eq!(output.metrics().state, OutputState::Failed);
    drop(output);
    // Matroska keeps what the disk took: it still decodes, from the start, in order.
    let times = decoded_video_frame_times(&path);
    assert!(times.len() > 25, "only {} frames readable", times.len());
    assert_monotonic(&times, "partial recording");
}

#[test]
fn b_frame_streams_are_recorded_whole_in_mp4_and_mkv() {
    let clip = encode_clip_with_b_frames(2);
    assert!(
        clip.packets.iter().any(|packet| packet.pts != packet.dts),
        "no B-frames"
    );
    let dir = TempDir::new("ggp-bframes");
    for name in ["b.mp4", "b.mkv"] {
        let path = dir.path().join(name);
        record(&path, &clip).finish().unwrap();
        let mut times = decoded_video_frame_times(&path);
        assert_eq!(times.len(), clip.video_frames, "{name}");
        times.sort_by(f64::total_cmp);
        times.dedup();
        assert_eq!(
            times.len(),
            clip.video_frames,
            "{name}: duplicate timestamps"
        );
    }
}

#[test]
fn a_packet_out_of_order_is_refused_and_the_recording_goes_on() {
    let clip = encode_clip(1, false);
    let dir = TempDir::new("ggp-order");
    let path = dir.path().join("ordered.mkv");
    let mut output = FileOutput::create(&path, &clip.specs).unwrap();
    for (index, packet) in clip.packets.iter().enumerate() {
        output.write(packet).unwrap();
        if index == 10 {
            let error = output.write(&clip.packets[5]).unwrap_err();
            assert!(error.is_packet_error(), "{error:?}");
            assert!(error.to_string().contains("ordered.mkv"), "{error}");
        }
    }
    output.finish().unwrap();
    assert_eq!(decoded_video_frame_times(&path).len(), clip.video_frames);
}

/// Passing packets through without decoding (as `-c:a copy` does): the description comes
/// from the demuxed stream's parameters.
#[test]
fn packets_demuxed_from_a_file_are_recorded_again_without_decoding() {
    use ffmpeg_next as ffmpeg;
    use ggp_stream::output::{EncodedPacket, StreamKind, StreamSpec};

    let clip = encode_clip(2, true);
    let dir = TempDir::new("ggp-remux");
    let source = dir.path().join("source.mkv");
    record(&source, &clip).finish().unwrap();

    let mut input = ffmpeg::format::input(&source).unwrap();
    let mut kinds = Vec::new();
    let mut specs = Vec::new();
    for stream in input.streams() {
        let spec = StreamSpec::from_parameters(&stream.parameters(), stream.time_base()).unwrap();
        kinds.push(spec.kind());
        specs.push(spec);
    }
    assert_eq!(kinds, [StreamKind::Video, StreamKind::Audio]);
    let copy = dir.path().join("copy.mp4");
    let mut output = FileOutput::create(&copy, &specs).unwrap();
    for (stream, packet) in input.packets() {
        let packet = EncodedPacket {
            stream: kinds[stream.index()],
            data: packet.data().unwrap_or_default().to_vec(),
            pts: packet.pts().unwrap(),
            dts: packet.dts().unwrap(),
            duration: packet.duration(),
            keyframe: packet.is_key(),
        };
        output.write(&packet).unwrap();
    }
    output.finish().unwrap();
    assert_eq!(codec_names(&copy), ["h264", "aac"]);
    let times = decoded_video_frame_times(&copy);
    assert_eq!(times.len(), clip.video_frames);
    assert_monotonic(&times, "remuxed copy");
}
