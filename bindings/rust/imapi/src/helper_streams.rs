//! IMAPI's helper streams: concatenation (IStreamConcatenate), interleave
//! (IStreamInterleave) and pseudo-random data (IStreamPseudoRandomBased).
//! A composed stream keeps its parts alive, so the `Stream`s passed in may be
//! dropped at once; each part's size is taken when it is added.
use imapi_sys as sys;

use crate::error::{check, Error, Result};
use crate::status::Status;
use crate::ffi::{out, out_handle};
use crate::stream::Stream;

fn handles(streams: &[&Stream]) -> Result<(Vec<*mut sys::imapi_stream>, i32)> {
    let count = i32::try_from(streams.len())
        .map_err(|_| Error::new(Status::InvalidArg, "more than 2^31-1 streams"))?;
    Ok((streams.iter().map(|s| s.as_ptr()).collect(), count))
}

impl Stream {
    /// `streams` one after another (IStreamConcatenate::Initialize2); at least one.
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) for an empty list or sizes adding up past 2^63-1.
    pub fn concatenate(streams: &[&Stream]) -> Result<Stream> {
        let (raw, count) = handles(streams)?;
        out_handle(|o| unsafe { sys::imapi_stream_create_concatenation(raw.as_ptr(), count, o) }).map(Stream::from_raw)
    }

    /// Appends `streams` to this concatenation (IStreamConcatenate::Append2); the
    /// position is kept. A stream that is not a concatenation, an empty list, or a
    /// stream reading this one: [`Status::InvalidArg`](crate::Status::InvalidArg), and nothing is appended.
    pub fn append(&mut self, streams: &[&Stream]) -> Result<()> {
        let (raw, count) = handles(streams)?;
        check(unsafe { sys::imapi_stream_concatenation_append(self.as_ptr(), raw.as_ptr(), count) }).map(|_| ())
    }

    /// Round-robin chunks (IStreamInterleave::Initialize): `chunk_sizes[i]` bytes of
    /// `streams[i]` in turn, ended streams skipped. One chunk size (at least 1) per stream.
    pub fn interleave(streams: &[&Stream], chunk_sizes: &[i64]) -> Result<Stream> {
        if chunk_sizes.len() != streams.len() {
            return Err(Error::new(Status::InvalidArg, "interleave needs one chunk size per stream"));
        }
        let (raw, count) = handles(streams)?;
        out_handle(|o| unsafe { sys::imapi_stream_create_interleave(raw.as_ptr(), chunk_sizes.as_ptr(), count, o) })
            .map(Stream::from_raw)
    }

    /// `size` pseudo-random bytes from IMAPI's LCG seeded with `seed` (MsftStreamPrng001):
    /// the same (seed, size) always gives the same bytes. Not for cryptography.
    pub fn pseudo_random(seed: u32, size: i64) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_stream_create_pseudo_random(seed, size, o) }).map(Stream::from_raw)
    }

    /// put_Seed: reseeds a pseudo-random stream and rewinds it to 0.
    pub fn set_seed(&mut self, seed: u32) -> Result<()> {
        check(unsafe { sys::imapi_stream_pseudo_random_set_seed(self.as_ptr(), seed) }).map(|_| ())
    }

    /// get_Seed: the seed of a pseudo-random stream.
    pub fn seed(&self) -> Result<u32> {
        out(|s| unsafe { sys::imapi_stream_pseudo_random_get_seed(self.as_ptr(), s) })
    }
}
