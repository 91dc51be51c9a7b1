//! Reading spreadsheet CSV as people have it: any common encoding (BOM,
//! UTF-8, UTF-16, Windows-1256/1252, ISO-8859-x…), any of the usual
//! delimiters, quoted fields with newlines, CRLF or LF; and the first
//! (or a named) sheet of an `.xlsx`, `.xls` or `.ods` file, even one
//! given a `.csv` name.

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::rc::Rc;

use encoding_rs::Encoding;

use super::sheet::{self, Sheet};
use super::utf8::{BadUtf8, Utf8Check};

use crate::error::{Error, Result};

/// How many bytes are read up front to detect the encoding and delimiter.
const HEAD: usize = 64 * 1024;

/// The input file, or stdin saved to a file with no name (so that it can
/// be read twice: once to learn the date order, once to import). That
/// file vanishes with the process, however it ends.
pub struct Source {
    /// The name used in messages: the path, or `stdin`.
    pub name: String,
    path: PathBuf,
    /// The unnamed file holding stdin, open for as long as it is read.
    _spool: Option<File>,
}

impl Source {
    /// Opens `input`, a path or `-` for stdin.
    /// `in_memory`: stdin is kept in memory, never on the disk (for an
    /// encrypted database, whose data must not reach the disk in plain
    /// form).
    pub fn open(input: &str, in_memory: bool) -> Result<Source> {
        if input == "-" {
            return spool_stdin(in_memory);
        }
        let path = PathBuf::from(input);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => Err(Error::user(format!("{input} is a folder, not a CSV file"))),
            Ok(_) => Ok(Source {
                name: input.to_string(),
                path,
                _spool: None,
            }),
            Err(e) => Err(
                Error::user(format!("cannot read {input}: {}", crate::db::io_reason(&e)))
                    .hint("check the path; use - to read from stdin"),
            ),
        }
    }

    pub(super) fn file(&self) -> Result<File> {
        File::open(&self.path)
            .map_err(|e| Error::user(format!("cannot read {}: {}", self.name, crate::db::io_reason(&e))))
    }

    /// The size of the input in bytes.
    pub fn len(&self) -> u64 {
        std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }

    /// Whether the input is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Copies stdin into a file without a name: in memory (`memfd`) or in the
/// temporary folder (`O_TMPFILE`, a plain database's large import keeps
/// its memory flat). Either is gone when the process ends, even when
/// killed; it is read again through `/proc/self/fd`.
fn spool_stdin(in_memory: bool) -> Result<Source> {
    let cannot =
        |e: std::io::Error| Error::user(format!("cannot buffer stdin: {}", crate::db::io_reason(&e)));
    let mut f = if in_memory {
        memory_file()
    } else {
        unnamed_temporary_file()
    }
    .map_err(cannot)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut f)
        .and_then(|_| f.flush())
        .map_err(cannot)?;
    use std::os::unix::io::AsRawFd;
    Ok(Source {
        name: "stdin".into(),
        path: PathBuf::from(format!("/proc/self/fd/{}", f.as_raw_fd())),
        _spool: Some(f),
    })
}

