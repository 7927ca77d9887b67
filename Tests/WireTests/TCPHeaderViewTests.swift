import Primitives
import Testing
@testable import Wire

@Suite("TCPHeaderView")
struct TCPHeaderViewTests {
    @Test("fields of the known vector")
    func fields() throws {
        try Vectors.tcpSegment.withUnsafeBytes { raw in
            let tcp = try TCPHeaderView(validating: raw)
            #expect(tcp.sourcePort == 50000)
            #expect(tcp.destinationPort == 80)
            #expect(tcp.sequenceNumber == 1000)
            #expect(tcp.acknowledgmentNumber == 2000)
            #expect(tcp.headerLength == 20)
            #expect(tcp.flags == [.psh, .ack])
            #expect(tcp.window == 256)
            #expect(Array(tcp.payload) == Vectors.hello)
            #expect(tcp.optionsWellFormed)
        }
    }

    @Test("options: a real SYN's list is well formed, overruns are not")
    func options() throws {
        // SYN from l2-null-ipv6-http: mss 16324, nop, wscale 5, nop, nop, TS, sackOK, eol (data offset 11).
        let syn: [UInt8] = [0xD9, 0x85, 0x1F, 0x40, 0x11, 0xB0, 0xC5, 0x40, 0, 0, 0, 0, 0xB0, 0x02, 0xFF, 0xFF, 0, 0, 0, 0,
                            0x02, 0x04, 0x3F, 0xC4, 0x01, 0x03, 0x03, 0x05, 0x01, 0x01, 0x08, 0x0A,
                            0x2D, 0xF0, 0xE5, 0xD2, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00]
        try syn.withUnsafeBytes { raw in
            let tcp = try TCPHeaderView(validating: raw)
            #expect(tcp.headerLength == 44)
            #expect(tcp.flags == .syn)
            #expect(tcp.optionsWellFormed)
            #expect(tcp.payload.isEmpty)
        }
        var overrun = syn
        overrun[21] = 0x30   // MSS option claims 48 bytes
        #expect(try !overrun.withUnsafeBytes { try TCPHeaderView(validating: $0).optionsWellFormed })
        var zeroLength = syn
        zeroLength[21] = 0x00   // a length below 2 would loop forever if trusted
        #expect(try !zeroLength.withUnsafeBytes { try TCPHeaderView(validating: $0).optionsWellFormed })
    }

    @Test("refusals with evidence")
    func refusals() {
        #expect(throws: WireError(.tcpTruncated, offset: 0, expected: 20, found: 19)) {
            try Array(Vectors.tcpSegment.prefix(19)).withUnsafeBytes { _ = try TCPHeaderView(validating: $0) }
        }
        var small = Vectors.tcpSegment
        small[12] = 0x30
        #expect(throws: WireError(.tcpBadDataOffset, offset: 12, expected: 20, found: 12)) {
            try small.withUnsafeBytes { _ = try TCPHeaderView(validating: $0) }
        }
        var large = Vectors.tcpSegment
        large[12] = 0x80
        #expect(throws: WireError(.tcpTruncated, offset: 12, expected: 32, found: 25)) {
            try large.withUnsafeBytes { _ = try TCPHeaderView(validating: $0) }
        }
    }
}
