import Primitives
import Testing
@testable import Wire

@Suite("UDPHeaderView")
struct UDPHeaderViewTests {
    @Test("fields")
    func fields() throws {
        try Vectors.udp(sourcePort: 5353, destinationPort: 53, payload: [1, 2]).withUnsafeBytes { raw in
            let udp = try UDPHeaderView(validating: raw)
            #expect(udp.sourcePort == 5353)
            #expect(udp.destinationPort == 53)
            #expect(udp.length == 10)
        }
    }

    @Test("7 bytes are truncated")
    func truncated() {
        #expect(throws: WireError(.udpTruncated, offset: 0, expected: 8, found: 7)) {
            try [UInt8](repeating: 0, count: 7).withUnsafeBytes { _ = try UDPHeaderView(validating: $0) }
        }
    }
}
