import Testing
import Primitives
@testable import TLS

@Suite("ClientHello, ServerHello, JA4")
struct HelloTests {
    static func clientHello(_ message: [UInt8]) throws -> ClientHello {
        try message.withUnsafeBytes { try ClientHello(body: UnsafeRawBufferPointer(rebasing: $0[4...])) }
    }

    @Test("RFC 8448 ClientHello: every field")
    func rfc8448ClientHello() throws {
        let hello = try Self.clientHello(TLSConnectionTests.rfcClientHello)
        #expect(hello.legacyVersion == 0x0303)
        #expect(hello.random == hex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"))
        #expect(hello.sessionID.isEmpty)
        #expect(hello.cipherSuites == [0x1301, 0x1303, 0x1302])
        #expect(hello.extensionTypes == [0x0000, 0xff01, 0x000a, 0x0023, 0x0033, 0x002b, 0x000d, 0x002d, 0x001c])
        #expect(hello.serverName == "server")
        #expect(hello.alpnProtocols.isEmpty)
        #expect(hello.supportedVersions == [0x0304])
        #expect(hello.keyShareGroups == [0x001d])
        #expect(hello.signatureAlgorithms.count == 15)
        #expect(hello.signatureAlgorithms.first == 0x0403)
        #expect(hello.offersSessionTicket == false)  // empty session_ticket extension
        #expect(hello.offersPreSharedKey == false)
        #expect(hello.malformedExtensions == 0)
    }

    @Test("RFC 8448 ServerHello: version from supported_versions, suite, key share")
    func rfc8448ServerHello() throws {
        let message = TLSConnectionTests.rfcServerHello
        let hello = try message.withUnsafeBytes { try ServerHello(body: UnsafeRawBufferPointer(rebasing: $0[4...])) }
        #expect(hello.legacyVersion == 0x0303)
        #expect(hello.version == 0x0304)
        #expect(hello.cipherSuite.name == "TLS_AES_128_GCM_SHA256")
        #expect(hello.keyShareGroup == 0x001d)
        #expect(!hello.isHelloRetryRequest)
    }

