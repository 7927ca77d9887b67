import Primitives

/// TLS 1.3 0-RTT early data (RFC 8446 §4.2.10): client records protected with the
/// client_early_traffic_secret, sent before the ServerHello and up to EndOfEarlyData.
///
/// The early data's suite is the resumed session's, which the observer cannot see: the TLS 1.3 suites
/// the ClientHello offers (with the secret's hash length) are tried on the first early record. Early
/// records the server rejected, or for which no key is logged, are skipped and counted
/// (`tls_early_data_skipped`), never reported as decryption errors.
extension TLSConnection {
    enum EndOfEarlyData { static let type: UInt8 = 5 }

    /// A cleartext-phase application record from the client while early data was offered.
    mutating func earlyRecord(_ header: RecordHeader, _ fragment: UnsafeRawBufferPointer, _ origin: PacketRefBox,
                              _ plaintext: (StreamChunk) -> Void) {
        if sides[0].earlyCipher == nil { sides[0].earlyCipher = findEarlyCipher(header, fragment) }
        guard openEarly(header, fragment, origin, plaintext) else {
            stats.earlyDataSkipped += 1
            return
        }
    }

    /// Opens a client record with the early keys; false when there are none or they do not fit.
    mutating func openEarly(_ header: RecordHeader, _ fragment: UnsafeRawBufferPointer, _ origin: PacketRefBox,
                            _ plaintext: (StreamChunk) -> Void) -> Bool {
        guard sides[0].earlyCipher != nil else { return false }
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)
        defer { swap(&buffer, &scratch) }
        guard case .opened(let contentType, let length) = sides[0].earlyCipher!.open(
            type: header.contentType, version: header.version, fragment: fragment, into: &buffer)
        else { return false }
        stats.recordsDecrypted += 1
        stats.earlyDataRecords += 1
        meta.decrypted = true
        if contentType == 23, length > 0 {
            buffer.withUnsafeBytes { p in
                plaintext(StreamChunk(direction: .clientToServer, bytes: UnsafeRawBufferPointer(rebasing: p[0..<length]),
                                      firstPacket: origin.packet, time: origin.time))
            }
        } else if contentType == 22, length >= 1, buffer[0] == EndOfEarlyData.type {
            sides[0].earlyCipher = nil  // the handshake keys take over (RFC 8446 §4.5)
        }
        return true
    }

    private func findEarlyCipher(_ header: RecordHeader, _ fragment: UnsafeRawBufferPointer) -> RecordCipher? {
        guard let clientHello, let secret = keyLog.secrets(clientRandom: clientHello.random)?.clientEarlyTrafficSecret
        else { return nil }
        var buffer: [UInt8] = []
        for suite in clientHello.cipherSuites {
            guard let parameters = CipherSuite(rawValue: suite).parameters, parameters.isTLS13,
                  parameters.prfHash.length == secret.count,
                  var candidate = TLSConnection.tls13Cipher(parameters, secret: secret)
            else { continue }
            let probe = candidate
            if case .opened = candidate.open(type: header.contentType, version: header.version, fragment: fragment, into: &buffer) {
                return probe
            }
        }
        return nil
    }
}
