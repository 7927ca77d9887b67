import Primitives
@testable import TLS

/// TEST-ONLY: builds handshake messages and whole TLS connections (both directions) with chosen keys,
/// sealed by `RecordSealer`, so that each suite and framing can be decrypted end to end.
enum Synth {
    static func u16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    static func u24(_ v: Int) -> [UInt8] { [UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    static func vec16(_ b: [UInt8]) -> [UInt8] { u16(b.count) + b }
    static func vec8(_ b: [UInt8]) -> [UInt8] { [UInt8(b.count)] + b }
    static func ext(_ type: Int, _ data: [UInt8]) -> [UInt8] { u16(type) + vec16(data) }
    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] { [type] + u24(body.count) + body }
    static func record(_ type: UInt8, _ payload: [UInt8], version: UInt16 = 0x0303) -> [UInt8] {
        [type, UInt8(version >> 8), UInt8(version & 0xff)] + u16(payload.count) + payload
    }

    static func clientHello(random: [UInt8], suites: [UInt16], sni: String? = "example.com", alpn: [String] = [],
                            tls13: Bool = true, encryptThenMAC: Bool = false, earlyData: Bool = false) -> [UInt8] {
        var extensions: [UInt8] = []
        if let sni { extensions += ext(0, vec16([0] + vec16(Array(sni.utf8)))) }
        if !alpn.isEmpty { extensions += ext(16, vec16(alpn.flatMap { vec8(Array($0.utf8)) })) }
        extensions += ext(13, vec16(u16(0x0403) + u16(0x0804)))
        if tls13 {
            extensions += ext(43, vec8(u16(0x0304) + u16(0x0303)))
            extensions += ext(51, vec16(u16(0x001d) + vec16([UInt8](repeating: 7, count: 32))))
        }
        if encryptThenMAC { extensions += ext(22, []) }
        if earlyData { extensions += ext(42, []) }
        let body = u16(0x0303) + random + vec8([UInt8](repeating: 1, count: 32)) + vec16(suites.flatMap { u16(Int($0)) })
            + vec8([0]) + vec16(extensions)
        return handshake(1, body)
    }

    static func serverHello(random: [UInt8], suite: UInt16, tls13: Bool = true, alpn: String? = nil,
                            encryptThenMAC: Bool = false) -> [UInt8] {
        var extensions: [UInt8] = []
        if tls13 {
            extensions += ext(43, u16(0x0304))
            extensions += ext(51, u16(0x001d) + vec16([UInt8](repeating: 9, count: 32)))
        }
        if let alpn { extensions += ext(16, vec16(vec8(Array(alpn.utf8)))) }
        if encryptThenMAC { extensions += ext(22, []) }
        // TLS 1.3 echoes the client's legacy session id; a TLS 1.2 full handshake gets a new one.
        let session = [UInt8](repeating: tls13 ? 1 : 2, count: 32)
        let body = u16(0x0303) + random + vec8(session) + u16(Int(suite)) + [0] + vec16(extensions)
        return handshake(2, body)
    }

    static func bytes(_ n: Int, seed: UInt8) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) } }

    /// A TLS 1.3 connection: hellos, the server flight (EncryptedExtensions with ALPN h2, Finished), the
    /// client Finished, then `requests` from the client and a response from the server. With
    /// `keyUpdateAfter`, the client sends a KeyUpdate after that many requests and switches keys.
    static func tls13(suite: UInt16, requests: [String], keyUpdateAfter: Int? = nil, helloRetry: Bool = false)
        -> (chunks: [CapturedFlow.Chunk], keyLog: String) {
        let parameters = CipherSuite(rawValue: suite).parameters!
        let h = parameters.prfHash.length
        let clientRandom = bytes(32, seed: 3), serverRandom = bytes(32, seed: 5)
        let cHS = bytes(h, seed: 11), sHS = bytes(h, seed: 13), cAP = bytes(h, seed: 17), sAP = bytes(h, seed: 19)
        let r = hexString(clientRandom)
        let keyLog = """
            CLIENT_HANDSHAKE_TRAFFIC_SECRET \(r) \(hexString(cHS))
            SERVER_HANDSHAKE_TRAFFIC_SECRET \(r) \(hexString(sHS))
            CLIENT_TRAFFIC_SECRET_0 \(r) \(hexString(cAP))
            SERVER_TRAFFIC_SECRET_0 \(r) \(hexString(sAP))
            """
        func sealer(_ secret: [UInt8]) -> RecordSealer {
            let key = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: secret, label: "key", context: [], length: parameters.bulk.keyLength)
            let iv = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: secret, label: "iv", context: [], length: 12)
            return RecordSealer(bulk: parameters.bulk, framing: .tls13, key: key, iv: iv)!
        }
        var chunks: [CapturedFlow.Chunk] = []
        var index: UInt64 = 0
        func send(_ d: Direction, _ b: [UInt8]) {
            chunks.append(.init(direction: d, bytes: b, packet: PacketRef(time: Timestamp(seconds: 1_800_000_000, nanoseconds: Int64(index)), index: index)))
            index += 1
        }
        let hello = clientHello(random: clientRandom, suites: [0x1301, 0x1302, 0x1303], alpn: ["h2", "http/1.1"])
        send(.clientToServer, record(22, hello, version: 0x0301))
        if helloRetry {
            send(.serverToClient, record(22, serverHello(random: ServerHello.helloRetryRequestRandom, suite: suite)))
            send(.clientToServer, record(20, [1]) + record(22, hello))
        }
        send(.serverToClient, record(22, serverHello(random: serverRandom, suite: suite)) + record(20, [1]))
        var server = sealer(sHS)
        let ee = handshake(8, vec16(ext(16, vec16(vec8(Array("h2".utf8))))))
        send(.serverToClient, server.seal(type: 22, plaintext: ee) + server.seal(type: 22, plaintext: handshake(20, bytes(h, seed: 1))))
        var client = sealer(cHS)
        send(.clientToServer, record(20, [1]) + client.seal(type: 22, plaintext: handshake(20, bytes(h, seed: 2))))
        client = sealer(cAP)
        server = sealer(sAP)
        send(.serverToClient, server.seal(type: 22, plaintext: handshake(4, bytes(40, seed: 4))))  // NewSessionTicket
        var secret = cAP
        for (n, request) in requests.enumerated() {
            if n == keyUpdateAfter {
                send(.clientToServer, client.seal(type: 22, plaintext: handshake(24, [0])))
                secret = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: secret, label: "traffic upd", context: [], length: h)
                client = sealer(secret)
            }
            send(.clientToServer, client.seal(type: 23, plaintext: Array(request.utf8)))
            send(.serverToClient, server.seal(type: 23, plaintext: Array("HTTP/1.1 200 OK\r\n\r\n".utf8)))
        }
        return (chunks, keyLog)
    }

    /// A TLS 1.2 connection with a full handshake, then `requests` from the client and a response each.
    static func tls12(suite: UInt16, requests: [String], encryptThenMAC: Bool = false)
        -> (chunks: [CapturedFlow.Chunk], keyLog: String) {
        let parameters = CipherSuite(rawValue: suite).parameters!
        let clientRandom = bytes(32, seed: 23), serverRandom = bytes(32, seed: 29), master = bytes(48, seed: 31)
        let keyLog = "CLIENT_RANDOM \(hexString(clientRandom)) \(hexString(master))\n"
        let keys = TLSConnection.tls12Keys(parameters, master: master, clientRandom: clientRandom, serverRandom: serverRandom)
        let framing: RecordCipher.Framing = switch parameters.bulk {
        case .aes128GCM, .aes256GCM: .tls12ExplicitNonce
        case .chacha20Poly1305: .tls12XorNonce
        case .aes128CBC, .aes256CBC: .tls12CBC(mac: parameters.mac!, encryptThenMAC: encryptThenMAC)
        }
        var client = RecordSealer(bulk: parameters.bulk, framing: framing, key: keys.client.key, iv: keys.client.iv, macKey: keys.client.macKey)!
        var server = RecordSealer(bulk: parameters.bulk, framing: framing, key: keys.server.key, iv: keys.server.iv, macKey: keys.server.macKey)!
        var chunks: [CapturedFlow.Chunk] = []
        var index: UInt64 = 0
        func send(_ d: Direction, _ b: [UInt8]) {
            chunks.append(.init(direction: d, bytes: b, packet: PacketRef(time: Timestamp(seconds: 1_800_000_000, nanoseconds: Int64(index)), index: index)))
            index += 1
        }
        send(.clientToServer, record(22, clientHello(random: clientRandom, suites: [suite], alpn: ["http/1.1"], tls13: false,
                                                     encryptThenMAC: encryptThenMAC), version: 0x0301))
        send(.serverToClient, record(22, serverHello(random: serverRandom, suite: suite, tls13: false, alpn: "http/1.1",
                                                     encryptThenMAC: encryptThenMAC)
                                         + handshake(11, u24(0)) + handshake(14, [])))
        send(.clientToServer, record(22, handshake(16, vec8(bytes(32, seed: 8)))) + record(20, [1])
             + client.seal(type: 22, plaintext: handshake(20, bytes(12, seed: 1))))
        send(.serverToClient, record(20, [1]) + server.seal(type: 22, plaintext: handshake(20, bytes(12, seed: 2))))
        for request in requests {
            send(.clientToServer, client.seal(type: 23, plaintext: Array(request.utf8)))
            send(.serverToClient, server.seal(type: 23, plaintext: Array("HTTP/1.1 200 OK\r\n\r\n".utf8)))
        }
        return (chunks, keyLog)
    }
}
