import Primitives
import Testing
@testable import Wire

@Suite("EthernetFrameView")
struct EthernetFrameViewTests {
    @Test("fields of an Ethernet II header")
    func fields() throws {
        let frame = Vectors.ethernetIPv4 + [0xAB]
        try frame.withUnsafeBytes { raw in
            let view = try EthernetFrameView(validating: raw)
            #expect(view.etherType == 0x0800)
            #expect(!view.isLengthFrame)
            #expect(Array(view.payload) == [0xAB])
        }
    }

    @Test("an 802.3 length is not an EtherType")
    func lengthFrame() throws {
        // 1500: the largest 802.3 length.
        let isLength = try (Vectors.macs + [0x05, 0xDC]).withUnsafeBytes { try EthernetFrameView(validating: $0).isLengthFrame }
        #expect(isLength)
    }

    @Test("13 bytes are truncated, with evidence")
    func truncated() {
        #expect(throws: WireError(.ethernetTruncated, offset: 0, expected: 14, found: 13)) {
            try Array(Vectors.ethernetIPv4.prefix(13)).withUnsafeBytes { _ = try EthernetFrameView(validating: $0) }
        }
    }
}
