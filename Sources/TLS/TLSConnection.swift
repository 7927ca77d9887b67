import Primitives

/// One TLS connection (both directions): reads records, reassembles handshake messages, extracts
/// metadata and, with keys from a `KeyLog`, decrypts application data.
///
/// Feed the reassembled TCP chunks of both directions in capture order with `receive`; decrypted
/// application data comes back through the callback as chunks of the same direction, carrying the
/// first packet and time of the record that held them, and `gapBefore == Int.max` after a lost record.
/// The callback's bytes are borrowed for the call only; the callback must not touch this connection.
///
/// Per direction:
///
///     cleartext --(TLS 1.3 ServerHello | TLS 1.2 ChangeCipherSpec)--> encrypted --(auth failure)--> stopped
///                      encrypted: handshake keys --(Finished)--> application keys --(KeyUpdate)--> next
///
/// Keys: TLS 1.3 from the logged traffic secrets (0-RTT from CLIENT_EARLY_TRAFFIC_SECRET, see
/// `TLSConnection+EarlyData.swift`), TLS 1.2 from CLIENT_RANDOM (full and resumed handshakes alike).
/// Records whose keys are not logged yet are held and decrypted by `retryPending` once they are.
///
/// Limits: one partial record per direction (2^14 + 2048 + 5 bytes), handshake messages up to 128 KiB
/// (longer ones skipped), `Limits.pendingBytes` of encrypted records held at most `Limits.pendingWait`
/// (capture time) while keys are missing, a 64 KiB window to resynchronise after a gap.
/// Bad input never traps: malformed framing stops that direction (counted, reason `gap`); a gap in the
/// TCP stream during application data is resynchronised by authenticating the next whole record under
/// the current keys (see `TLSConnection+Resync.swift`), any other gap stops the direction (reason
/// `gap`); a record that fails authentication stops it with reason `decrypt_error`.
package struct TLSConnection {
    /// Memory bounds, per connection.
    package struct Limits: Sendable {
        /// Encrypted bytes buffered while their keys are not in the key log yet (default 1 MiB).
        /// Beyond it the direction stops and `tls_pending_dropped` counts the record.
        package var pendingBytes: Int = 1 << 20
        /// How long (capture time) held records wait for their keys (default 30 s). Checked when the
        /// connection receives a chunk or `expirePending(now:)` is called; expired records are dropped,
        /// counted in `tls_pending_expired`, and their direction stops (reason `no_key`).
        package var pendingWait: Duration = .seconds(30)
        package init() {}
    }

    enum Mode { case cleartext, encrypted, stopped }
    enum Epoch { case handshake, application }

    struct Side {
        var reader = RecordReader()
        var handshake = HandshakeReassembler()
        var mode: Mode = .cleartext
        var epoch: Epoch = .handshake
        /// nil while encrypted and the keys are not known.
        var cipher: RecordCipher? = nil
        /// Client only: 0-RTT keys, from the first early record until EndOfEarlyData.
        var earlyCipher: RecordCipher? = nil
        /// TLS 1.3 traffic secret of the current epoch (for KeyUpdate).
        var trafficSecret: [UInt8] = []
        /// Records of this side waiting in `pending`.
        var pendingCount = 0
        /// The gap to report on the next plaintext chunk.
        var plaintextGap = 0
        var lost = false
        /// After a gap: bytes kept while looking for the next record boundary (see `resynchronise`).
        var resync: [UInt8]? = nil
        /// How many lost records the resynchronisation may assume.
        var resyncMaxSkip = 0
    }

    struct PendingRecord {
        var side: Int
        var header: RecordHeader
        var fragment: [UInt8]
        var origin: PacketRefBox
    }

    struct Stats {
        var records: UInt64 = 0
        var recordsDecrypted: UInt64 = 0
        var recordMalformed: UInt64 = 0
        var gaps: UInt64 = 0
        var authFailures: UInt64 = 0
        var handshakeMalformed: UInt64 = 0
        var helloExtensionsMalformed: UInt64 = 0
        var handshakeOversized: UInt64 = 0
        var pendingRecords: UInt64 = 0
        var pendingDropped: UInt64 = 0
        var pendingExpired: UInt64 = 0
        var keyUpdates: UInt64 = 0
        var helloRetryRequests: UInt64 = 0
        var alerts: UInt64 = 0
        var earlyDataSkipped: UInt64 = 0
        var earlyDataRecords: UInt64 = 0
        var unexpectedChangeCipherSpec: UInt64 = 0
        var cleartextApplicationData: UInt64 = 0
        var secondClientHello: UInt64 = 0
        var gapResynchronised: UInt64 = 0
        var gapResyncFailed: UInt64 = 0
        var secretLengthMismatch: UInt64 = 0
        var unsupportedSuite: UInt64 = 0
    }

    let keyLog: KeyLog
    let limits: Limits
    var sides: [Side] = [Side(), Side()]
    var clientHello: ClientHello?
    var serverHello: ServerHello?
    var tls12KeyBlock: [UInt8]?
    var pending: [PendingRecord] = []
    var pendingBytes = 0
    var seenGeneration: UInt64 = 0
    var scratch: [UInt8] = []
    var stats = Stats()
    var meta = TLSMetadata()
    var sawDecryptError = false
    var sawGap = false
    var unsupported = false
    var droppedForKeys = false
    /// Set from the ServerHello (kept apart so the per-record path does not copy the hello).
    var isTLS13 = false
    /// `isOpaque` as decided once the ServerHello was read (see `opaqueMetadata()`).
    var opaqueDecision: Bool?

    package init(keyLog: KeyLog, limits: Limits = Limits()) {
        self.keyLog = keyLog
        self.limits = limits
        self.seenGeneration = keyLog.generation
    }

    static func index(_ d: Direction) -> Int { d == .clientToServer ? 0 : 1 }
    static func direction(_ i: Int) -> Direction { i == 0 ? .clientToServer : .serverToClient }

    /// Whether a connection's first client bytes look like a TLS ClientHello record: handshake
    /// content type, major version 3, a plausible length and handshake type 1. nil = need more bytes.
    package static func looksLikeTLS(_ firstClientBytes: UnsafeRawBufferPointer) -> Bool? {
        let b = firstClientBytes
        if b.count >= 1, b[0] != 22 { return false }
        if b.count >= 2, b[1] != 3 { return false }
        if b.count >= 3, b[2] > 4 { return false }
        if b.count >= 5 {
            let length = Int(b[3]) << 8 | Int(b[4])
            if length < 4 || length > RecordHeader.maxFragment { return false }
        }
        if b.count >= 6 { return b[5] == 1 }
        return nil
    }

    /// True once nothing more can come out of this connection but byte counts: the ServerHello was
    /// read, the key log has no secrets for the client random (or the ClientHello was unreadable, so
    /// there is no random to look up), and no records may be held waiting for keys
    /// (`Limits.pendingBytes == 0`, the file-analysis setting). Callers may then stop feeding it.
    package var isOpaque: Bool {
        guard serverHello != nil, limits.pendingBytes == 0 else { return false }
        guard let random = clientHello?.random else { return true }
        return keyLog.secrets(clientRandom: random) == nil
    }

    /// `metadata` when the connection `isOpaque`, else nil. Mutating only so that callers holding the
    /// connection in a class property reach it in place (a getter would copy the whole connection).
    package mutating func opaqueMetadata() -> TLSMetadata? {
        // Decided once, when the ServerHello is in: the key-log lookup hashes the client random.
        if opaqueDecision == nil {
            guard serverHello != nil else { return nil }
            opaqueDecision = isOpaque
        }
        guard opaqueDecision == true else { return nil }
        var m = metadata
        if m.notDecryptedReason == nil { m.notDecryptedReason = "no_key" }
        return m
    }

    /// `metadata`, read in place (see `opaqueMetadata()`).
    package mutating func currentMetadata() -> TLSMetadata { metadata }

    /// Metadata so far.
    package var metadata: TLSMetadata {
        var m = meta
        if sawDecryptError {
            m.notDecryptedReason = "decrypt_error"
        } else if sawGap {
            m.notDecryptedReason = "gap"
        } else if unsupported {
            m.notDecryptedReason = "unsupported_suite"
        } else if droppedForKeys || !pending.isEmpty || sides.contains(where: { $0.mode == .encrypted && $0.cipher == nil }) {
            m.notDecryptedReason = "no_key"
        }
        return m
    }

    /// Counters with stable snake_case names (non-zero ones only).
    package var counters: CounterSet {
        var c = CounterSet()
        // Only non-zero counters: this set is built for every connection and merged into the run's.
        func put(_ name: String, _ value: UInt64) { if value != 0 { c.add(name, value) } }
        put("tls_records", stats.records)
        put("tls_records_decrypted", stats.recordsDecrypted)
        put("tls_record_malformed", stats.recordMalformed)
        put("tls_gap", stats.gaps)
        put("tls_decrypt_auth_failed", stats.authFailures)
        put("tls_handshake_malformed", stats.handshakeMalformed)
        put("tls_hello_extensions_malformed", stats.helloExtensionsMalformed)
        put("tls_handshake_message_too_large", stats.handshakeOversized)
        put("tls_records_pending_key", stats.pendingRecords)
        put("tls_pending_dropped", stats.pendingDropped)
        put("tls_pending_expired", stats.pendingExpired)
        put("tls_key_update", stats.keyUpdates)
        put("tls_hello_retry_request", stats.helloRetryRequests)
        put("tls_alert", stats.alerts)
        put("tls_early_data_skipped", stats.earlyDataSkipped)
        put("tls_early_data_records", stats.earlyDataRecords)
        put("tls_unexpected_change_cipher_spec", stats.unexpectedChangeCipherSpec)
        put("tls_cleartext_application_data", stats.cleartextApplicationData)
        put("tls_second_client_hello", stats.secondClientHello)
        put("tls_gap_resynchronised", stats.gapResynchronised)
        put("tls_gap_resync_failed", stats.gapResyncFailed)
        put("tls_keylog_secret_length_mismatch", stats.secretLengthMismatch)
        put("tls_unsupported_suite", stats.unsupportedSuite)
        return c
    }

    /// Feeds one reassembled chunk of either direction. Decrypted application data is handed to
    /// `plaintext` before this returns.
    package mutating func receive(_ chunk: StreamChunk, plaintext: (StreamChunk) -> Void) {
        let i = TLSConnection.index(chunk.direction)
        if i == 0 { meta.bytesClientToServer += chunk.bytes.count } else { meta.bytesServerToClient += chunk.bytes.count }
        if keyLog.generation != seenGeneration { retryPending(plaintext: plaintext) }
        if !pending.isEmpty { expirePending(now: chunk.time) }
        if chunk.gapBefore > 0 { markGap(i, bytes: chunk.gapBefore) }
        guard !sides[i].lost else { return }
        let origin = PacketRefBox(packet: chunk.firstPacket, time: chunk.time)
        if sides[i].resync != nil {
            resynchronise(i, chunk.bytes, origin, plaintext)
        } else {
            feed(i, chunk.bytes, origin, plaintext)
        }
        releaseIdleMemory(i)
    }

    /// Large working buffers are given back between chunks, so an idle connection costs a few hundred
    /// bytes rather than a record-sized buffer per direction (one allocation per chunk instead).
    private mutating func releaseIdleMemory(_ i: Int) {
        let keep = 4096
        if scratch.capacity > keep { scratch = [] }
        sides[i].reader.releaseIdleMemory(keepingAtMost: keep)
        sides[i].handshake.releaseIdleMemory(keepingAtMost: keep)
    }

    /// Splits contiguous bytes of one direction into records and handles each. A stopped direction
    /// (never restarted: `acceptServerHello` runs once, before any direction can stop) only counts
    /// its records, so their fragments are not copied.
    mutating func feed(_ i: Int, _ bytes: UnsafeRawBufferPointer, _ origin: PacketRefBox, _ plaintext: (StreamChunk) -> Void) {
        var offset = 0
        while offset < bytes.count, !sides[i].lost, sides[i].resync == nil {
            if sides[i].reader.hasPartial {
                let (taken, state) = sides[i].reader.fill(UnsafeRawBufferPointer(rebasing: bytes[offset...]),
                                                          keepFragment: sides[i].mode != .stopped)
                offset += taken
                switch state {
                case .needMore:
                    return
                case .malformed:
                    markMalformed(i)
                    return
                case .complete:
                    let storage = sides[i].reader.take()
                    let recordOrigin = PacketRefBox(packet: sides[i].reader.firstPacket.packet, time: origin.time)
                    storage.withUnsafeBytes { p in
                        handleRecord(i, RecordHeader(validated: p), UnsafeRawBufferPointer(rebasing: p[RecordHeader.size...]),
                                     recordOrigin, plaintext)
                    }
                    sides[i].reader.recycle(storage)
                }
            } else {
                let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
                if rest.count < RecordHeader.size {
                    sides[i].reader.start(rest, packet: origin, keepFragment: sides[i].mode != .stopped)
                    return
                }
                let header: RecordHeader
                do throws(TLSError) {
                    header = try RecordHeader(validating: rest)
                } catch {
                    markMalformed(i)
                    return
                }
                let total = RecordHeader.size + header.length
                if rest.count < total {
                    sides[i].reader.start(rest, packet: origin, keepFragment: sides[i].mode != .stopped)
                    return
                }
                handleRecord(i, header, UnsafeRawBufferPointer(rebasing: rest[RecordHeader.size..<total]), origin, plaintext)
                offset += total
            }
        }
    }

    /// Applies keys that reached the key log since the records were buffered, then decrypts the
    /// buffered records in their original order. Called by `receive` when the key log has grown; call
    /// it directly (e.g. on a timer tick) to flush a connection that receives nothing more.
    package mutating func retryPending(plaintext: (StreamChunk) -> Void) {
        seenGeneration = keyLog.generation
        for i in 0..<2 where sides[i].mode == .encrypted && sides[i].cipher == nil { installKeys(i) }
        guard !pending.isEmpty else { return }
        let list = pending
        pending = []
        pendingBytes = 0
        sides[0].pendingCount = 0
        sides[1].pendingCount = 0
        for record in list {
            record.fragment.withUnsafeBytes { f in
                handleRecord(record.side, record.header, f, record.origin, plaintext)
            }
        }
    }

    /// Drops held records older than `Limits.pendingWait` at capture time `now` (for a timer tick in
    /// live mode; `receive` calls it too). Their directions stop: later records could not be decrypted
    /// without the dropped ones' sequence numbers and key changes.
    package mutating func expirePending(now: Timestamp) {
        guard let oldest = pending.first?.origin.time else { return }
        let (seconds, attoseconds) = limits.pendingWait.components
        let wait = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
        guard now.nanoseconds &- oldest.nanoseconds > wait else { return }
        stats.pendingExpired &+= UInt64(pending.count)
        droppedForKeys = true
        for record in pending { sides[record.side].mode = .stopped }
        pending = []
        pendingBytes = 0
        sides[0].pendingCount = 0
        sides[1].pendingCount = 0
    }

    // MARK: - Records

    private mutating func markMalformed(_ i: Int) {
        stats.recordMalformed += 1
        sawGap = true
        sides[i].lost = true
        sides[i].reader.reset()
    }


    mutating func handleRecord(_ i: Int, _ header: RecordHeader, _ fragment: UnsafeRawBufferPointer,
                               _ origin: PacketRefBox, _ plaintext: (StreamChunk) -> Void) {
        stats.records += 1
        switch sides[i].mode {
        case .stopped:
            return
        case .cleartext:
            switch header.contentType {
            case 20:
                changeCipherSpec(i)
            case 21:
                stats.alerts += 1
            case 22:
                sides[i].handshake.append(fragment)
                drainHandshake(i)
            case 23:
                if i == 0, serverHello == nil, clientHello?.offersEarlyData == true {
                    earlyRecord(header, fragment, origin, plaintext)
                } else {
                    stats.cleartextApplicationData += 1
                }
            default:
                break
            }
        case .encrypted:
            if isTLS13, header.contentType != 23 {
                // Compatibility ChangeCipherSpec (RFC 8446 §5) or a cleartext alert.
                if header.contentType == 21 { stats.alerts += 1 }
                return
            }
            if i == 0, sides[0].earlyCipher != nil, sides[0].epoch == .handshake, sides[0].pendingCount == 0,
               openEarly(header, fragment, origin, plaintext) {
                return
            }
            if sides[i].cipher == nil || sides[i].pendingCount > 0 {
                hold(i, header, fragment, origin)
                return
            }
            open(i, header, fragment, origin, plaintext)
        }
    }

    private mutating func hold(_ i: Int, _ header: RecordHeader, _ fragment: UnsafeRawBufferPointer, _ origin: PacketRefBox) {
        guard pendingBytes + fragment.count <= limits.pendingBytes else {
            stats.pendingDropped += 1
            droppedForKeys = true
            sides[i].mode = .stopped
            return
        }
        pending.append(PendingRecord(side: i, header: header, fragment: Array(fragment), origin: origin))
        pendingBytes += fragment.count
        sides[i].pendingCount += 1
        stats.pendingRecords += 1
    }

    private mutating func open(_ i: Int, _ header: RecordHeader, _ fragment: UnsafeRawBufferPointer,
                               _ origin: PacketRefBox, _ plaintext: (StreamChunk) -> Void) {
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)
        defer { swap(&buffer, &scratch) }
        let outcome = sides[i].cipher!.open(type: header.contentType, version: header.version, fragment: fragment, into: &buffer)
        switch outcome {
        case .authenticationFailed, .malformed:
            if isTLS13, i == 0, sides[0].epoch == .handshake, clientHello?.offersEarlyData == true {
                // 0-RTT data the server may have rejected: not for the handshake keys (RFC 8446 §4.2.10).
                stats.earlyDataSkipped += 1
                return
            }
            stats.authFailures += 1
            sawDecryptError = true
            sides[i].mode = .stopped
            sides[i].cipher = nil
        case .opened(let contentType, let length):
            stats.recordsDecrypted += 1
            meta.decrypted = true
            buffer.withUnsafeBytes { p in
                let body = UnsafeRawBufferPointer(rebasing: p[0..<length])
                switch contentType {
                case 23:
                    let gap = sides[i].plaintextGap
                    sides[i].plaintextGap = 0
                    if length > 0 {
                        plaintext(StreamChunk(direction: TLSConnection.direction(i), bytes: body, gapBefore: gap,
                                              firstPacket: origin.packet, time: origin.time))
                    }
                case 22:
                    sides[i].handshake.append(body)
                case 21:
                    stats.alerts += 1
                default:
                    break
                }
            }
            if contentType == 22 { drainHandshake(i) }
        }
    }
}