fn memory_file() -> std::io::Result<File> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: memfd_create with a constant name; the descriptor it returns
    // is owned by the File from here on.
    let fd = unsafe { libc::memfd_create(c"liaison-stdin".as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` is a fresh descriptor nobody else owns.
    Ok(unsafe { File::from_raw_fd(fd) })
}

fn unnamed_temporary_file() -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE | libc::O_CLOEXEC)
        .open(std::env::temp_dir())
        .or_else(|_| memory_file())
}

/// What `--encoding`, `--delimiter` and `--sheet` ask for.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub encoding: Option<&'static Encoding>,
    pub delimiter: Option<u8>,
    pub sheet: Option<String>,
}

/// Parses an `--encoding` value: `auto` or a WHATWG label (`utf-8`,
/// `utf-16le`, `windows-1256`, `iso-8859-7`, `cp1252`…).
pub fn encoding_choice(label: &str) -> Result<Option<&'static Encoding>> {
    let l = label.trim().to_ascii_lowercase();
    if l == "auto" {
        return Ok(None);
    }
    let l = if l == "utf-16" { "utf-16le".to_string() } else { l };
    Encoding::for_label(l.as_bytes()).map(Some).ok_or_else(|| {
        Error::user(format!("unknown encoding `{label}`"))
            .hint("use auto, utf-8, utf-16le, utf-16be, windows-1256, windows-1252, iso-8859-7 …")
    })
}

/// Parses a `--delimiter` value: `auto`, `,`, `;`, `tab` or `|`.
pub fn delimiter_choice(value: &str) -> Result<Option<u8>> {
    match value.trim() {
        "auto" => Ok(None),
        "," | "comma" => Ok(Some(b',')),
        ";" | "semicolon" => Ok(Some(b';')),
        "tab" | "\t" | "\\t" => Ok(Some(b'\t')),
        "|" | "pipe" => Ok(Some(b'|')),
        other => {
            Err(Error::user(format!("unknown delimiter `{other}`")).hint("use auto, ',', ';', tab or '|'"))
        }
    }
}

/// The dialect a file was found to be written in, or the sheet read from
/// a spreadsheet file.
#[derive(Debug, Clone)]
pub struct Dialect {
    pub encoding: &'static Encoding,
    pub delimiter: u8,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
    pub sheet: Option<Rc<Sheet>>,
}

impl Dialect {
    /// Describes the dialect for messages, e.g. `UTF-8, ';'` or `xlsx,
    /// sheet Partners`.
    pub fn describe(&self) -> String {
        if let Some(sheet) = &self.sheet {
            return format!("{}, sheet {}", sheet.format, sheet.name);
        }
        let d = match self.delimiter {
            b'\t' => "tab".to_string(),
            b => format!("'{}'", b as char),
        };
        format!("{}, {d}", self.encoding.name())
    }
}

/// Detects the encoding (BOM, then valid UTF-8, then a statistical guess)
/// and the delimiter (the most frequent of `, ; tab |` in the header line).
pub fn detect(source: &Source, choices: &Choices) -> Result<Dialect> {
    let mut head = Vec::with_capacity(HEAD);
    source.file()?.take(HEAD as u64).read_to_end(&mut head)?;
    if sheet::looks_like_spreadsheet(&head) {
        let sheet = sheet::load(source, choices.sheet.as_deref())?;
        return Ok(Dialect {
            encoding: encoding_rs::UTF_8,
            delimiter: b',',
            bom: false,
            sheet: Some(Rc::new(sheet)),
        });
    }
    if let Some(name) = &choices.sheet {
        return Err(Error::usage(format!(
            "--sheet {name}: {} is not a spreadsheet file",
            source.name
        ))
        .hint("--sheet chooses a sheet of an .xlsx or .ods file"));
    }
    let encoding = match choices.encoding {
        Some(e) => e,
        None => guess_encoding(&head, source.len() as usize <= head.len()),
    };
    if encoding == encoding_rs::UTF_8 && head.contains(&0) {
        return Err(Error::user(format!(
            "{} contains NUL bytes: it is not UTF-8 text",
            source.name
        ))
        .hint("if it was saved as UTF-16 without a byte-order mark, pass --encoding utf-16le"));
    }
    let (text, _, _) = encoding.decode(&head);
    let delimiter = match choices.delimiter {
        Some(d) => d,
        None => sniff_delimiter(&text),
    };
    let bom = Encoding::for_bom(&head).is_some();
    Ok(Dialect {
        encoding,
        delimiter,
        bom,
        sheet: None,
    })
}

fn guess_encoding(head: &[u8], complete: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return enc;
    }
    match std::str::from_utf8(head) {
        Ok(_) => return encoding_rs::UTF_8,
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => return encoding_rs::UTF_8,
        Err(_) => {}
    }
    // UTF-8 with a few stray bytes (a name pasted from an older program) is
    // still UTF-8: decoding all of it in a legacy code page would turn every
    // other character into mojibake. Its bad bytes are refused as it is read.
    if mostly_utf8(head, complete) {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, complete);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// Whether `head` has well-formed multi-byte UTF-8 characters, and at
/// least as many as malformed sequences. Text in a single-byte code page almost never forms
/// a valid multi-byte sequence by chance (a lead byte must be followed by
/// exactly the right number of continuation bytes), so most of its
/// non-ASCII bytes are malformed as UTF-8.
fn mostly_utf8(head: &[u8], complete: bool) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut chunks = head.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        let cut_at_end = !complete && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !cut_at_end {
            bad += 1;
        }
    }
    good > 0 && good >= bad
}

