//! Helper streams from Rust: concatenation, interleave and pseudo-random bytes.
use imapi::{Status, Stream};
use std::io::{Read, Seek, SeekFrom};

fn all(s: &mut Stream) -> Vec<u8> {
    s.seek(SeekFrom::Start(0)).unwrap();
    let mut v = Vec::new();
    s.read_to_end(&mut v).unwrap();
    v
}

#[test]
fn concatenate_and_append() {
    let a = Stream::from_memory(b"alpha").unwrap();
    let b = Stream::from_memory(b"BRAVO").unwrap();
    let mut c = Stream::concatenate(&[&a, &b, &a]).unwrap();
    drop(b);
    assert_eq!(c.size().unwrap(), 15);
    assert_eq!(all(&mut c), b"alphaBRAVOalpha");
    c.seek(SeekFrom::Start(4)).unwrap();
    let mut buf = [0u8; 3];
    c.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"aBR");
    let d = Stream::from_memory(b"!").unwrap();
    c.append(&[&d]).unwrap();
    assert_eq!(all(&mut c), b"alphaBRAVOalpha!");
    assert_eq!(Stream::concatenate(&[]).unwrap_err().code(), Status::InvalidArg);
    let mut not_concat = Stream::from_memory(b"x").unwrap();
    assert_eq!(not_concat.append(&[&d]).unwrap_err().code(), Status::InvalidArg);
}

#[test]
fn interleave_round_robin() {
    let a = Stream::from_memory(b"AAAAAA").unwrap();
    let b = Stream::from_memory(b"bb").unwrap();
    let mut s = Stream::interleave(&[&a, &b], &[2, 1]).unwrap();
    assert_eq!(all(&mut s), b"AAbAAbAA");
    assert_eq!(Stream::interleave(&[&a, &b], &[2, 0]).unwrap_err().code(), Status::InvalidArg);
    assert_eq!(Stream::interleave(&[&a, &b], &[2]).unwrap_err().code(), Status::InvalidArg);
    assert_eq!(Stream::interleave(&[], &[]).unwrap_err().code(), Status::InvalidArg);
}

#[test]
fn pseudo_random_is_the_documented_lcg() {
    let mut s = Stream::pseudo_random(12345, 10).unwrap();
    let mut want = Vec::new();
    let mut x: u32 = 12345;
    while want.len() < 10 {
        x = x.wrapping_mul(0x19660D).wrapping_add(0x3C6EF35F);
        want.extend_from_slice(&x.to_le_bytes());
    }
    want.truncate(10);
    assert_eq!(all(&mut s), want);
    assert_eq!(s.seed().unwrap(), 12345);
    s.set_seed(7).unwrap();
    assert_eq!(s.seed().unwrap(), 7);
    assert_eq!(s.stream_position().unwrap(), 0);
    assert_ne!(all(&mut s), want);
    assert_eq!(Stream::pseudo_random(1, -1).unwrap_err().code(), Status::InvalidArg);
    assert_eq!(Stream::from_memory(b"x").unwrap().seed().unwrap_err().code(), Status::InvalidArg);
}
