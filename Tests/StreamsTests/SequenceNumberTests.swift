import Testing
@testable import Streams

@Suite("SequenceNumber")
struct SequenceNumberTests {
    @Test("distance and order wrap around 2^32")
    func wrap() {
        let before = SequenceNumber(0xFFFF_FFF0)
        let after = before.advanced(by: 0x20)
        #expect(after.rawValue == 0x10)
        #expect(after.distance(from: before) == 0x20)
        #expect(before.distance(from: after) == -0x20)
        #expect(before < after)
        #expect(!(after < before))
    }

    @Test("negative advance and half-space boundary")
    func halfSpace() {
        let a = SequenceNumber(5)
        #expect(a.advanced(by: -10).rawValue == 0xFFFF_FFFB)
        // Exactly 2^31 apart is read as negative: the order is only meaningful below that.
        #expect(SequenceNumber(0x8000_0000).distance(from: SequenceNumber(0)) == Int(Int32.min))
        #expect(SequenceNumber(0x7FFF_FFFF).distance(from: SequenceNumber(0)) == Int(Int32.max))
    }
}
