import Primitives

// MARK: Ordering, buffering and gaps of one direction.
// The direction's `HalfStream` is taken out of the table while it is worked on (see `takeHalf`), so
// that the handler can be called with the flow's state without overlapping accesses.

extension TCPReassembler {
    /// Accepts payload bytes at `seq` for `half`: delivers them in order, buffers them, or drops them.
    mutating func accept(_ payload: UnsafeRawBufferPointer, at seq: SequenceNumber, half: inout HalfStream,
                         slot: Int, direction: Direction, packet: PacketRef) {
        var bytes = payload
        var start = seq
        if let fin = half.finSeq {
            let room = fin.distance(from: start)
            if room < bytes.count {
                stats.dataAfterFin += 1
                guard room > 0 else { return }
                bytes = UnsafeRawBufferPointer(rebasing: bytes[..<room])
            }
        }
        var ahead = start.distance(from: half.next)
        if ahead > 0 {
            guard ahead < 1 << 30 else {
                stats.outOfWindow += 1
                return
            }
            if let acked = half.ackedBeyond, acked.distance(from: half.next) > 0 {
                // The peer acknowledged bytes before this segment that the capture never showed.
                stats.holeSkippedByAck += 1
                advance(to: acked.distance(from: start) < 0 ? acked : start, half: &half, slot: slot,
                        direction: direction, time: packet.time)
                if acked.distance(from: half.next) <= 0 { half.ackedBeyond = nil }
                ahead = start.distance(from: half.next)
            }
        }
        if ahead > 0 {
            let fitsFlow = half.bufferedBytes + bytes.count <= limits.maxBufferedBytesPerFlow
                && half.segments.count < limits.maxBufferedSegmentsPerFlow
            let fitsTotal = totalBuffered + bytes.count <= limits.maxBufferedBytesTotal
            if fitsFlow, fitsTotal {
                let result = half.insert(bytes, at: start, packet: packet)
                totalBuffered += result.stored
                if result.stored == 0 {
                    stats.retransmission += 1
                } else {
                    stats.outOfOrder += 1
                    if result.overlapped { stats.overlap += 1 }
                }
                if result.conflict { stats.overlapConflict += 1 }
                return
            }
            if fitsFlow { stats.bufferTotalCapExceeded += 1 } else { stats.bufferFlowCapExceeded += 1 }
            advance(to: start, half: &half, slot: slot, direction: direction, time: packet.time)
            ahead = start.distance(from: half.next)
        }
        if ahead < 0 {
            guard -ahead < bytes.count else {
                stats.retransmission += 1
                return
            }
            stats.overlap += 1
            bytes = UnsafeRawBufferPointer(rebasing: bytes[(-ahead)...])
            start = half.next
        }
        deliverInOrder(bytes, half: &half, slot: slot, direction: direction, packet: packet)
    }

    /// Delivers bytes that start at `half.next`, straight from the borrowed buffer. Where buffered
    /// bytes already cover part of them, the buffered bytes win (first data wins) and are compared.
    private mutating func deliverInOrder(_ bytes: UnsafeRawBufferPointer, half: inout HalfStream, slot: Int,
                                         direction: Direction, packet: PacketRef) {
        var offset = 0
        while offset < bytes.count {
            guard let first = half.segments.first else {
                emit(UnsafeRawBufferPointer(rebasing: bytes[offset...]), half: &half, slot: slot,
                     direction: direction, packet: packet, time: packet.time)
                break
            }
            let until = first.start.distance(from: half.next)
            if until > 0 {
                let limit = min(bytes.count, offset + until)
                emit(UnsafeRawBufferPointer(rebasing: bytes[offset..<limit]), half: &half, slot: slot,
                     direction: direction, packet: packet, time: packet.time)
                offset = limit
                continue
            }
            // Buffered bytes start here: they arrived first.
            let overlap = min(first.bytes.count + until, bytes.count - offset)
            stats.overlap += 1
            if overlap > 0, first.bytes.withUnsafeBytes({ !bytesEqual($0, -until, bytes, offset, overlap) }) {
                stats.overlapConflict += 1
            }
            let before = half.next
            drain(half: &half, slot: slot, direction: direction, time: packet.time, limit: 1)
            offset += half.next.distance(from: before)
        }
        drain(half: &half, slot: slot, direction: direction, time: packet.time)
    }

    /// Delivers buffered segments that are contiguous with `half.next` (at most `limit` of them).
    mutating func drain(half: inout HalfStream, slot: Int, direction: Direction, time: Timestamp, limit: Int = .max) {
        var k = 0
        while k < half.segments.count, k < limit {
            let seg = half.segments[k]
            let skip = half.next.distance(from: seg.start)
            guard skip >= 0 else { break }
            k += 1
            if skip < seg.bytes.count {
                seg.bytes.withUnsafeBytes { raw in
                    emit(UnsafeRawBufferPointer(rebasing: raw[skip...]), half: &half, slot: slot,
                         direction: direction, packet: seg.packet, time: time)
                }
            }
        }
        guard k > 0 else { return }
        var freed = 0
        for i in 0..<k { freed += half.segments[i].bytes.count }
        half.segments.removeFirst(k)
        half.bufferedBytes -= freed
        totalBuffered -= freed
    }

    /// Declares everything before `target` that is not buffered lost, delivering buffered bytes on
    /// the way; afterwards `half.next` is at or after `target`.
    mutating func advance(to target: SequenceNumber, half: inout HalfStream, slot: Int, direction: Direction,
                          time: Timestamp) {
        while half.next.distance(from: target) < 0 {
            if let first = half.segments.first, first.start.distance(from: target) < 0 {
                declareGap(first.start.distance(from: half.next), half: &half)
                half.next = first.start
                drain(half: &half, slot: slot, direction: direction, time: time)
            } else {
                declareGap(target.distance(from: half.next), half: &half)
                half.next = target
            }
        }
        drain(half: &half, slot: slot, direction: direction, time: time)
    }

    /// Delivers everything buffered (declaring holes lost) and reports a trailing hole by an empty chunk.
    mutating func flush(half: inout HalfStream, slot: Int, direction: Direction, time: Timestamp) {
        if let last = half.segments.last {
            advance(to: last.end, half: &half, slot: slot, direction: direction, time: time)
        }
        if let acked = half.ackedBeyond, acked.distance(from: half.next) > 0 {
            advance(to: acked, half: &half, slot: slot, direction: direction, time: time)
        }
        half.ackedBeyond = nil
        if half.pendingGap > 0 {
            emit(UnsafeRawBufferPointer(start: nil, count: 0), half: &half, slot: slot, direction: direction,
                 packet: PacketRef(time: time, index: .max), time: time)
        }
    }

    private mutating func declareGap(_ count: Int, half: inout HalfStream) {
        guard count > 0 else { return }
        stats.gaps += 1
        stats.gapBytes &+= UInt64(count)
        half.addGap(count)
    }

    /// Hands one chunk to the handler and advances `half.next` past it.
    @inline(__always)
    private mutating func emit(_ bytes: UnsafeRawBufferPointer, half: inout HalfStream, slot: Int,
                               direction: Direction, packet: PacketRef, time: Timestamp) {
        let chunk = StreamChunk(direction: direction, bytes: bytes, gapBefore: half.pendingGap,
                                firstPacket: packet, time: time)
        half.pendingGap = 0
        half.next = half.next.advanced(by: bytes.count)
        let info = table.slots[slot].info
        handler.receive(chunk, flow: info, state: &stateBase[slot])
    }
}
