import Primitives
import Testing
@testable import TLS

@Suite("TLSConnection")
struct TLSConnectionTests {
    static let requests = ["GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "POST /collect HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
                           "GET /c HTTP/1.1\r\n\r\n"]

    static func keyLog(_ text: String) -> KeyLog {
        let log = KeyLog()
        log.add(text: text)
        return log
    }

    @Test("TLS 1.3 suites decrypt end to end, whole, drip-fed and randomly split", arguments: [UInt16(0x1301), 0x1302, 0x1303])
    func tls13Suites(_ suite: UInt16) {
        let (chunks, text) = Synth.tls13(suite: suite, requests: Self.requests)
        let keys = Self.keyLog(text)
        for split in [Split.whole, .bytewise, .random(seed: UInt64(suite))] {
            let run = runTLS(chunks, keyLog: keys, split: split)
            #expect(run.plaintext[.clientToServer]! == Array(Self.requests.joined().utf8))
            #expect(run.plaintext[.serverToClient]! == Array(String(repeating: "HTTP/1.1 200 OK\r\n\r\n", count: 3).utf8))
            #expect(run.metadata.version == "1.3")
            #expect(run.metadata.cipher == CipherSuite(rawValue: suite).name)
            #expect(run.metadata.alpn == "h2")  // from EncryptedExtensions, only visible decrypted
            #expect(run.metadata.alpnOffered == ["h2", "http/1.1"])
            #expect(run.metadata.sni == "example.com")
            #expect(run.metadata.decrypted)
            #expect(run.metadata.notDecryptedReason == nil)
            #expect(run.counters["tls_decrypt_auth_failed"] == 0)
        }
    }

    @Test("TLS 1.2 suites: AES-GCM, ChaCha20-Poly1305, AES-CBC with SHA1/SHA256/SHA384, with and without encrypt-then-MAC",
          arguments: [(UInt16(0xC02F), false), (0xC030, false), (0x009C, false), (0xCCA8, false), (0xCCA9, false),
                      (0xC013, false), (0xC013, true), (0xC014, true), (0x003C, false), (0xC027, true), (0xC028, false), (0xC028, true)])
    func tls12Suites(_ item: (UInt16, Bool)) {
        let (chunks, text) = Synth.tls12(suite: item.0, requests: Self.requests, encryptThenMAC: item.1)
        let keys = Self.keyLog(text)
        for split in [Split.whole, .bytewise] {
            let run = runTLS(chunks, keyLog: keys, split: split)
            #expect(run.plaintext[.clientToServer]! == Array(Self.requests.joined().utf8), "\(CipherSuite(rawValue: item.0).name)")
            #expect(run.plaintext[.serverToClient]!.count == 3 * 19)
            #expect(run.metadata.version == "1.2")
            #expect(run.metadata.alpn == "http/1.1")
            #expect(run.metadata.resumed == false)
            #expect(run.metadata.decrypted)
            #expect(run.metadata.notDecryptedReason == nil, "\(run.counters.nonZero)")
        }
    }

    @Test("a wrong encrypt-then-MAC assumption fails authentication and is reported, not passed on")
    func etmMismatch() {
        // Records sealed with encrypt-then-MAC while the hellos do not negotiate it.
        var (chunks, text) = Synth.tls12(suite: 0xC013, requests: Self.requests, encryptThenMAC: true)
        let plain = Synth.tls12(suite: 0xC013, requests: [], encryptThenMAC: false).chunks
        chunks[0] = plain[0]
        chunks[1] = plain[1]
        let run = runTLS(chunks, keyLog: Self.keyLog(text))
        #expect(run.plaintext[.clientToServer]!.isEmpty)
        #expect(run.counters["tls_decrypt_auth_failed"] >= 1)
        #expect(run.metadata.notDecryptedReason == "decrypt_error")
    }