/// The delimiter that occurs most often outside quotes in the first line.
fn sniff_delimiter(text: &str) -> u8 {
    let text = text.trim_start_matches('\u{feff}');
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&d| d as char == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    if counts[best] == 0 { b',' } else { candidates[best] }
}

/// Where quotes stand in the text read so far: an odd count at the end
/// means a quoted field was never closed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Quotes {
    open: bool,
    line: u64,
    /// The line where the last still-open quote started.
    pub opened_at: u64,
}

impl Quotes {
    /// The line of a quote that is never closed, once all was read.
    pub fn unclosed(&self) -> Option<u64> {
        self.open.then_some(self.opened_at)
    }
}

/// The rows of a file: decoded CSV records, or a sheet's rows; each
/// record's position holds its line (its row number in a sheet).
pub enum Records {
    Csv(csv::Reader<Box<dyn Read>>),
    Sheet { sheet: Rc<Sheet>, next: usize },
}

impl Records {
    /// Reads the next row into `record`; `false` after the last.
    pub fn read_record(&mut self, record: &mut csv::StringRecord) -> csv::Result<bool> {
        match self {
            Records::Csv(r) => r.read_record(record),
            Records::Sheet { sheet, next } => {
                let Some((line, cells)) = sheet.rows.get(*next) else {
                    return Ok(false);
                };
                *next += 1;
                record.clear();
                for c in cells {
                    record.push_field(c);
                }
                let mut at = csv::Position::new();
                at.set_line(*line).set_record(*next as u64);
                record.set_position(Some(at));
                Ok(true)
            }
        }
    }
}

/// What a reader noticed on its way, to be asked once it has read all.
#[derive(Debug, Default, Clone)]
pub struct Watch {
    quotes: Rc<Cell<Quotes>>,
    bad_utf8: Rc<RefCell<BadUtf8>>,
}

impl Watch {
    /// The line of a quote that is never closed.
    pub fn unclosed_quote(&self) -> Option<u64> {
        self.quotes.get().unclosed()
    }

    /// Refuses a UTF-8 file with bytes that are not UTF-8, naming each.
    pub fn check_utf8(&self, source: &Source) -> Result<()> {
        self.bad_utf8.borrow().check(source)
    }
}

/// Counts quotes in the decoded UTF-8 stream (a `"` byte is never part of
/// another character there), and turns CRLF outside quotes into LF: the
/// CSV parser counts lines by LF, and would count a row ended by CRLF on
/// the line of the row before it.
struct QuoteCounter<R> {
    inner: R,
    state: Rc<Cell<Quotes>>,
    /// A CR outside quotes, held back until the next byte shows whether
    /// it ends a line.
    cr: bool,
    /// Bytes ready to be read, from `ready_at` on.
    ready: Vec<u8>,
    ready_at: usize,
    buf: Vec<u8>,
}

impl<R> QuoteCounter<R> {
    fn new(inner: R, state: Rc<Cell<Quotes>>) -> Self {
        QuoteCounter {
            inner,
            state,
            cr: false,
            ready: Vec::new(),
            ready_at: 0,
            buf: vec![0; 64 * 1024],
        }
    }
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.ready_at == self.ready.len() {
            self.ready.clear();
            self.ready_at = 0;
            let n = self.inner.read(&mut self.buf)?;
            if n == 0 {
                if std::mem::take(&mut self.cr) {
                    self.ready.push(b'\r');
                    break;
                }
                return Ok(0);
            }
            let mut q = self.state.get();
            if !self.cr && !self.buf[..n].contains(&b'\r') {
                // Most files, and every LF one: nothing to change.
                for &b in &self.buf[..n] {
                    match b {
                        b'"' => {
                            q.open = !q.open;
                            if q.open {
                                q.opened_at = q.line + 1;
                            }
                        }
                        b'\n' => q.line += 1,
                        _ => {}
                    }
                }
                self.ready.extend_from_slice(&self.buf[..n]);
                self.state.set(q);
                continue;
            }
            for &b in &self.buf[..n] {
                if std::mem::take(&mut self.cr) && b != b'\n' {
                    self.ready.push(b'\r');
                }
                match b {
                    b'"' => {
                        q.open = !q.open;
                        if q.open {
                            q.opened_at = q.line + 1;
                        }
                    }
                    b'\n' => q.line += 1,
                    b'\r' if !q.open => {
                        self.cr = true;
                        continue;
                    }
                    _ => {}
                }
                self.ready.push(b);
            }
            self.state.set(q);
        }
        let n = out.len().min(self.ready.len() - self.ready_at);
        out[..n].copy_from_slice(&self.ready[self.ready_at..self.ready_at + n]);
        self.ready_at += n;
        Ok(n)
    }
}

