import Testing
import Primitives
@testable import Streams

@Suite("FlowTable")
struct FlowTableTests {
    static func key(_ n: Int) -> FlowKey {
        let a = Endpoint(address: .v4(0x0A00_0000 | UInt32(n >> 10)), port: UInt16(1024 + n & 1023))
        let b = Endpoint(address: n % 3 == 0 ? .v6(high: 0x2001_0DB8 << 32, low: UInt64(n)) : .v4(0xC000_0201), port: 443)
        return FlowKey.make(source: a, destination: b).key
    }

    static func slot(_ n: Int) -> FlowSlot {
        let k = key(n)
        let info = FlowInfo(id: UInt64(n), client: k.a, server: k.b, roleEvidence: .syn,
                            firstPacket: PacketRef(time: .zero, index: 0))
        return FlowSlot(key: k, info: info, clientIsA: true, lastActivity: Timestamp(nanoseconds: Int64(n)))
    }

    @Test("index agrees with a dictionary through inserts and random removals")
    func indexMatchesReference() {
        var table = FlowTable()
        var reference: [Int: Int] = [:]   // n -> slot
        var rng = SeededGenerator(state: 42)
        for n in 0..<5000 { reference[n] = table.insert(Self.slot(n)) }
        for n in 0..<5000 where Bool.random(using: &rng) {
            table.remove(reference[n]!)
            reference[n] = nil
        }
        for n in 5000..<6000 { reference[n] = table.insert(Self.slot(n)) }
        #expect(table.count == reference.count)
        var mismatches = 0
        for n in 0..<6000 where table.lookup(Self.key(n)) != reference[n] { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(table.activeCount == reference.count)
    }

    @Test("touch order: the settled tail is the least recently active flow")
    func lru() {
        var table = FlowTable()
        let s0 = table.insert(Self.slot(0)), s1 = table.insert(Self.slot(1)), s2 = table.insert(Self.slot(2))
        #expect(table.activeTail == Int32(s0))
        table.touch(s0, time: Timestamp(nanoseconds: 10))     // within the granularity: not re-linked yet
        #expect(table.activeTail == Int32(s0))
        #expect(table.settleTail() == s1)                    // second chance moves s0 to the front
        #expect(table.activeHead == Int32(s0))
        table.touch(s1, time: Timestamp(nanoseconds: 2_000_000_000))   // a second later: re-linked at once
        #expect(table.activeHead == Int32(s1))
        #expect(table.activeTail == Int32(s2))
        table.touch(s1, time: Timestamp(nanoseconds: 2_000_000_001))
        table.markClosed(s1, time: Timestamp(nanoseconds: 11))
        #expect(table.activeTail == Int32(s2))
        #expect(table.closedTail == Int32(s1))
        #expect(table.activeCount == 2)
        #expect(table.count == 3)
        table.remove(s1)
        #expect(table.closedTail == -1)
        #expect(table.lookup(Self.key(1)) == nil)
        #expect(table.insert(Self.slot(7)) == s1)   // free slot reused
    }
}