    @Test("a flipped ciphertext bit is counted as decrypt_error and nothing after it is emitted")
    func tamperedRecord() {
        var (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        // The first client application record: flip one ciphertext byte.
        let i = chunks.lastIndex { $0.direction == .clientToServer && $0.bytes.count > 40 }!
        chunks[i].bytes[10] ^= 0x01
        let run = runTLS(chunks, keyLog: Self.keyLog(text))
        #expect(run.counters["tls_decrypt_auth_failed"] == 1)
        #expect(run.metadata.notDecryptedReason == "decrypt_error")
        #expect(!run.plaintext[.clientToServer]!.contains(ascii: "GET /c"))
    }

    @Test("KeyUpdate: the next traffic secret is derived and later records decrypt")
    func keyUpdate() {
        let (chunks, text) = Synth.tls13(suite: 0x1302, requests: Self.requests, keyUpdateAfter: 1)
        let run = runTLS(chunks, keyLog: Self.keyLog(text), split: .random(seed: 3))
        #expect(run.counters["tls_key_update"] == 1)
        #expect(run.plaintext[.clientToServer]! == Array(Self.requests.joined().utf8))
        #expect(run.metadata.notDecryptedReason == nil)
    }

    @Test("HelloRetryRequest: flagged, the second ClientHello keeps the first JA4, decryption follows the real ServerHello")
    func helloRetryRequest() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests, helloRetry: true)
        let run = runTLS(chunks, keyLog: Self.keyLog(text))
        #expect(run.metadata.helloRetryRequest)
        #expect(run.counters["tls_hello_retry_request"] == 1)
        #expect(run.counters["tls_second_client_hello"] == 1)
        #expect(run.plaintext[.clientToServer]! == Array(Self.requests.joined().utf8))
    }

    @Test("a TCP gap stops that direction with reason gap; the other direction still decrypts")
    func gap() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        var connection = TLSConnection(keyLog: Self.keyLog(text))
        var c2s: [UInt8] = [], s2c: [UInt8] = []
        for (n, chunk) in chunks.enumerated() {
            let lastClient = chunks.lastIndex { $0.direction == .clientToServer }!
            if n == lastClient { continue }  // lose the last client record...
            let gap = n > lastClient && chunk.direction == .clientToServer ? 100 : 0
            chunk.bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, gapBefore: gap, firstPacket: chunk.packet,
                                               time: chunk.packet.time)) { out in
                    if out.direction == .clientToServer { c2s += Array(out.bytes) } else { s2c += Array(out.bytes) }
                }
            }
        }
        // ...and report it with the next (synthetic) client chunk.
        [UInt8](repeating: 0x17, count: 10).withUnsafeBytes { p in
            connection.receive(StreamChunk(direction: .clientToServer, bytes: p, gapBefore: 64,
                                           firstPacket: PacketRef(time: .zero, index: 99), time: .zero)) { _ in }
        }
        #expect(connection.metadata.notDecryptedReason == "gap")
        #expect(connection.counters["tls_gap"] == 1)
        #expect(c2s == Array(Self.requests.dropLast().joined().utf8))
        #expect(s2c.count == 3 * 19)
    }

    @Test("garbage instead of records stops the direction and is counted, never traps")
    func malformedRecords() {
        var connection = TLSConnection(keyLog: KeyLog())
        let garbage: [UInt8] = [0x16, 0x03, 0x01, 0xff, 0xff] + [UInt8](repeating: 0, count: 10)
        garbage.withUnsafeBytes { p in
            connection.receive(StreamChunk(direction: .clientToServer, bytes: p, firstPacket: PacketRef(time: .zero, index: 0),
                                           time: .zero)) { _ in Issue.record("no plaintext expected") }
        }
        #expect(connection.counters["tls_record_malformed"] == 1)
        #expect(connection.metadata.notDecryptedReason == "gap")
    }

    @Test("records held for missing keys are bounded: over the cap the direction stops and the drop is counted")
    func pendingCap() {
        let (chunks, _) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        var limits = TLSConnection.Limits()
        limits.pendingBytes = 100
        var connection = TLSConnection(keyLog: KeyLog(), limits: limits)
        for chunk in chunks {
            chunk.bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet, time: chunk.packet.time)) { _ in }
            }
        }
        #expect(connection.counters["tls_pending_dropped"] >= 1)
        #expect(connection.metadata.notDecryptedReason == "no_key")
        #expect(connection.metadata.sni == "example.com")
    }

    @Test("plaintext chunks carry the packet of the record that held them")
    func plaintextOrigin() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        var connection = TLSConnection(keyLog: Self.keyLog(text))
        var origins: [UInt64] = []
        for chunk in chunks {
            chunk.bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet, time: chunk.packet.time)) { out in
                    if out.direction == .clientToServer { origins.append(out.firstPacket.index) }
                }
            }
        }
        let expected = chunks.indices.filter { i in
            chunks[i].direction == .clientToServer && i > 3
        }.map { chunks[$0].packet.index }
        #expect(origins == expected)
    }

    @Test("looksLikeTLS: ClientHello record prefix, other protocols, need more")
    func looksLikeTLS() {
        func check(_ b: [UInt8]) -> Bool? { b.withUnsafeBytes { TLSConnection.looksLikeTLS($0) } }
        #expect(check([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]) == true)
        #expect(check([0x16, 0x03, 0x01]) == nil)
        #expect(check([]) == nil)
        #expect(check(Array("GET / HTTP/1.1\r\n".utf8)) == false)
        #expect(check(Array("PRI * HTTP/2.0".utf8)) == false)
        #expect(check([0x16, 0x03, 0x01, 0x02, 0x00, 0x02]) == false)  // a ServerHello first
        #expect(check([0x16, 0x03, 0x01, 0xff, 0xff, 0x01]) == false)  // impossible length
    }

    // RFC 8448 §3 messages and records.
    static let rfcClientHello = hex("""
        01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83
        02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01
        00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00
        26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69
        1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01
        05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01
        """)
    static let rfcServerHello = hex("""
        02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e
        d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1
        56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04
        """)
    /// The client's Finished under its handshake keys, then 50 bytes (00 01 ... 31) under its application keys.
    static let rfcClientFinishedRecord = hex("""
        17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc
        44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46
        """)
    static let rfcClientApplicationRecord = hex("""
        17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa 66 bc ab 3f
        2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd 1e 3d ea e6
        3a ee bb 21 69 49 15 e4
        """)

    @Test("a ClientHello split over several records gives the same metadata as in one record")
    func clientHelloAcrossRecords() {
        let hello = Self.rfcClientHello
        let oneRecord = Synth.record(22, hello, version: 0x0301)
        let threeRecords = Synth.record(22, Array(hello[0..<3]), version: 0x0301) + Synth.record(22, Array(hello[3..<100]), version: 0x0301)
            + Synth.record(22, Array(hello[100...]), version: 0x0301)
        let packet = PacketRef(time: .zero, index: 0)
        let single = runTLS([.init(direction: .clientToServer, bytes: oneRecord, packet: packet)], keyLog: KeyLog())
        let split = runTLS([.init(direction: .clientToServer, bytes: threeRecords, packet: packet)], keyLog: KeyLog(), split: .bytewise)
        #expect(single.metadata.sni == "server")
        #expect(split.metadata.sni == "server")
        #expect(split.metadata.ja4 == single.metadata.ja4)
        #expect(split.metadata.ja4 == "t13d030900_55b375c5d22e_59cd3dafc54d")
    }

    @Test("RFC 8448: client Finished then application data decrypt with the logged secrets (drip-fed too)")
    func rfc8448Client() {
        let random = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"
        let keys = Self.keyLog("""
            CLIENT_HANDSHAKE_TRAFFIC_SECRET \(random) \(hexString(KeyDerivationTests.clientHandshakeTraffic))
            CLIENT_TRAFFIC_SECRET_0 \(random) \(hexString(KeyDerivationTests.clientApplicationTraffic))
            """)
        let packet = PacketRef(time: .zero, index: 0)
        let chunks: [CapturedFlow.Chunk] = [
            .init(direction: .clientToServer, bytes: Synth.record(22, Self.rfcClientHello, version: 0x0301), packet: packet),
            .init(direction: .serverToClient, bytes: Synth.record(22, Self.rfcServerHello), packet: packet),
            .init(direction: .clientToServer, bytes: Self.rfcClientFinishedRecord + Self.rfcClientApplicationRecord, packet: packet),
        ]
        for split in [Split.whole, .bytewise] {
            let run = runTLS(chunks, keyLog: keys, split: split)
            #expect(run.plaintext[.clientToServer]! == (0..<50).map { UInt8($0) })
            #expect(run.metadata.sni == "server")
            #expect(run.metadata.cipher == "TLS_AES_128_GCM_SHA256")
            #expect(run.metadata.version == "1.3")
            #expect(run.metadata.ja4 == "t13d030900_55b375c5d22e_59cd3dafc54d")
        }
    }
}

