//! Finding the bytes of a UTF-8 file that are not UTF-8, so that they are
//! refused with their place instead of being stored as `�`.

use std::cell::RefCell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use super::read::Source;
use crate::error::{Error, Result};

/// How many bad sequences are described one by one.
const DESCRIBED: usize = 20;

/// The malformed sequences met so far: the first few, with their byte
/// offset in the file, and how many in all.
#[derive(Debug, Default)]
pub struct BadUtf8 {
    first: Vec<(u64, Vec<u8>)>,
    count: u64,
}

impl BadUtf8 {
    fn note(&mut self, offset: u64, bytes: &[u8]) {
        self.count += 1;
        if self.first.len() < DESCRIBED {
            self.first.push((offset, bytes.to_vec()));
        }
    }

    /// The error refusing `source`, naming the line and byte offset of each
    /// bad sequence (the first [`DESCRIBED`] of them); `Ok` when there is none.
    pub fn check(&self, source: &Source) -> Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        let offsets: Vec<u64> = self.first.iter().map(|(o, _)| *o).collect();
        let lines = source.lines_at(&offsets)?;
        let places: Vec<String> = self
            .first
            .iter()
            .zip(lines)
            .map(|((offset, bytes), line)| format!("line {line}, byte offset {offset}: {}", hex(bytes)))
            .collect();
        let mut err = if self.count == 1 {
            Error::user(format!(
                "{}, {}: not valid UTF-8; nothing was imported",
                source.name, places[0]
            ))
        } else {
            let mut e = Error::user(format!(
                "{}: {} byte sequences are not valid UTF-8; nothing was imported",
                source.name, self.count
            ));
            for p in &places {
                e = e.hint(format!("  {p}"));
            }
            if self.count > places.len() as u64 {
                e = e.hint(format!("  … and {} more", self.count - places.len() as u64));
            }
            e
        };
        err = err.hint(
            "the rest of the file is UTF-8: correct those bytes in the file; if all of it is in another encoding, name it with --encoding, e.g. windows-1256",
        );
        Err(err)
    }
}

/// `0xE9` or `0xE2 0x80`.
fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Passes bytes through unchanged, noting each sequence that is not UTF-8
/// (a sequence cut by the end of one read is completed by the next).
pub struct Utf8Check<R> {
    inner: R,
    /// Bytes read from `inner` so far.
    offset: u64,
    /// The start of a character cut by the end of the last read.
    carry: Vec<u8>,
    bad: Rc<RefCell<BadUtf8>>,
}

impl<R: Read> Utf8Check<R> {
    pub fn new(inner: R, bad: Rc<RefCell<BadUtf8>>) -> Self {
        Utf8Check {
            inner,
            offset: 0,
            carry: Vec::new(),
            bad,
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        // The file offset of the first byte of `data`.
        let start = self.offset - self.carry.len() as u64;
        let joined;
        let data: &[u8] = if self.carry.is_empty() {
            bytes
        } else {
            joined = [self.carry.as_slice(), bytes].concat();
            &joined
        };
        let mut pos = 0;
        let mut carry = Vec::new();
        while let Err(e) = std::str::from_utf8(&data[pos..]) {
            let at = pos + e.valid_up_to();
            match e.error_len() {
                Some(len) => {
                    self.bad.borrow_mut().note(start + at as u64, &data[at..at + len]);
                    pos = at + len;
                }
                None => {
                    carry = data[at..].to_vec();
                    break;
                }
            }
        }
        self.carry = carry;
        self.offset += bytes.len() as u64;
    }
}

impl<R: Read> Read for Utf8Check<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if !self.carry.is_empty() {
                let at = self.offset - self.carry.len() as u64;
                self.bad.borrow_mut().note(at, &self.carry);
                self.carry.clear();
            }
        } else {
            self.scan(&buf[..n]);
        }
        Ok(n)
    }
}

impl Source {
    /// The line (from 1) of each byte offset, in ascending order.
    pub fn lines_at(&self, offsets: &[u64]) -> Result<Vec<u64>> {
        let mut input = BufReader::new(self.file()?);
        let mut buf = vec![0u8; 64 * 1024];
        let (mut read, mut line) = (0u64, 1u64);
        let mut out = Vec::with_capacity(offsets.len());
        for &offset in offsets {
            while read < offset {
                let want = usize::try_from(offset - read).map_or(buf.len(), |w| w.min(buf.len()));
                let n = input.read(&mut buf[..want])?;
                if n == 0 {
                    break;
                }
                line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                read += n as u64;
            }
            out.push(line);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad_in(chunks: &[&[u8]]) -> (Vec<(u64, Vec<u8>)>, u64) {
        struct Chunks<'a>(std::slice::Iter<'a, &'a [u8]>);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some(c) = self.0.next() else { return Ok(0) };
                buf[..c.len()].copy_from_slice(c);
                Ok(c.len())
            }
        }
        let bad = Rc::new(RefCell::new(BadUtf8::default()));
        let mut check = Utf8Check::new(Chunks(chunks.iter()), bad.clone());
        std::io::copy(&mut check, &mut std::io::sink()).unwrap();
        let b = bad.borrow();
        (b.first.clone(), b.count)
    }

    #[test]
    fn stray_bytes_are_found_with_their_offset() {
        let (first, count) = bad_in(&["نام,x".as_bytes(), b"\nJos\xE9,y\n"]);
        assert_eq!(count, 1);
        assert_eq!(first, [(12, vec![0xE9])]);
    }

    #[test]
    fn a_character_cut_between_reads_is_not_bad() {
        let s = "حزب".as_bytes();
        let (_, count) = bad_in(&[&s[..1], &s[1..3], &s[3..]]);
        assert_eq!(count, 0);
    }

    #[test]
    fn a_character_cut_by_the_end_of_the_file_is_bad() {
        let s = "ab\u{62d}".as_bytes();
        let (first, count) = bad_in(&[&s[..3]]);
        assert_eq!(count, 1);
        assert_eq!(first, [(2, vec![0xD8])]);
    }

    #[test]
    fn hex_bytes() {
        assert_eq!(hex(&[0xE9]), "0xE9");
        assert_eq!(hex(&[0xE2, 0x80]), "0xE2 0x80");
    }
}
