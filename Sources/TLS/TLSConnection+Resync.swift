import Primitives

/// Recovery after a TCP gap (bytes that never arrived).
///
/// Record boundaries and the implicit sequence number are lost with the missing bytes. When the
/// direction was already decrypting application data, the bytes after the gap are kept (at most
/// `resyncWindow`) and scanned for a plausible record header; a candidate counts only when its whole
/// record authenticates under the current keys with a sequence number at most `resyncMaxSkip` records
/// ahead (bounded by the gap's size), so a false header can never produce plaintext. Then the direction
/// continues from that record, and its next plaintext chunk carries `gapBefore == Int.max`. Anything
/// else (a gap during the handshake, before keys, a lost KeyUpdate, no match in the window) stops the
/// direction. The connection keeps reason `gap` either way: bytes were lost.
extension TLSConnection {
    /// Bytes kept while looking for a record boundary after a gap (64 KiB: several maximal records).
    static let resyncWindow = 1 << 16

    mutating func markGap(_ i: Int, bytes: Int) {
        stats.gaps += 1
        sawGap = true
        sides[i].reader.reset()
        let canResync = sides[i].mode == .encrypted && sides[i].cipher != nil && sides[i].pendingCount == 0
            && sides[i].resync == nil && (!isTLS13 || sides[i].epoch == .application)
        guard canResync else {
            sides[i].lost = true
            sides[i].handshake.reset()
            return
        }
        // Smallest protected record: 5-byte header + 16-byte tag (+1 inner type in TLS 1.3).
        let lostRecords = bytes == Int.max ? 64 : bytes / 21 + 1
        sides[i].resyncMaxSkip = min(lostRecords, 256)
        sides[i].resync = []
        sides[i].handshake.reset()
    }

    mutating func resynchronise(_ i: Int, _ bytes: UnsafeRawBufferPointer, _ origin: PacketRefBox,
                                _ plaintext: (StreamChunk) -> Void) {
        sides[i].resync!.append(contentsOf: bytes)
        let buffer = sides[i].resync!
        let expectedTypes: ClosedRange<UInt8> = isTLS13 ? 23...23 : 21...23
        var p = 0
        while p + RecordHeader.size <= buffer.count {
            let length = Int(buffer[p + 3]) << 8 | Int(buffer[p + 4])
            guard expectedTypes.contains(buffer[p]), buffer[p + 1] == 3, buffer[p + 2] == 3,
                  length >= 17, length <= RecordHeader.maxFragment
            else {
                p += 1
                continue
            }
            guard p + RecordHeader.size + length <= buffer.count else { break }  // wait for the whole candidate
            if let sequence = matchingSequence(i, buffer, at: p, length: length) {
                stats.gapResynchronised += 1
                sides[i].cipher!.resume(at: sequence)
                sides[i].resync = nil
                sides[i].plaintextGap = Int.max
                buffer.withUnsafeBytes { all in feed(i, UnsafeRawBufferPointer(rebasing: all[p...]), origin, plaintext) }
                return
            }
            p += 1
        }
        if buffer.count - p > TLSConnection.resyncWindow || p > TLSConnection.resyncWindow {
            stats.gapResyncFailed += 1
            sides[i].resync = nil
            sides[i].lost = true
            return
        }
        if p > 0 { sides[i].resync!.removeFirst(p) }
    }

    /// The sequence number under which the candidate record authenticates, if any.
    private mutating func matchingSequence(_ i: Int, _ buffer: [UInt8], at p: Int, length: Int) -> UInt64? {
        guard let cipher = sides[i].cipher else { return nil }
        let base = cipher.sequence
        var scratchBuffer: [UInt8] = []
        swap(&scratchBuffer, &scratch)
        defer { swap(&scratchBuffer, &scratch) }
        return buffer.withUnsafeBytes { all -> UInt64? in
            let fragment = UnsafeRawBufferPointer(rebasing: all[(p + RecordHeader.size)..<(p + RecordHeader.size + length)])
            let version = UInt16(all[p + 1]) << 8 | UInt16(all[p + 2])
            for skip in 0...sides[i].resyncMaxSkip {
                var trial = cipher
                trial.resume(at: base &+ UInt64(skip))
                if case .opened = trial.open(type: all[p], version: version, fragment: fragment, into: &scratchBuffer) {
                    return base &+ UInt64(skip)
                }
            }
            return nil
        }
    }
}
