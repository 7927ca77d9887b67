import Testing
@testable import DNS
import Primitives

@Suite("DNSMessage")
struct DNSMessageTests {
    // Response for graph.facebook.com: CNAME star-mini.c10r.facebook.com, A 157.240.1.1,
    // with name compression (0xc00c points at the question name).
    static let response: [UInt8] = [
        0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,          // header: QR, RD, RA; 1 q, 2 an
        0x05, 0x67, 0x72, 0x61, 0x70, 0x68, 0x08, 0x66, 0x61, 0x63, 0x65, 0x62, 0x6f, 0x6f, 0x6b,  // "graph" "facebook"
        0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00, 0x01,                              // "com", A, IN
        0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x11,           // CNAME, rdlength 17
        0x09, 0x73, 0x74, 0x61, 0x72, 0x2d, 0x6d, 0x69, 0x6e, 0x69, 0x04, 0x63, 0x31, 0x30, 0x72,  // "star-mini" "c10r"
        0xc0, 0x12,                                                                         // -> "facebook.com"
        0xc0, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x04,           // A for the CNAME target
        157, 240, 1, 1,
    ]

    @Test("answers through a CNAME chain map to the name asked for")
    func cnameChain() throws {
        let set = try Self.response.withUnsafeBytes { try DNSMessage.answers($0) }
        #expect(set?.question == "graph.facebook.com")
        #expect(set?.addresses == [IPAddress("157.240.1.1")!])
    }

    @Test("every truncation is an error, never a crash")
    func truncations() {
        for n in 0..<Self.response.count {
            let prefix = Array(Self.response[..<n])
            let r = Result { try prefix.withUnsafeBytes { try DNSMessage.answers($0) } }
            if case .success(let set?) = r { #expect(set.addresses.isEmpty || n == Self.response.count) }
        }
    }

    @Test("a compression loop is refused")
    func loop() {
        var bad = Self.response
        bad[12] = 0xc0; bad[13] = 0x0c  // the question name points at itself
        #expect(throws: DNSError.self) { try bad.withUnsafeBytes { try DNSMessage.answers($0) } }
    }

    @Test("the host learner maps addresses to names and stays bounded")
    func learner() {
        var learner = HostLearner(capacity: 10)
        Self.response.withUnsafeBytes { payload in
            let d = UDPDatagram(source: Endpoint(address: IPAddress("10.0.0.53")!, port: 53),
                                destination: Endpoint(address: IPAddress("10.0.0.2")!, port: 40000),
                                payload: payload, packet: PacketRef(time: .zero, index: 0))
            learner.observe(d)
        }
        #expect(learner.name(for: IPAddress("157.240.1.1")!) == "graph.facebook.com")
        #expect(learner.name(for: IPAddress("157.240.1.2")!) == nil)
    }

    @Test("an address shared by several names is named as of the packet asking")
    func asOf() {
        var learner = HostLearner(capacity: 10)
        // The same address answered for graph.facebook.com (packet 5), then for another name (packet 10).
        var other = Self.response
        other[13...17] = [0x74, 0x72, 0x61, 0x63, 0x6b]   // "graph" -> "track" (same length)
        for (bytes, index) in [(Self.response, UInt64(5)), (other, UInt64(10))] {
            bytes.withUnsafeBytes { learner.observe(message: $0, at: PacketRef(time: .zero, index: index)) }
        }
        let address = IPAddress("157.240.1.1")!
        #expect(learner.name(for: address, before: PacketRef(time: .zero, index: 7)) == "graph.facebook.com")
        #expect(learner.name(for: address, before: PacketRef(time: .zero, index: 12)) == "track.facebook.com")
        #expect(learner.name(for: address, before: PacketRef(time: .zero, index: 2)) == "graph.facebook.com")  // nearest
        #expect(learner.name(for: address) == "track.facebook.com")
    }
}
