import Primitives

/// The 5-byte TLS record header (RFC 8446 §5.1, RFC 5246 §6.2.1).
package struct RecordHeader: Sendable, Equatable {
    package static let size = 5
    /// Largest fragment accepted: 2^14 + 2048 (the TLS 1.2 ciphertext limit, above TLS 1.3's 2^14 + 256).
    package static let maxFragment = 16384 + 2048

    package var contentType: UInt8
    package var version: UInt16
    package var length: Int

    /// Validates a header: content type 20...24, major version 3, length at most `maxFragment`.
    /// `bytes` must hold at least 5 bytes.
    package init(validating bytes: UnsafeRawBufferPointer) throws(TLSError) {
        contentType = bytes[0]
        version = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        length = Int(bytes[3]) << 8 | Int(bytes[4])
        guard (20...24).contains(contentType) else { throw .malformed(offset: 0, field: "content_type", found: Int(contentType)) }
        guard bytes[1] == 3 else { throw .malformed(offset: 1, field: "version", found: Int(version)) }
        guard length <= RecordHeader.maxFragment else { throw .malformed(offset: 3, field: "length", found: length) }
    }

    /// Reads a header already validated (by `RecordReader.fill`).
    init(validated bytes: UnsafeRawBufferPointer) {
        contentType = bytes[0]
        version = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        length = Int(bytes[3]) << 8 | Int(bytes[4])
    }
}

/// Holds the bytes of one incomplete record of one direction until the rest arrives.
///
/// Complete records inside a chunk are read in place by the connection; only a record cut by a chunk
/// boundary is copied here, so the buffer never exceeds one record (5 + 2^14 + 2048 bytes).
/// A record started with `keepFragment: false` (its direction has stopped and only counts records)
/// keeps its header only: the fragment bytes are counted, not copied, and `take()` returns the header.
struct RecordReader {
    /// Header and fragment bytes of the record being completed.
    private(set) var partial: [UInt8] = []
    /// The packet that carried the record's first byte.
    private(set) var firstPacket: PacketRefBox = PacketRefBox()
    private var expected: Int? = nil
    /// Fragment bytes of the current record counted but not kept.
    private var skipped = 0
    private var discarding = false

    var hasPartial: Bool { !partial.isEmpty }

    enum Fill { case needMore, complete, malformed(TLSError) }

    /// Starts a partial record with the tail of a chunk (fewer bytes than a whole record).
    mutating func start(_ bytes: UnsafeRawBufferPointer, packet: PacketRefBox, keepFragment: Bool = true) {
        partial.removeAll(keepingCapacity: true)
        expected = nil
        skipped = 0
        discarding = false
        firstPacket = packet
        _ = fill(bytes, keepFragment: keepFragment)
    }

    /// Appends up to the end of the current record; returns how many bytes were taken and the state.
    /// `keepFragment` is read when the header completes and holds for that record.
    mutating func fill(_ bytes: UnsafeRawBufferPointer, keepFragment: Bool = true) -> (taken: Int, state: Fill) {
        var taken = 0
        if expected == nil {
            let want = min(RecordHeader.size - partial.count, bytes.count)
            partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<want]))
            taken = want
            guard partial.count == RecordHeader.size else { return (taken, .needMore) }
            do {
                let header = try partial.withUnsafeBytes { p in try RecordHeader(validating: p) }
                expected = RecordHeader.size + header.length
                discarding = !keepFragment
            } catch {
                return (taken, .malformed(error as? TLSError ?? .malformed(offset: 0, field: "record header", found: 0)))
            }
        }
        let want = min(expected! - partial.count - skipped, bytes.count - taken)
        if discarding {
            skipped += want
        } else {
            partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[taken..<(taken + want)]))
        }
        taken += want
        return (taken, partial.count + skipped == expected! ? .complete : .needMore)
    }

    /// Takes the completed record out (header included) and resets; give the array back with `recycle`.
    mutating func take() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &partial)
        expected = nil
        skipped = 0
        discarding = false
        return out
    }

    mutating func recycle(_ storage: [UInt8]) {
        partial = storage
        partial.removeAll(keepingCapacity: true)
    }

    /// Frees the buffer when no record is in progress and it grew beyond `keepingAtMost` bytes.
    mutating func releaseIdleMemory(keepingAtMost limit: Int) {
        if partial.isEmpty, partial.capacity > limit { partial = [] }
    }

    mutating func reset() {
        partial.removeAll(keepingCapacity: true)
        expected = nil
        skipped = 0
        discarding = false
    }
}

/// Where a record came from: its first packet and the capture time of the chunk that completed it.
struct PacketRefBox {
    var packet: PacketRef = PacketRef(time: .zero, index: 0)
    var time: Timestamp = .zero
}
