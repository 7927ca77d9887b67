import Primitives

/// Handshake messages: hellos, EncryptedExtensions, Finished, KeyUpdate (RFC 8446 §4, RFC 5246 §7.4).
extension TLSConnection {
    enum HandshakeType {
        static let clientHello: UInt8 = 1
        static let serverHello: UInt8 = 2
        static let encryptedExtensions: UInt8 = 8
        static let finished: UInt8 = 20
        static let keyUpdate: UInt8 = 24
    }

    mutating func drainHandshake(_ i: Int) {
        while let message = sides[i].handshake.next() {
            switch message {
            case .oversized:
                stats.handshakeOversized += 1
            case .message(let type, let body):
                handleHandshake(i, type, body)
            }
        }
    }

    private mutating func handleHandshake(_ i: Int, _ type: UInt8, _ body: [UInt8]) {
        switch (i, type) {
        case (0, HandshakeType.clientHello):
            guard clientHello == nil else {
                stats.secondClientHello += 1  // after a HelloRetryRequest: same random, keep the first for JA4
                return
            }
            do {
                let hello = try body.withUnsafeBytes { p in try ClientHello(body: p) }
                clientHello = hello
                meta.sni = hello.serverName
                meta.alpnOffered = hello.alpnNames
                // A fingerprint of part of the extension list would name a client that does not exist.
                meta.ja4 = hello.extensionsTruncated ? nil : JA4.fingerprint(hello)
                if hello.extensionsTruncated || hello.malformedExtensions > 0 { stats.helloExtensionsMalformed += 1 }
            } catch {
                stats.handshakeMalformed += 1
            }
        case (1, HandshakeType.serverHello):
            do {
                let hello = try body.withUnsafeBytes { p in try ServerHello(body: p) }
                if hello.isHelloRetryRequest {
                    stats.helloRetryRequests += 1
                    meta.helloRetryRequest = true
                    return
                }
                guard serverHello == nil else { return }
                if hello.extensionsTruncated || hello.malformedExtensions > 0 { stats.helloExtensionsMalformed += 1 }
                serverHello = hello
                isTLS13 = hello.version == 0x0304
                acceptServerHello(hello)
            } catch {
                stats.handshakeMalformed += 1
            }
        case (1, HandshakeType.encryptedExtensions):
            do {
                if let alpn = try body.withUnsafeBytes({ p in try ServerHello.alpn(encryptedExtensions: p) }) {
                    meta.alpn = alpn
                }
            } catch {
                stats.handshakeMalformed += 1
            }
        case (_, HandshakeType.finished):
            if isTLS13, sides[i].mode == .encrypted, sides[i].epoch == .handshake {
                sides[i].epoch = .application
                installKeys(i)
            }
        case (_, HandshakeType.keyUpdate):
            if isTLS13, sides[i].epoch == .application { keyUpdate(i) }
        default:
            break
        }
    }

    private mutating func acceptServerHello(_ hello: ServerHello) {
        meta.version = TLSMetadata.versionName(hello.version)
        meta.cipher = hello.cipherSuite.name
        if let alpn = hello.alpn { meta.alpn = alpn }
        if hello.version == 0x0304 {
            meta.resumed = hello.extensionTypes.contains(0x0029)
        } else if let clientHello, !clientHello.sessionID.isEmpty {
            meta.resumed = clientHello.sessionID == hello.sessionID
        }
        let parameters = hello.cipherSuite.parameters
        switch hello.version {
        case 0x0304:
            for i in 0..<2 {
                sides[i].mode = .encrypted
                sides[i].epoch = .handshake
            }
            guard let parameters, parameters.isTLS13 else { return stopUnsupported() }
            installKeys(0)
            installKeys(1)
        case 0x0303:
            guard let parameters, !parameters.isTLS13 else { return stopUnsupported() }
        default:
            stopUnsupported()  // TLS 1.0/1.1/SSL 3 use another PRF and implicit CBC IVs: not decrypted
        }
    }

    private mutating func stopUnsupported() {
        stats.unsupportedSuite += 1
        unsupported = true
        sides[0].mode = .stopped
        sides[1].mode = .stopped
    }

    /// TLS 1.2 ChangeCipherSpec: the records of this direction are protected from the next one on.
    /// In TLS 1.3 it is a compatibility dummy (RFC 8446 appendix D.4), which may come before the
    /// ServerHello says 1.3: after a HelloRetryRequest, or from a client offering 1.3 (with early data).
    mutating func changeCipherSpec(_ i: Int) {
        guard !isTLS13, !meta.helloRetryRequest else { return }
        guard serverHello != nil else {
            if clientHello?.supportedVersions.contains(0x0304) == true { return }
            stats.unexpectedChangeCipherSpec += 1
            return
        }
        sides[i].mode = .encrypted
        installKeys(i)
    }
}
