import Codecs

/// Counts one message body and undoes its content codings as the bytes arrive.
///
/// Input bytes are borrowed per call. Keeps at most `retainedBodyBytes` decoded bytes; decoding
/// stops at `maxDecodedBodyBytes` (`decompressionBomb`). A gap counts its bytes (when known) but
/// ends content decoding and retention: the rest cannot be decoded or kept contiguous.
struct HTTP1BodyAccumulator {
    private var info = HTTPBodyInfo()
    private let codings: [ContentCoding]
    private var decoder: ContentDecoder?
    private let retain: Int
    private let maxDecoded: Int
    private var gapped = false
    private var finished = false
    /// Retention dropped bytes (only counted when retention is on).
    private(set) var retainCapHit = false

    /// `transferCodings`: the message's transfer codings other than the final `chunked` (applied
    /// after the content codings, RFC 9112 §6.1), undone before them.
    init(contentEncoding: String?, transferCodings: [String] = [], limits: HTTP1Limits) {
        info.contentEncoding = contentEncoding
        let content = contentEncoding.map(ContentCoding.parseList) ?? []
        codings = (content + transferCodings.map(ContentCoding.init(token:))).filter { $0 != .identity }
        retain = limits.retainedBodyBytes
        maxDecoded = limits.maxDecodedBodyBytes
    }

    var transferLength: Int { info.transferLength }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, !finished else { return }
        info.transferLength += bytes.count
        if gapped { return }
        if codings.isEmpty {
            info.decodedLength += bytes.count
            keep(bytes)
        } else {
            if decoder == nil { decoder = ContentDecoder(codings: codings, maxDecodedBytes: maxDecoded) }
            decoder!.feed(bytes, output: &info.decodedBytes, retain: retain)
            if retain > 0, info.decodedBytes.count == retain, decoder!.decodedByteCount > retain { retainCapHit = true }
        }
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        guard retain > 0 else { return }
        let room = retain - info.decodedBytes.count
        if room < bytes.count { retainCapHit = true }
        if room > 0 { info.decodedBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(room, bytes.count)])) }
    }

    /// `n` body bytes never arrived (Int.max: unknown how many).
    mutating func addGap(_ n: Int) {
        info.truncated = true
        if n != Int.max {
            info.transferLength += n
            if codings.isEmpty && !gapped { info.decodedLength += n }
        }
        if !codings.isEmpty && !gapped && info.decodeError == nil {
            info.decodeError = "gap in encoded body at byte \(info.transferLength)"
        }
        gapped = true
    }

    /// The body ended before its framing said it would.
    mutating func markTruncated() { info.truncated = true }

    /// Ends the body and returns what was seen (idempotent).
    mutating func finish() -> HTTPBodyInfo {
        if finished { return info }
        finished = true
        if var d = decoder {
            if !gapped { d.finish(output: &info.decodedBytes, retain: retain) }
            info.decodedLength = d.decodedByteCount
            info.decompressionBomb = d.hitCap
            if info.decodeError == nil { info.decodeError = d.error }
        }
        return info
    }
}
