import Testing
@testable import TLS

@Suite("RecordCipher")
struct RecordCipherTests {
    static func open(_ cipher: inout RecordCipher, _ record: [UInt8]) -> (RecordCipher.Outcome, [UInt8]) {
        var buffer: [UInt8] = []
        let outcome = record.withUnsafeBytes { p in
            cipher.open(type: record[0], version: UInt16(record[1]) << 8 | UInt16(record[2]),
                        fragment: UnsafeRawBufferPointer(rebasing: p[5...]), into: &buffer)
        }
        if case .opened(_, let length) = outcome { return (outcome, Array(buffer[0..<length])) }
        return (outcome, [])
    }

    @Test("RFC 8448 application records open with the published keys (client and server)")
    func rfc8448() {
        var client = RecordCipher(bulk: .aes128GCM, framing: .tls13, key: hex("17422dda596ed5d9acd890e3c63f5051"),
                                  iv: hex("5b78923dee08579033e523d9"))!
        let (outcome, plaintext) = Self.open(&client, TLSConnectionTests.rfcClientApplicationRecord)
        #expect(outcome == .opened(contentType: 23, length: 50))
        #expect(plaintext == (0..<50).map { UInt8($0) })
        #expect(client.sequence == 1)
        let serverRecord = hex("""
            17 03 03 00 43 2e 93 7e 11 ef 4a c7 40 e5 38 ad 36 00 5f c4 a4 69 32 fc 32 25 d0 5f 82 aa 1b 36
            e3 0e fa f9 7d 90 e6 df fc 60 2d cb 50 1a 59 a8 fc c4 9c 4b f2 e5 f0 a2 1c 00 47 c2 ab f3 32 54
            0d d0 32 e1 67 c2 95 5d
            """)
        // The server's first application record is its second record under these keys (after NewSessionTicket).
        var server = RecordCipher(bulk: .aes128GCM, framing: .tls13, key: hex("9f02283b6c9c07efc26bb9f2ac92e356"),
                                  iv: hex("cf782b88dd83549aadf1e984"))!
        server.skipRecord()
        let (serverOutcome, serverPlaintext) = Self.open(&server, serverRecord)
        #expect(serverOutcome == .opened(contentType: 23, length: 50))
        #expect(serverPlaintext == (0..<50).map { UInt8($0) })
    }

    @Test("wrong sequence number or a flipped bit fails authentication; sequence does not advance")
    func authentication() {
        var client = RecordCipher(bulk: .aes128GCM, framing: .tls13, key: hex("17422dda596ed5d9acd890e3c63f5051"),
                                  iv: hex("5b78923dee08579033e523d9"))!
        client.skipRecord()
        #expect(Self.open(&client, TLSConnectionTests.rfcClientApplicationRecord).0 == .authenticationFailed)
        #expect(client.sequence == 1)
        var fresh = RecordCipher(bulk: .aes128GCM, framing: .tls13, key: hex("17422dda596ed5d9acd890e3c63f5051"),
                                 iv: hex("5b78923dee08579033e523d9"))!
        var tampered = TLSConnectionTests.rfcClientApplicationRecord
        tampered[tampered.count - 1] ^= 0x80
        #expect(Self.open(&fresh, tampered).0 == .authenticationFailed)
    }

    @Test("too-short fragments are malformed for every framing")
    func short() {
        let key16 = [UInt8](repeating: 1, count: 16)
        var tls13 = RecordCipher(bulk: .aes128GCM, framing: .tls13, key: key16, iv: [UInt8](repeating: 2, count: 12))!
        #expect(Self.open(&tls13, [23, 3, 3, 0, 16] + [UInt8](repeating: 0, count: 16)).0 == .malformed)
        var gcm = RecordCipher(bulk: .aes128GCM, framing: .tls12ExplicitNonce, key: key16, iv: [1, 2, 3, 4])!
        #expect(Self.open(&gcm, [23, 3, 3, 0, 10] + [UInt8](repeating: 0, count: 10)).0 == .malformed)
        var cbc = RecordCipher(bulk: .aes128CBC, framing: .tls12CBC(mac: .sha1, encryptThenMAC: false), key: key16, iv: [],
                               macKey: [UInt8](repeating: 3, count: 20))!
        #expect(Self.open(&cbc, [23, 3, 3, 0, 17] + [UInt8](repeating: 0, count: 17)).0 == .malformed)
        #expect(Self.open(&cbc, [23, 3, 3, 0, 32] + [UInt8](repeating: 0, count: 32)).0 == .authenticationFailed)
    }

    @Test("sealer and opener agree for every framing, and a TLS 1.3 record hides its inner type")
    func roundTrip() {
        let cases: [(BulkCipher, RecordCipher.Framing, Int)] = [
            (.aes128GCM, .tls13, 12), (.aes256GCM, .tls13, 12), (.chacha20Poly1305, .tls13, 12),
            (.aes128GCM, .tls12ExplicitNonce, 4), (.chacha20Poly1305, .tls12XorNonce, 12),
            (.aes256CBC, .tls12CBC(mac: .sha384, encryptThenMAC: true), 0), (.aes128CBC, .tls12CBC(mac: .sha256, encryptThenMAC: false), 0),
        ]
        for (bulk, framing, ivLength) in cases {
            let key = Synth.bytes(bulk.keyLength, seed: 1), iv = Synth.bytes(ivLength, seed: 2)
            var macKey: [UInt8] = []
            if case .tls12CBC(let mac, _) = framing { macKey = Synth.bytes(mac.length, seed: 3) }
            var sealer = RecordSealer(bulk: bulk, framing: framing, key: key, iv: iv, macKey: macKey)!
            var opener = RecordCipher(bulk: bulk, framing: framing, key: key, iv: iv, macKey: macKey)!
            for length in [0, 1, 15, 16, 17, 1000, 16384] {
                let plaintext = Synth.bytes(length, seed: UInt8(length % 250))
                let record = sealer.seal(type: 22, plaintext: plaintext)
                let (outcome, opened) = Self.open(&opener, record)
                #expect(outcome == .opened(contentType: 22, length: length), "\(bulk) \(framing) \(length)")
                #expect(opened == plaintext)
                if case .tls13 = framing { #expect(record[0] == 23) }
            }
        }
    }
}
