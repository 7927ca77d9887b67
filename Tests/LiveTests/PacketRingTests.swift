import Testing
import Primitives
import Capture
@testable import Live

@Suite("PacketRing")
struct PacketRingTests {
    static func push(_ ring: PacketRing, _ bytes: [UInt8], time: Int64 = 1) -> Bool {
        bytes.withUnsafeBytes { ring.push($0, timestamp: Timestamp(nanoseconds: time), originalLength: bytes.count + 10, linkType: .raw) }
    }

    static func pop(_ ring: PacketRing) -> ([UInt8], Int64, Int)? {
        var out: ([UInt8], Int64, Int)?
        ring.pop { out = (Array($0.bytes), $0.timestamp.nanoseconds, $0.originalLength) }
        return out
    }

    @Test("packets come out in order with their bytes, time and original length")
    func fifo() throws {
        let ring = PacketRing(slots: 8, bytes: 1 << 16)
        for i in 0..<5 { #expect(Self.push(ring, [UInt8](repeating: UInt8(i), count: 100 + i), time: Int64(i))) }
        #expect(ring.count == 5)
        for i in 0..<5 {
            let (bytes, time, original) = try #require(Self.pop(ring))
            #expect(bytes == [UInt8](repeating: UInt8(i), count: 100 + i))
            #expect(time == Int64(i))
            #expect(original == 110 + i)
        }
        #expect(Self.pop(ring) == nil)
    }

    @Test("a full descriptor ring drops and counts, then accepts again once drained")
    func slotBound() {
        let ring = PacketRing(slots: 4, bytes: 1 << 16)
        for _ in 0..<4 { #expect(Self.push(ring, [1, 2, 3])) }
        #expect(!Self.push(ring, [4]))
        #expect(ring.droppedFull == 1)
        _ = Self.pop(ring)
        #expect(Self.push(ring, [5]))
    }

    @Test("a full byte slab drops and counts; packets wrap around the end intact")
    func byteBound() throws {
        let ring = PacketRing(slots: 64, bytes: 1 << 16)   // 65536 bytes
        let big = [UInt8](repeating: 7, count: 30_000)
        #expect(Self.push(ring, big))
        #expect(Self.push(ring, big))
        #expect(!Self.push(ring, big))                     // 90000 > 65536
        #expect(ring.droppedFull == 1)
        _ = Self.pop(ring)
        // 60000 written; the next 30000 do not fit before the end: stored at the start after padding.
        let marked = (0..<30_000).map { UInt8(truncatingIfNeeded: $0) }
        #expect(Self.push(ring, marked))
        _ = Self.pop(ring)
        let (bytes, _, _) = try #require(Self.pop(ring))
        #expect(bytes == marked)
        #expect(!Self.push(ring, [UInt8](repeating: 0, count: 70_000)))
        #expect(ring.droppedTooLarge == 1)
    }

    @Test("one producer and one consumer thread: every packet arrives once, in order")
    func concurrent() async {
        let ring = PacketRing(slots: 64, bytes: 1 << 16)
        let total = 200_000
        let producer = LiveThread.spawn(name: "test-producer") {
            var i = 0
            while i < total {
                var value = UInt32(i)
                let pushed = withUnsafeBytes(of: &value) { ring.push($0, timestamp: Timestamp(nanoseconds: Int64(i)), originalLength: 4, linkType: .raw) }
                if pushed { i += 1 }
            }
        }
        var expected: UInt32 = 0
        var wrong = 0
        while expected < UInt32(total) {
            ring.pop { p in
                if p.bytes.load(as: UInt32.self) != expected || p.timestamp.nanoseconds != Int64(expected) { wrong += 1 }
                expected += 1
            }
        }
        producer.join()
        #expect(wrong == 0)
        #expect(ring.count == 0)
    }
}
