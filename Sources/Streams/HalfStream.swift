import Primitives

/// Out-of-order bytes of one direction, copied out of their packet: `[start, start + bytes.count)`.
struct BufferedSegment {
    var start: SequenceNumber
    var bytes: [UInt8]
    var packet: PacketRef

    var end: SequenceNumber { start.advanced(by: bytes.count) }
}

/// The reassembly state of one direction of a flow: next expected sequence number, the pending hole
/// and the out-of-order buffer.
///
/// Invariants: `segments` is sorted, non-overlapping, and every segment starts strictly after `next`
/// (contiguous data is delivered at once). `bufferedBytes` is the sum of their sizes.
struct HalfStream {
    /// False until the direction's start is known (its SYN, the peer's SYN+ACK, or the first data).
    var synced = false
    /// Next sequence number to deliver; meaningful once `synced`.
    var next = SequenceNumber(0)
    /// Initial sequence number from a SYN (or derived from the peer's SYN+ACK), for port-reuse checks.
    var isn: SequenceNumber?
    /// Sequence number of this direction's FIN, once seen.
    var finSeq: SequenceNumber?
    /// Before sync (mid-stream): the peer's latest acknowledgment of this direction, where its next
    /// data should start; lets the first captured segments be out of order.
    var ackHint: SequenceNumber?
    /// Highest peer acknowledgment past `next` seen while nothing was buffered: evidence of data the
    /// capture missed, acted on when later data shows up out of order (or at close).
    var ackedBeyond: SequenceNumber?
    /// Bytes declared lost since the last delivered chunk (`Int.max` when unknown); reported with the next chunk.
    var pendingGap = 0
    var segments: [BufferedSegment] = []
    var bufferedBytes = 0

    /// True when a FIN was seen and every byte before it was delivered or declared lost.
    var finished: Bool {
        guard let fin = finSeq else { return false }
        return next.distance(from: fin) >= 0
    }

    mutating func addGap(_ n: Int) {
        guard n > 0 else { return }
        pendingGap = (pendingGap == .max || n == .max) ? .max : min(pendingGap &+ n, .max - 1)
    }

    /// What `insert` did with an out-of-order segment.
    struct InsertResult {
        /// Bytes newly stored (not already buffered).
        var stored = 0
        /// Part of the segment was already buffered.
        var overlapped = false
        /// An overlapping part differs from the buffered bytes (the buffered ones are kept).
        var conflict = false
    }

    /// Buffers the bytes of `payload` at `start` (which must be after `next`) that are not buffered yet.
    ///
    /// Policy: first data wins. Overlapping parts are compared with what is buffered and dropped.
    /// Copies the new bytes; `payload` is borrowed for the call only.
    mutating func insert(_ payload: UnsafeRawBufferPointer, at start: SequenceNumber, packet: PacketRef) -> InsertResult {
        var result = InsertResult()
        let end = start.advanced(by: payload.count)
        var cursor = start
        var i = firstIndexEnding(after: start)
        while cursor.distance(from: end) < 0 {
            let offset = cursor.distance(from: start)
            if i < segments.count, segments[i].start.distance(from: cursor) <= 0 {
                // Already buffered: compare the overlap, keep the old bytes.
                let seg = segments[i]
                let overlapEnd = min(end, seg.end)
                let count = overlapEnd.distance(from: cursor)
                let segOffset = cursor.distance(from: seg.start)
                result.overlapped = true
                if !result.conflict {
                    result.conflict = seg.bytes.withUnsafeBytes { stored in
                        !bytesEqual(stored, segOffset, payload, offset, count)
                    }
                }
                cursor = overlapEnd
                i += 1
            } else {
                let pieceEnd = i < segments.count ? min(end, segments[i].start) : end
                let count = pieceEnd.distance(from: cursor)
                let piece = Array(UnsafeRawBufferPointer(rebasing: payload[offset..<(offset + count)]))
                segments.insert(BufferedSegment(start: cursor, bytes: piece, packet: packet), at: i)
                bufferedBytes += count
                result.stored += count
                cursor = pieceEnd
                i += 1
            }
        }
        return result
    }

    /// Index of the first buffered segment whose end is after `seq` (binary search).
    private func firstIndexEnding(after seq: SequenceNumber) -> Int {
        var lo = 0, hi = segments.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if segments[mid].end.distance(from: seq) > 0 { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Compares `count` bytes of `x` at `xOffset` with `y` at `yOffset` (all in bounds by construction).
@inline(__always)
func bytesEqual(_ x: UnsafeRawBufferPointer, _ xOffset: Int, _ y: UnsafeRawBufferPointer, _ yOffset: Int, _ count: Int) -> Bool {
    guard count > 0 else { return true }
    for k in 0..<count where x[xOffset + k] != y[yOffset + k] { return false }
    return true
}