@Suite("TLSConnection: held records")
struct PendingTests {
    @Test("held records expire after Limits.pendingWait of capture time; keys arriving later no longer apply")
    func expiry() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: TLSConnectionTests.requests)
        var limits = TLSConnection.Limits()
        limits.pendingWait = .seconds(5)
        let keyLog = KeyLog()
        var connection = TLSConnection(keyLog: keyLog, limits: limits)
        var plaintext: [UInt8] = []
        for chunk in chunks {
            chunk.bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet, time: chunk.packet.time)) {
                    plaintext += Array($0.bytes)
                }
            }
        }
        #expect(connection.counters["tls_records_pending_key"] > 0)
        connection.expirePending(now: chunks[0].packet.time.adding(seconds: 4))
        #expect(connection.counters["tls_pending_expired"] == 0)
        connection.expirePending(now: chunks[0].packet.time.adding(seconds: 60))
        #expect(connection.counters["tls_pending_expired"] > 0)
        keyLog.add(text: text)
        connection.retryPending { plaintext += Array($0.bytes) }
        #expect(plaintext.isEmpty)
        #expect(connection.metadata.notDecryptedReason == "no_key")
    }

    @Test("retryPending with keys present decrypts held records in order, without a new chunk")
    func retryWithoutChunk() {
        let (chunks, text) = Synth.tls13(suite: 0x1302, requests: TLSConnectionTests.requests)
        let keyLog = KeyLog()
        var connection = TLSConnection(keyLog: keyLog)
        var plaintext: [UInt8] = []
        for chunk in chunks {
            chunk.bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet, time: chunk.packet.time)) {
                    plaintext += Array($0.bytes)
                }
            }
        }
        #expect(plaintext.isEmpty)
        #expect(connection.metadata.notDecryptedReason == "no_key")
        keyLog.add(text: text)
        connection.retryPending { if $0.direction == .clientToServer { plaintext += Array($0.bytes) } }
        #expect(plaintext == Array(TLSConnectionTests.requests.joined().utf8))
        #expect(connection.metadata.notDecryptedReason == nil)
        #expect(connection.metadata.alpn == "h2")
    }
}

@Suite("TLSConnection: memory")
struct MemoryTests {
    @Test("between chunks, an idle connection keeps no record-sized buffers")
    func idleBuffers() {
        let big = String(repeating: "y", count: 16_000)
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: [big, big])
        let keyLog = KeyLog()
        keyLog.add(text: text)
        var connection = TLSConnection(keyLog: keyLog)
        var total = 0
        for chunk in chunks {
            // Split each chunk so records straddle chunk boundaries (the partial-record path is used).
            for piece in [chunk.bytes.prefix(1000), chunk.bytes.dropFirst(1000)] where !piece.isEmpty {
                Array(piece).withUnsafeBytes { p in
                    connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet,
                                                   time: chunk.packet.time)) { total += $0.bytes.count }
                }
            }
        }
        #expect(total >= 32_000)
        #expect(connection.scratch.capacity <= 4096)
        #expect(connection.sides.allSatisfy { $0.reader.partial.capacity <= 4096 })
    }
}
