//! The serial transport, over a pseudo-terminal pair standing in for a USB reader.

#![cfg(unix)]

use std::io::Write;
use std::time::Duration;

use ggp_vision::rfid::{
    Header, Message, Reader, Reconnect, SerialConnector, TableKey, TagId, TagState, Verifier,
    system_time_ms,
};
use serialport::{SerialPort, TTYPort};

#[test]
fn signed_lines_arrive_over_a_serial_port() {
    let key = TableKey::from_hex("00112233445566778899aabbccddeeff").expect("key");
    let (mut master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let path = slave.name().expect("the slave's path");
    // The reader opens the device by its path, as it would /dev/ttyUSB0.
    drop(slave);
    let now = system_time_ms();
    let message = Message::Tag {
        header: Header {
            reader: "usb".to_owned(),
            counter: 1,
            timestamp_ms: now,
        },
        antenna: 4,
        tag: TagId::parse("ABCDEF01").expect("tag"),
        state: TagState::On,
    };
    let mut reader = Reader::new(
        SerialConnector::new(path, 115_200),
        Verifier::new(key.clone(), ["usb"]),
    )
    .with_reconnect(Reconnect {
        silence: Duration::from_secs(5),
        ..Reconnect::default()
    });
    let line = format!("{}\r\n", message.encode(&key));
    let writer = std::thread::spawn(move || {
        // Give the reader time to open the port before writing.
        std::thread::sleep(Duration::from_millis(300));
        master.write_all(line.as_bytes()).expect("write");
        master.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(500));
        master
    });
    assert_eq!(reader.next_message().expect("message"), message);
    drop(writer.join());
}
