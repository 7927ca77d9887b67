import Primitives
import Testing
@testable import Wire

@Suite("IPv6HeaderView")
struct IPv6HeaderViewTests {
    @Test("fields of the known vector")
    func fields() throws {
        try Vectors.ipv6TCP.withUnsafeBytes { raw in
            let ip = try IPv6HeaderView(validating: raw)
            #expect(ip.payloadLength == 25)
            #expect(ip.nextHeader == 6)
            #expect(ip.hopLimit == 64)
            #expect(ip.source.description == "2001:db8::1")
            #expect(ip.destination.description == "2001:db8::2")
        }
    }

    @Test("refusals: 39 bytes, version 4")
    func refusals() {
        #expect(throws: WireError(.ipv6Truncated, offset: 0, expected: 40, found: 39)) {
            try Array(Vectors.ipv6TCP.prefix(39)).withUnsafeBytes { _ = try IPv6HeaderView(validating: $0) }
        }
        var v4 = Vectors.ipv6TCP
        v4[0] = 0x45
        #expect(throws: WireError(.ipBadVersion, offset: 0, expected: 6, found: 4)) {
            try v4.withUnsafeBytes { _ = try IPv6HeaderView(validating: $0) }
        }
    }
}
