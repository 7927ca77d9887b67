/// Keys for each direction from the key log: TLS 1.3 traffic secrets (RFC 8446 §7.3) and the TLS 1.2
/// key block (RFC 5246 §6.3).
extension TLSConnection {
    /// Sets `sides[i].cipher` for the side's current epoch, or leaves it nil when the key log has no
    /// matching secret yet (records are then held until `retryPending`).
    mutating func installKeys(_ i: Int) {
        sides[i].cipher = nil
        guard let clientHello, let serverHello, let parameters = serverHello.cipherSuite.parameters,
              let secrets = keyLog.secrets(clientRandom: clientHello.random)
        else { return }
        if parameters.isTLS13 {
            let secret: [UInt8]? = switch (i, sides[i].epoch) {
            case (0, .handshake): secrets.clientHandshakeTrafficSecret
            case (1, .handshake): secrets.serverHandshakeTrafficSecret
            case (0, .application): secrets.clientTrafficSecret0
            default: secrets.serverTrafficSecret0
            }
            guard let secret else { return }
            guard secret.count == parameters.prfHash.length else {
                stats.secretLengthMismatch += 1
                return
            }
            sides[i].trafficSecret = secret
            sides[i].cipher = TLSConnection.tls13Cipher(parameters, secret: secret)
        } else {
            guard let master = secrets.masterSecret else { return }
            sides[i].cipher = tls12Cipher(i, parameters, master: master, clientRandom: clientHello.random,
                                          serverRandom: serverHello.random, encryptThenMAC: serverHello.encryptThenMAC)
        }
    }

    /// KeyUpdate: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length).
    mutating func keyUpdate(_ i: Int) {
        guard let parameters = serverHello?.cipherSuite.parameters, !sides[i].trafficSecret.isEmpty else { return }
        stats.keyUpdates += 1
        let next = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: sides[i].trafficSecret, label: "traffic upd",
                                                 context: [], length: parameters.prfHash.length)
        sides[i].trafficSecret = next
        sides[i].cipher = TLSConnection.tls13Cipher(parameters, secret: next)
    }

    /// The record cipher of a TLS 1.3 traffic secret: key and iv by HKDF-Expand-Label (RFC 8446 §7.3).
    package static func tls13Cipher(_ parameters: CipherSuite.Parameters, secret: [UInt8]) -> RecordCipher? {
        let key = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: secret, label: "key", context: [],
                                                length: parameters.bulk.keyLength)
        let iv = KeyDerivation.hkdfExpandLabel(parameters.prfHash, secret: secret, label: "iv", context: [], length: 12)
        return RecordCipher(bulk: parameters.bulk, framing: .tls13, key: key, iv: iv)
    }

    private mutating func tls12Cipher(_ i: Int, _ parameters: CipherSuite.Parameters, master: [UInt8],
                                      clientRandom: [UInt8], serverRandom: [UInt8], encryptThenMAC: Bool) -> RecordCipher? {
        let keys = TLSConnection.tls12Keys(parameters, master: master, clientRandom: clientRandom, serverRandom: serverRandom,
                                           cached: tls12KeyBlock)
        tls12KeyBlock = keys.block
        let side = i == 0 ? keys.client : keys.server
        let framing: RecordCipher.Framing
        switch parameters.bulk {
        case .aes128GCM, .aes256GCM: framing = .tls12ExplicitNonce
        case .chacha20Poly1305: framing = .tls12XorNonce
        case .aes128CBC, .aes256CBC: framing = .tls12CBC(mac: parameters.mac ?? .sha1, encryptThenMAC: encryptThenMAC)
        }
        return RecordCipher(bulk: parameters.bulk, framing: framing, key: side.key, iv: side.iv, macKey: side.macKey)
    }

    /// Key material of one TLS 1.2 direction.
    package struct TLS12DirectionKeys: Equatable {
        package var macKey: [UInt8]
        package var key: [UInt8]
        package var iv: [UInt8]
    }

    /// Slices the TLS 1.2 key block PRF(master, "key expansion", server_random + client_random) into
    /// client MAC key, server MAC key, client key, server key, client IV, server IV (RFC 5246 §6.3).
    /// IVs are 4 bytes (GCM salt), 12 (ChaCha20-Poly1305) or none (CBC, explicit per record).
    package static func tls12Keys(_ parameters: CipherSuite.Parameters, master: [UInt8], clientRandom: [UInt8],
                                  serverRandom: [UInt8], cached: [UInt8]? = nil)
        -> (client: TLS12DirectionKeys, server: TLS12DirectionKeys, block: [UInt8]) {
        let macLength = parameters.bulk.isAEAD ? 0 : (parameters.mac ?? .sha1).length
        let keyLength = parameters.bulk.keyLength
        let ivLength: Int = switch parameters.bulk {
        case .aes128GCM, .aes256GCM: 4
        case .chacha20Poly1305: 12
        case .aes128CBC, .aes256CBC: 0
        }
        let total = 2 * (macLength + keyLength + ivLength)
        let block = cached ?? KeyDerivation.tls12PRF(parameters.prfHash, secret: master, label: "key expansion",
                                                      seed: serverRandom + clientRandom, length: total)
        var offset = 0
        func take(_ n: Int) -> [UInt8] {
            defer { offset += n }
            return Array(block[offset..<(offset + n)])
        }
        let clientMAC = take(macLength), serverMAC = take(macLength)
        let clientKey = take(keyLength), serverKey = take(keyLength)
        let clientIV = take(ivLength), serverIV = take(ivLength)
        return (TLS12DirectionKeys(macKey: clientMAC, key: clientKey, iv: clientIV),
                TLS12DirectionKeys(macKey: serverMAC, key: serverKey, iv: serverIV), block)
    }
}
