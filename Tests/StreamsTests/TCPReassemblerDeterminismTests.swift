import Testing
import Primitives
@testable import Streams

/// The same bytes come out however the segments are split, reordered (boundedly) or duplicated.
@Suite("TCPReassembler determinism")
struct TCPReassemblerDeterminismTests {
    static let clientData = pattern(6_000, seed: 11)
    static let serverData = pattern(9_000, seed: 23)
    static let cISN: UInt32 = 0xFFFF_F000     // wraps during the conversation
    static let sISN: UInt32 = 0x7FFF_FF00

    /// Data segments of one direction, cut at the given sizes (cycled); ACKs acknowledge nothing new.
    static func segments(fromClient: Bool, sizes: [Int], time: Int64) -> [TestSegment] {
        let data = fromClient ? clientData : serverData
        let isn = fromClient ? cISN : sISN
        let ack = fromClient ? sISN &+ 1 : cISN &+ 1
        var out: [TestSegment] = []
        var offset = 0, k = 0
        while offset < data.count {
            let n = min(sizes[k % sizes.count], data.count - offset)
            out.append(TestSegment(fromClient: fromClient, seq: isn &+ 1 &+ UInt32(offset), ack: ack, flags: [.ack],
                                   payload: Array(data[offset..<(offset + n)]), time: time))
            offset += n
            k += 1
        }
        return out
    }

    /// Runs handshake + data segments + FINs; returns both streams, all gaps and the close reasons.
    static func run(_ data: [TestSegment])
        -> (client: [UInt8], server: [UInt8], gaps: [Int], closed: [CloseReason], counters: CounterSet) {
        var h = Harness()
        h.send(true, seq: cISN, [.syn], time: 1)
        h.send(false, seq: sISN, ack: cISN &+ 1, [.syn, .ack], time: 2)
        for s in data { h.send(s) }
        h.send(true, seq: cISN &+ 1 &+ UInt32(clientData.count), ack: sISN &+ 1, [.fin, .ack], time: 10_000)
        h.send(false, seq: sISN &+ 1 &+ UInt32(serverData.count), ack: cISN &+ 2 &+ UInt32(clientData.count),
               [.fin, .ack], time: 10_001)
        h.finish()
        return (h.handler.stream(1, .clientToServer), h.handler.stream(1, .serverToClient),
                h.handler.chunks.map(\.gapBefore).filter { $0 != 0 }, h.handler.closed.map(\.reason), h.counters)
    }

    /// Interleaves both directions, then moves each segment by at most `window` places.
    static func scrambled(seed: UInt64, window: Int, duplicates: Bool) -> [TestSegment] {
        var rng = SeededGenerator(state: seed)
        let sizes = (0..<7).map { _ in Int.random(in: 1...1460, using: &rng) }
        let c = segments(fromClient: true, sizes: sizes, time: 100)
        let s = segments(fromClient: false, sizes: sizes.reversed(), time: 100)
        var all: [TestSegment] = []
        var i = 0, j = 0
        while i < c.count || j < s.count {
            if j >= s.count || (i < c.count && Bool.random(using: &rng)) { all.append(c[i]); i += 1 } else { all.append(s[j]); j += 1 }
        }
        // Bounded reordering: shuffle inside consecutive windows.
        var start = 0
        while start < all.count {
            let end = min(all.count, start + window)
            all[start..<end].shuffle(using: &rng)
            start = end
        }
        if duplicates {
            var withDups: [TestSegment] = []
            for seg in all {
                withDups.append(seg)
                if Int.random(in: 0..<5, using: &rng) == 0 { withDups.append(seg) }
            }
            all = withDups
        }
        for k in all.indices { all[k].time = 100 + Int64(k) }
        return all
    }

    @Test("in order, one segment per byte, and random splits give the same streams")
    func splits() {
        let whole = Self.run(Self.segments(fromClient: true, sizes: [100_000], time: 100)
                             + Self.segments(fromClient: false, sizes: [100_000], time: 100))
        #expect(whole.client == Self.clientData)
        #expect(whole.server == Self.serverData)
        #expect(whole.gaps.isEmpty)
        #expect(whole.closed == [.fin])
        let drip = Self.run(Self.segments(fromClient: true, sizes: [1], time: 100)
                            + Self.segments(fromClient: false, sizes: [1], time: 100))
        #expect(drip.client == whole.client && drip.server == whole.server && drip.gaps.isEmpty)
        for seed in 1...5 as ClosedRange<UInt64> {
            let r = Self.run(Self.scrambled(seed: seed, window: 1, duplicates: false))
            #expect(r.client == whole.client && r.server == whole.server && r.gaps.isEmpty, "seed \(seed)")
        }
    }

    @Test("random permutations with bounded reordering and duplicates give identical bytes",
          arguments: 1...20 as ClosedRange<UInt64>)
    func permutations(seed: UInt64) {
        let r = Self.run(Self.scrambled(seed: seed, window: 8, duplicates: seed % 2 == 0))
        #expect(r.client == Self.clientData)
        #expect(r.server == Self.serverData)
        #expect(r.gaps.isEmpty)
        #expect(r.closed == [.fin])
        #expect(r.counters["tcp_out_of_order"] > 0)
        #expect(r.counters["tcp_gap"] == 0)
        if seed % 2 == 0 { #expect(r.counters["tcp_retransmission"] > 0) }
    }
}
