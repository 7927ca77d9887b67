import Testing
@testable import TLS

/// A record cut by chunk boundaries is completed in `RecordReader`; a stopped direction only counts
/// its records, so their fragments are framed without being kept.
@Suite("RecordReader: records across chunks")
struct RecordReaderTests {
    /// Application-data record (type 23, TLS 1.2) with `length` fragment bytes 0, 1, 2...
    static func record(_ length: Int) -> [UInt8] {
        [23, 3, 3, UInt8(length >> 8), UInt8(length & 0xFF)] + (0..<length).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// Feeds `bytes` in pieces of `size`; returns what `take()` gave for each completed record and the
    /// bytes taken in total.
    static func run(_ bytes: [UInt8], size: Int, keep: Bool) -> (records: [[UInt8]], taken: Int) {
        var reader = RecordReader()
        var records: [[UInt8]] = []
        var taken = 0
        var start = 0
        while start < bytes.count {
            let piece = Array(bytes[start..<min(bytes.count, start + size)])
            start += size
            piece.withUnsafeBytes { p in
                var offset = 0
                while offset < p.count {
                    let rest = UnsafeRawBufferPointer(rebasing: p[offset...])
                    let result = reader.fill(rest, keepFragment: keep)
                    offset += result.taken
                    taken += result.taken
                    if case .complete = result.state { records.append(reader.take()) }
                    if case .malformed = result.state { return }
                }
            }
        }
        return (records, taken)
    }

    @Test("kept records come out whole, discarded ones as their header, at the same boundaries")
    func keepOrDiscard() {
        let stream = Self.record(300) + Self.record(0) + Self.record(17_000) + Self.record(1)
        for size in [1, 4, 5, 6, 299, 1460, 100_000] {
            let kept = Self.run(stream, size: size, keep: true)
            #expect(kept.records == [Self.record(300), Self.record(0), Self.record(17_000), Self.record(1)], "size \(size)")
            let discarded = Self.run(stream, size: size, keep: false)
            #expect(discarded.records == kept.records.map { Array($0.prefix(RecordHeader.size)) }, "size \(size)")
            #expect(discarded.taken == stream.count)
        }
    }

    @Test("start keeps a chunk's tail; the record completes with the next chunk")
    func startThenFill() {
        for keep in [true, false] {
            var reader = RecordReader()
            let r = Self.record(10)
            r.withUnsafeBytes { p in
                reader.start(UnsafeRawBufferPointer(rebasing: p[0..<3]), packet: PacketRefBox(), keepFragment: keep)
                #expect(reader.hasPartial)
                let (taken, state) = reader.fill(UnsafeRawBufferPointer(rebasing: p[3...]), keepFragment: keep)
                #expect(taken == r.count - 3)
                guard case .complete = state else { Issue.record("expected complete"); return }
            }
            #expect(reader.take() == (keep ? r : Array(r.prefix(RecordHeader.size))))
            #expect(!reader.hasPartial)
        }
    }

    @Test("a malformed header is reported whether the fragment is kept or not")
    func malformed() {
        for keep in [true, false] {
            var reader = RecordReader()
            [99, 3, 3, 0, 1, 0].withUnsafeBytes { p in
                reader.start(UnsafeRawBufferPointer(rebasing: p[0..<2]), packet: PacketRefBox(), keepFragment: keep)
                let (_, state) = reader.fill(UnsafeRawBufferPointer(rebasing: p[2...]), keepFragment: keep)
                guard case .malformed = state else { Issue.record("expected malformed, got \(state)"); return }
            }
        }
    }
}