    @Test("truncated hellos throw with the offset; they never trap")
    func truncated() {
        let message = TLSConnectionTests.rfcClientHello
        for cut in [5, 20, 38, 40, 45, 46] {
            #expect(throws: TLSError.self) {
                _ = try Self.clientHello(Array(message.prefix(cut)))
            }
        }
        // Every prefix: no trap (an incomplete extension block is either an error or skipped).
        for cut in 4..<message.count { _ = try? Self.clientHello(Array(message.prefix(cut))) }
    }

    /// A ClientHello body whose extension list is `extensions` as written (framing not checked).
    static func helloBody(extensions: [UInt8], listLength: Int? = nil) -> [UInt8] {
        Synth.u16(0x0303) + [UInt8](repeating: 2, count: 32) + Synth.vec8([]) + Synth.vec16(Synth.u16(0x1301))
            + Synth.vec8([0]) + Synth.u16(listLength ?? extensions.count) + extensions
    }

    @Test("broken extension framing: the extensions before the break are kept, the hello is flagged")
    func brokenExtensionFraming() throws {
        let sni = Synth.ext(0, Synth.vec16([0] + Synth.vec16(Array("tracker.example".utf8))))
        // A stray byte after supported_versions shifts every later extension (one load generator writes these).
        let shifted = sni + Synth.ext(43, Synth.vec8(Synth.u16(0x0304))) + [0] + Synth.ext(45, [1, 1])
        let body = Self.helloBody(extensions: shifted)
        let hello = try body.withUnsafeBytes { try ClientHello(body: $0) }
        #expect(hello.serverName == "tracker.example")
        #expect(hello.supportedVersions == [0x0304])
        #expect(hello.extensionsTruncated)
        #expect(hello.extensionTypes.prefix(2) == [0x0000, 0x002b])

        // A list length running past the message: read up to its end.
        let long = Self.helloBody(extensions: sni, listLength: sni.count + 40)
        let cut = try long.withUnsafeBytes { try ClientHello(body: $0) }
        #expect(cut.serverName == "tracker.example")
        #expect(cut.extensionsTruncated)

        // An extension whose content breaks midway is skipped whole: no partial ALPN list.
        let alpn = Synth.ext(16, Synth.vec16(Synth.vec8(Array("h2".utf8)) + [5, 0x61]))
        let partial = try Self.helloBody(extensions: sni + alpn).withUnsafeBytes { try ClientHello(body: $0) }
        #expect(partial.alpnProtocols.isEmpty)
        #expect(partial.malformedExtensions == 1)
        #expect(!partial.extensionsTruncated)

        let whole = try Self.helloBody(extensions: sni).withUnsafeBytes { try ClientHello(body: $0) }
        #expect(!whole.extensionsTruncated)
        #expect(whole.malformedExtensions == 0)
    }

    @Test("a connection keeps the SNI of a hello with broken framing, gives no JA4, and counts it")
    func brokenFramingConnection() {
        let sni = Synth.ext(0, Synth.vec16([0] + Synth.vec16(Array("tracker.example".utf8))))
        let hello = Synth.handshake(1, Self.helloBody(extensions: sni + [0, 0, 0x2d]))
        var limits = TLSConnection.Limits()
        limits.pendingBytes = 0
        var connection = TLSConnection(keyLog: KeyLog(), limits: limits)
        let server = Synth.serverHello(random: [UInt8](repeating: 4, count: 32), suite: 0x1301)
        for (direction, bytes) in [(Direction.clientToServer, Synth.record(22, hello)), (.serverToClient, Synth.record(22, server))] {
            bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: direction, bytes: p, firstPacket: PacketRef(time: .zero, index: 0),
                                               time: .zero)) { _ in }
            }
        }
        #expect(connection.metadata.sni == "tracker.example")
        #expect(connection.metadata.ja4 == nil)
        #expect(connection.counters["tls_hello_extensions_malformed"] == 1)
        #expect(connection.counters["tls_handshake_malformed"] == 0)
        #expect(connection.opaqueMetadata()?.notDecryptedReason == "no_key")
    }

    @Test("a ServerHello whose extension framing breaks keeps the version and suite read before the break")
    func brokenServerHelloFraming() throws {
        let versions = Synth.ext(43, Synth.u16(0x0304))
        let body = Synth.u16(0x0303) + [UInt8](repeating: 5, count: 32) + Synth.vec8([]) + Synth.u16(0x1302) + [0]
            + Synth.u16(versions.count + 3) + versions + [0, 0, 9]   // a stray, cut extension header
        let hello = try body.withUnsafeBytes { try ServerHello(body: $0) }
        #expect(hello.version == 0x0304)
        #expect(hello.cipherSuite.rawValue == 0x1302)
        #expect(hello.extensionsTruncated)
        let long = Synth.u16(0x0303) + [UInt8](repeating: 5, count: 32) + Synth.vec8([]) + Synth.u16(0x1301) + [0]
            + Synth.u16(versions.count + 50) + versions
        let cut = try long.withUnsafeBytes { try ServerHello(body: $0) }
        #expect(cut.version == 0x0304 && cut.extensionsTruncated)
    }

    @Test("an unreadable ClientHello: with the ServerHello in and no held records, the connection is opaque")
    func unreadableHelloIsOpaque() {
        var limits = TLSConnection.Limits()
        limits.pendingBytes = 0
        var connection = TLSConnection(keyLog: KeyLog(), limits: limits)
        let hello = Synth.handshake(1, Synth.u16(0x0303) + [1, 2, 3])   // ends inside the random
        let server = Synth.serverHello(random: [UInt8](repeating: 4, count: 32), suite: 0x1301)
        for (direction, bytes) in [(Direction.clientToServer, Synth.record(22, hello)), (.serverToClient, Synth.record(22, server))] {
            bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: direction, bytes: p, firstPacket: PacketRef(time: .zero, index: 0),
                                               time: .zero)) { _ in }
            }
        }
        #expect(connection.counters["tls_handshake_malformed"] == 1)
        #expect(connection.metadata.version == "1.3")
        #expect(connection.opaqueMetadata() != nil)
    }

    @Test("JA4 of the RFC 8448 ClientHello (computed independently with Python's hashlib)")
    func ja4RFC8448() throws {
        let hello = try Self.clientHello(TLSConnectionTests.rfcClientHello)
        #expect(JA4.fingerprint(hello) == "t13d030900_55b375c5d22e_59cd3dafc54d")
    }

    @Test("JA4 ignores GREASE in ciphers, extensions, versions and signature algorithms")
    func ja4GREASE() throws {
        let random = [UInt8](repeating: 1, count: 32)
        let plain = Synth.clientHello(random: random, suites: [0x1301, 0xc02f], alpn: ["h2"])
        var hello = try Self.clientHello(plain)
        let reference = JA4.fingerprint(hello)
        hello.cipherSuites.insert(0x0a0a, at: 0)
        hello.extensionTypes.insert(0x1a1a, at: 0)
        hello.extensionTypes.append(0xfafa)
        hello.supportedVersions.insert(0x7a7a, at: 0)
        hello.signatureAlgorithms.insert(0x2a2a, at: 1)
        #expect(JA4.fingerprint(hello) == reference)
        #expect(reference.hasPrefix("t13d0205h2_"))
    }

    @Test("JA4 ALPN: first and last characters, 00 when absent, hex digits when not alphanumeric")
    func ja4ALPN() {
        #expect(JA4.alpnCode(Array("h2".utf8)) == "h2")
        #expect(JA4.alpnCode(Array("http/1.1".utf8)) == "h1")
        #expect(JA4.alpnCode(nil) == "00")
        #expect(JA4.alpnCode([]) == "00")
        #expect(JA4.alpnCode([0xab, 0x20, 0xcd]) == "ad")
        #expect(JA4.alpnCode(Array("h".utf8)) == "hh")
    }

    @Test("JA4 without SNI and for TLS 1.2-only clients")
    func ja4NoSNI() throws {
        let hello = try Self.clientHello(Synth.clientHello(random: [UInt8](repeating: 1, count: 32), suites: [0xc02f],
                                                           sni: nil, tls13: false))
        #expect(JA4.fingerprint(hello).hasPrefix("t12i010100_"))
    }

    @Test("Chrome's ClientHello in the shared capture has Chrome's published JA4")
    func ja4Chrome() throws {
        let (flows, keyLog) = try CaptureTests.load("external/tls13-chrome-http2.pcapng", keys: "external/tls13-chrome-http2.pcapng.keys")
        let fingerprints = Set(flows.compactMap { runTLS($0.chunks, keyLog: keyLog).metadata.ja4 })
        // Chrome's JA4 as published (FoxIO's JA4 database / browserleaks): 15 ciphers, 16 extensions, h2.
        #expect(fingerprints.contains("t13d1516h2_8daaf6152771_d8a2da3f94cd"), "\(fingerprints)")
        #expect(fingerprints.allSatisfy { $0.hasPrefix("t13d15") && $0.contains("_8daaf6152771_") })
    }

    @Test("CipherSuite names: registry names, hex for unknown")
    func suiteNames() {
        #expect(CipherSuite(rawValue: 0x1303).name == "TLS_CHACHA20_POLY1305_SHA256")
        #expect(CipherSuite(rawValue: 0xC02F).name == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        #expect(CipherSuite(rawValue: 0x0a0a).name == "0x0A0A")
        #expect(CipherSuite(rawValue: 0x1304).parameters == nil)
    }
}
