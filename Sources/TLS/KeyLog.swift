/// The secrets that an NSS key log holds for one connection (keyed by its ClientHello random).
package struct KeyLogSecrets: Sendable, Equatable {
    /// `CLIENT_RANDOM`: the TLS 1.2 (and earlier) 48-byte master secret.
    package var masterSecret: [UInt8]?
    package var clientEarlyTrafficSecret: [UInt8]?
    package var clientHandshakeTrafficSecret: [UInt8]?
    package var serverHandshakeTrafficSecret: [UInt8]?
    package var clientTrafficSecret0: [UInt8]?
    package var serverTrafficSecret0: [UInt8]?
    package var exporterSecret: [UInt8]?

    package init() {}
}

/// A store of NSS key log lines (the `SSLKEYLOGFILE` format), keyed by client random, that can grow
/// while connections run (issue 3 point 5).
///
/// Format, one per line: `LABEL <client_random hex, 64 digits> <secret hex>`. Labels: `CLIENT_RANDOM`
/// (48-byte master secret), `CLIENT_EARLY_TRAFFIC_SECRET` (alias `EARLY_TRAFFIC_SECRET`),
/// `CLIENT_HANDSHAKE_TRAFFIC_SECRET`, `SERVER_HANDSHAKE_TRAFFIC_SECRET`, `CLIENT_TRAFFIC_SECRET_0`,
/// `SERVER_TRAFFIC_SECRET_0`, `EXPORTER_SECRET`. Blank lines and `#` comments are ignored. A line with a
/// wrong field count, bad hex or wrong lengths is counted in `malformedLines` and skipped; a well-formed
/// line with another label (`RSA`, `CLIENT_TRAFFIC_SECRET_1`...; `RSA` lines carry 8 bytes, not a random) is counted in `unknownLabelLines`.
/// Hex is read case-insensitively. A later line for the same label and random replaces the earlier one.
///
/// A class so that one store can be shared by every connection of a worker and grow while they run;
/// it is not thread-safe: use it from one thread (one worker's pipeline).
package final class KeyLog {
    private var entries: [[UInt8]: KeyLogSecrets] = [:]
    /// Lines rejected as malformed.
    package private(set) var malformedLines: Int = 0
    /// Well-formed lines with a label this module does not use.
    package private(set) var unknownLabelLines: Int = 0
    /// Incremented whenever a secret is stored; connections compare it to know whether to retry.
    package private(set) var generation: UInt64 = 0
    /// The cap on stored client randoms (default 1,000,000); lines beyond it are counted here.
    package private(set) var droppedOverCap: Int = 0
    private let capacity: Int

    package init(capacity: Int = 1_000_000) { self.capacity = capacity }

    /// Number of client randoms with at least one secret.
    package var count: Int { entries.count }

    /// Adds complete lines (a whole file, or lines appended to it later). A final line without a
    /// newline is taken as complete.
    package func add(text: String) {
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            add(line: line)
        }
    }

    /// The pcapng Decryption Secrets Block secrets type for TLS key logs ("TLSK").
    package static let tlsKeyLogSecretsType: UInt32 = 0x544c_534b

    /// Adds the secrets of a pcapng Decryption Secrets Block (what `editcap --inject-secrets` writes):
    /// `type` is the block's secrets type and `data` its secrets data (NSS key log text for "TLSK").
    /// Returns false, ignoring the data, for other secrets types (WireGuard, ZigBee, ...).
    @discardableResult
    package func add(decryptionSecretsType type: UInt32, data: UnsafeRawBufferPointer) -> Bool {
        guard type == KeyLog.tlsKeyLogSecretsType else { return false }
        add(text: String(decoding: data, as: UTF8.self))
        return true
    }

    /// The secrets known for a 32-byte client random, if any.
    package func secrets(clientRandom: [UInt8]) -> KeyLogSecrets? { entries[clientRandom] }

    private func add(line raw: Substring.UTF8View.SubSequence) {
        var line = Array(raw)
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == 9 { line.removeLast() }
        while let first = line.first, first == UInt8(ascii: " ") || first == 9 { line.removeFirst() }
        if line.isEmpty || line[0] == UInt8(ascii: "#") { return }
        let fields = line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == 9 })
        guard fields.count == 3, let first = KeyLog.decodeHex(fields[1]), let secret = KeyLog.decodeHex(fields[2]),
              !first.isEmpty, !secret.isEmpty
        else {
            malformedLines += 1
            return
        }
        let label = String(decoding: fields[0], as: UTF8.self)
        if label == "RSA" {
            // `RSA <first 8 bytes of the encrypted pre-master secret> <pre-master secret>`: not keyed by
            // client random; TLS 1.2 RSA sessions are decrypted through their CLIENT_RANDOM line instead.
            unknownLabelLines += 1
            return
        }
        guard first.count == 32 else {
            malformedLines += 1
            return
        }
        let random = first
        let keyPath: WritableKeyPath<KeyLogSecrets, [UInt8]?>
        switch label {
        case "CLIENT_RANDOM": keyPath = \.masterSecret
        case "CLIENT_EARLY_TRAFFIC_SECRET", "EARLY_TRAFFIC_SECRET": keyPath = \.clientEarlyTrafficSecret
        case "CLIENT_HANDSHAKE_TRAFFIC_SECRET": keyPath = \.clientHandshakeTrafficSecret
        case "SERVER_HANDSHAKE_TRAFFIC_SECRET": keyPath = \.serverHandshakeTrafficSecret
        case "CLIENT_TRAFFIC_SECRET_0": keyPath = \.clientTrafficSecret0
        case "SERVER_TRAFFIC_SECRET_0": keyPath = \.serverTrafficSecret0
        case "EXPORTER_SECRET": keyPath = \.exporterSecret
        default:
            unknownLabelLines += 1
            return
        }
        // Lengths: a master secret is 48 bytes; TLS 1.3 secrets are a hash length (32 or 48).
        if keyPath == \KeyLogSecrets.masterSecret {
            guard secret.count == 48 else { malformedLines += 1; return }
        } else {
            guard secret.count == 32 || secret.count == 48 else { malformedLines += 1; return }
        }
        if entries[random] == nil, entries.count >= capacity {
            droppedOverCap += 1
            return
        }
        entries[random, default: KeyLogSecrets()][keyPath: keyPath] = secret
        generation &+= 1
    }

    /// Even-length hex to bytes, nil on any other character.
    static func decodeHex<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8? = nil
        for c in text {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
