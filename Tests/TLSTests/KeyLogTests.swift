import Testing
@testable import TLS

@Suite("KeyLog")
struct KeyLogTests {
    static let random = String(repeating: "ab", count: 32)

    @Test("every label is stored under its client random; hex is case-insensitive")
    func labels() {
        let log = KeyLog()
        let s32 = String(repeating: "11", count: 32), s48 = String(repeating: "22", count: 48)
        log.add(text: """
            # comment
            CLIENT_RANDOM \(Self.random.uppercased()) \(s48)
            CLIENT_EARLY_TRAFFIC_SECRET \(Self.random) \(s32)
            CLIENT_HANDSHAKE_TRAFFIC_SECRET \(Self.random) \(s32)
            SERVER_HANDSHAKE_TRAFFIC_SECRET \(Self.random) \(s48)
            CLIENT_TRAFFIC_SECRET_0 \(Self.random) \(s32)
            SERVER_TRAFFIC_SECRET_0 \(Self.random) \(s32)\r
            EXPORTER_SECRET \(Self.random) \(s32)

            """)
        let secrets = log.secrets(clientRandom: [UInt8](repeating: 0xab, count: 32))
        #expect(secrets?.masterSecret == [UInt8](repeating: 0x22, count: 48))
        #expect(secrets?.clientEarlyTrafficSecret == [UInt8](repeating: 0x11, count: 32))
        #expect(secrets?.clientHandshakeTrafficSecret?.count == 32)
        #expect(secrets?.serverHandshakeTrafficSecret?.count == 48)
        #expect(secrets?.clientTrafficSecret0 != nil)
        #expect(secrets?.serverTrafficSecret0 != nil)
        #expect(secrets?.exporterSecret != nil)
        #expect(log.malformedLines == 0)
        #expect(log.count == 1)
    }

    @Test("EARLY_TRAFFIC_SECRET is an alias of CLIENT_EARLY_TRAFFIC_SECRET")
    func earlyAlias() {
        let log = KeyLog()
        log.add(text: "EARLY_TRAFFIC_SECRET \(Self.random) \(String(repeating: "33", count: 32))")
        #expect(log.secrets(clientRandom: [UInt8](repeating: 0xab, count: 32))?.clientEarlyTrafficSecret?.first == 0x33)
    }

    @Test("malformed lines are counted and skipped; RSA and unknown labels are counted apart")
    func malformed() {
        let log = KeyLog()
        log.add(text: """
            CLIENT_RANDOM \(Self.random)
            CLIENT_RANDOM \(Self.random) zz\(String(repeating: "00", count: 47))
            CLIENT_RANDOM abcd \(String(repeating: "00", count: 48))
            CLIENT_RANDOM \(Self.random) \(String(repeating: "00", count: 47))
            CLIENT_TRAFFIC_SECRET_0 \(Self.random) \(String(repeating: "00", count: 20))
            RSA 0102030405060708 \(String(repeating: "00", count: 48))
            CLIENT_TRAFFIC_SECRET_1 \(Self.random) \(String(repeating: "00", count: 32))
            CLIENT_RANDOM \(Self.random) \(String(repeating: "01", count: 48))
            """)
        #expect(log.malformedLines == 5)
        #expect(log.unknownLabelLines == 2)
        #expect(log.secrets(clientRandom: [UInt8](repeating: 0xab, count: 32))?.masterSecret?.first == 0x01)
    }

    @Test("lines added later grow the store and bump its generation")
    func growth() {
        let log = KeyLog()
        let before = log.generation
        #expect(log.secrets(clientRandom: [UInt8](repeating: 0xab, count: 32)) == nil)
        log.add(text: "CLIENT_RANDOM \(Self.random) \(String(repeating: "01", count: 48))\n")
        #expect(log.generation != before)
        #expect(log.count == 1)
    }

    @Test("the store is capped: randoms beyond capacity are dropped and counted")
    func cap() {
        let log = KeyLog(capacity: 1)
        log.add(text: "CLIENT_RANDOM \(Self.random) \(String(repeating: "01", count: 48))")
        log.add(text: "CLIENT_RANDOM \(String(repeating: "cd", count: 32)) \(String(repeating: "01", count: 48))")
        #expect(log.count == 1)
        #expect(log.droppedOverCap == 1)
    }
}

@Suite("KeyLog: pcapng Decryption Secrets Blocks")
struct KeyLogDSBTests {
    @Test("TLSK secrets are added; other secrets types are ignored")
    func dsb() {
        let log = KeyLog()
        let text = Array("CLIENT_RANDOM \(KeyLogTests.random) \(String(repeating: "01", count: 48))\n".utf8)
        let wireGuard = text.withUnsafeBytes { log.add(decryptionSecretsType: 0x5747_4b4c, data: $0) }
        #expect(!wireGuard)
        #expect(log.count == 0)
        let tls = text.withUnsafeBytes { log.add(decryptionSecretsType: KeyLog.tlsKeyLogSecretsType, data: $0) }
        #expect(tls)
        #expect(log.count == 1)
    }
}