/// A CSV reader over the decoded text (BOM removed), reading every row
/// (headers included) as records, ragged rows allowed so that they can be
/// reported with their line. The second value tells, after the last row,
/// whether a quote was left open and, for UTF-8, which bytes were not.
pub fn reader(source: &Source, dialect: &Dialect) -> Result<(Records, Watch)> {
    let watch = Watch::default();
    if let Some(sheet) = &dialect.sheet {
        return Ok((
            Records::Sheet {
                sheet: sheet.clone(),
                next: 0,
            },
            watch,
        ));
    }
    let mut raw = BufReader::with_capacity(256 * 1024, source.file()?);
    // A byte-order mark overrides the dialect, as in the decoder below.
    let utf8 = match Encoding::for_bom(raw.fill_buf()?) {
        Some((e, _)) => e == encoding_rs::UTF_8,
        None => dialect.encoding == encoding_rs::UTF_8,
    };
    let raw: Box<dyn Read> = if utf8 {
        Box::new(Utf8Check::new(raw, watch.bad_utf8.clone()))
    } else {
        Box::new(raw)
    };
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(dialect.encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(raw);
    let input: Box<dyn Read> = Box::new(QuoteCounter::new(decoded, watch.quotes.clone()));
    Ok((
        Records::Csv(
            csv::ReaderBuilder::new()
                .delimiter(dialect.delimiter)
                .has_headers(false)
                .flexible(true)
                .buffer_capacity(256 * 1024)
                .from_reader(input),
        ),
        watch,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("Name;Country;\"a,b,c\"\n"), b';');
        assert_eq!(sniff_delimiter("name,country\n"), b',');
        assert_eq!(sniff_delimiter("name\tcountry\tkind\n"), b'\t');
        assert_eq!(sniff_delimiter("name|country\n"), b'|');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }

    #[test]
    fn encodings_are_guessed() {
        assert_eq!(guess_encoding("\u{feff}نام".as_bytes(), true), encoding_rs::UTF_8);
        assert_eq!(
            guess_encoding(&[0xFF, 0xFE, b'a', 0], true),
            encoding_rs::UTF_16LE
        );
        assert_eq!(
            guess_encoding(&[0xFE, 0xFF, 0, b'a'], true),
            encoding_rs::UTF_16BE
        );
        assert_eq!(guess_encoding("Português".as_bytes(), true), encoding_rs::UTF_8);
        let (arabic, _, _) =
            encoding_rs::WINDOWS_1256.encode("حزب توده ایران، حزب کمونیست کارگران، سندیکای کارگران");
        assert_eq!(guess_encoding(&arabic, true), encoding_rs::WINDOWS_1256);
        // UTF-8 with one stray Latin-1 byte stays UTF-8 (its byte is refused
        // later), instead of being read whole as Windows-1252.
        let mut stray = "نام,یادداشت\nحزب توده,یادداشت فارسی\n".as_bytes().to_vec();
        stray.insert("نام,یادداشت".len(), 0xE9);
        assert_eq!(guess_encoding(&stray, true), encoding_rs::UTF_8);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Português,Gênes,élu à,reunião");
        assert_eq!(guess_encoding(&latin, true), encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn encoding_labels() {
        assert_eq!(encoding_choice("auto").unwrap(), None);
        assert_eq!(
            encoding_choice("cp1256").unwrap(),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(encoding_choice("utf-16").unwrap(), Some(encoding_rs::UTF_16LE));
        assert!(encoding_choice("klingon").is_err());
    }
}
