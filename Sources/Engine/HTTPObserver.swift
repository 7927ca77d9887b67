import Primitives
import Streams
import TLS
import HTTP1
import HTTP2

/// One row of `consenttap tls`: a TLS connection's metadata (schema `tls`, version 1).
package struct TLSLogRecord: Sendable {
    package var firstPacket: PacketRef
    package var uid: UInt64
    package var client: Endpoint
    package var server: Endpoint
    package var metadata: TLSMetadata
    /// The destination a proxy was asked for (`host:port`) when the connection is TLS inside a CONNECT
    /// or SOCKS tunnel; `server` is then the proxy.
    package var tunnelTarget: String? = nil
}

/// The stream handler behind `http`, `tls` and `analyze`: recognises each connection's protocol from
/// its first bytes (never its port), decrypts TLS when the key log has the secrets, and turns HTTP/1
/// and HTTP/2 conversations into `HTTPLogRecord`s and TLS connections into `TLSLogRecord`s.
package struct HTTPObserver: StreamHandler {
    /// What a connection is known to carry.
    package enum FlowState {
        case undecided
        case plain(PlainFlow)
        case tls(TLSFlow)
        /// TLS whose content cannot be decrypted: only byte counts still change.
        case opaqueTLS(OpaqueTLSFlow)
        /// DNS over TCP (RFC 1035 section 4.2.2): the server's answers, for the host learner.
        case dns(DNSOverTCPFlow)
        case ignored
    }

    /// The server's side of a DNS-over-TCP connection, cut into its length-prefixed messages.
    package final class DNSOverTCPFlow {
        var pending: [UInt8] = []

        /// Appends server bytes; returns the messages they complete.
        func receive(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
            pending.append(contentsOf: bytes)
            var messages: [[UInt8]] = []
            var at = 0
            while pending.count - at >= 2 {
                let length = Int(pending[at]) << 8 | Int(pending[at + 1])
                guard pending.count - at - 2 >= length else { break }
                messages.append(Array(pending[(at + 2)..<(at + 2 + length)]))
                at += 2 + length
            }
            pending.removeFirst(at)
            return messages
        }

        /// A connection's first client bytes that look like a DNS-over-TCP query: a length, then a header
        /// with QR 0, a standard opcode and one question, from a client to port 53.
        static func starts(_ bytes: UnsafeRawBufferPointer, flow: FlowInfo) -> Bool {
            guard flow.server.port == 53, bytes.count >= 14 else { return false }
            let length = Int(bytes[0]) << 8 | Int(bytes[1])
            return length >= 12 && bytes[4] & 0xF8 == 0 && bytes[6] == 0 && bytes[7] == 1
        }
    }

    /// Per-flow state lives in objects, so that changing it never copies the parsers.
    package final class PlainFlow {
        var stream: ApplicationStream
        var lastPending: PacketRef?
        private(set) var ignored = false
        init(_ stream: ApplicationStream) { self.stream = stream }

        /// Feeds the stream in place (in a method of the box, so that the stream is never copied out
        /// of it) and returns its oldest pending request (nil once the stream is ignored).
        func receive(_ chunk: StreamChunk, _ emit: (consuming ApplicationRequest) -> Void) -> PacketRef? {
            stream.receive(chunk, emit)
            let status = stream.status()
            if status.ignored { ignored = true; return nil }
            return status.pending
        }

        func takeAnomalies(into counters: inout CounterSet) { stream.takeAnomalies(into: &counters) }

        func takeTunnelledTLS() -> (chunks: [OwnedChunk], target: String?)? { stream.takeTunnelledTLS() }
    }

    package final class TLSFlow {
        var tls: TLSConnection
        var stream: ApplicationStream
        var lastPending: PacketRef?
        /// True once the stream has taken its first plaintext (and its ALPN hint): later plaintext is
        /// handed to it as it is decrypted, without a copy.
        var streaming = false
        /// The proxy tunnel's destination (`host:port`) when the connection is TLS inside CONNECT or SOCKS.
        var tunnelTarget: String?
        init(_ tls: TLSConnection, _ stream: ApplicationStream, tunnelTarget: String? = nil) {
            self.tls = tls
            self.stream = stream
            self.tunnelTarget = tunnelTarget
        }
    }

    package final class OpaqueTLSFlow {
        var metadata: TLSMetadata
        var counters: CounterSet
        var tunnelTarget: String?
        init(_ metadata: TLSMetadata, counters: CounterSet, tunnelTarget: String?) {
            self.metadata = metadata
            self.counters = counters
            self.tunnelTarget = tunnelTarget
        }
    }

    private let http1Limits: HTTP1Limits
    private let http2Limits: HTTP2Limits
    private let keyLog: KeyLog
    private let tlsLimits: TLSConnection.Limits
    /// Requests completed since the caller last drained them.
    package var completed: [HTTPLogRecord] = []
    /// TLS connections ended since the caller last drained them.
    package var completedTLS: [TLSLogRecord] = []
    /// DNS messages that servers sent over TCP since the caller last drained them, with their packet.
    package var completedDNS: [(message: [UInt8], packet: PacketRef)] = []
    /// The oldest in-progress request of each connection that has one.
    package private(set) var pendingByFlow: [UInt64: PacketRef] = [:]
    package private(set) var counters = CounterSet()
    package private(set) var requestCount = 0
    package private(set) var flowCount = 0

    package init(http1Limits: HTTP1Limits, http2Limits: HTTP2Limits, keyLog: KeyLog,
                 tlsLimits: TLSConnection.Limits = TLSConnection.Limits()) {
        self.http1Limits = http1Limits
        self.http2Limits = http2Limits
        self.keyLog = keyLog
        self.tlsLimits = tlsLimits
    }

    /// The first packet of the oldest request not yet complete on any connection.
    package var watermark: PacketRef? { pendingByFlow.values.min() }

    package mutating func flowOpened(_ flow: FlowInfo) -> FlowState {
        flowCount += 1
        return .undecided
    }

    package mutating func receive(_ chunk: StreamChunk, flow: FlowInfo, state: inout FlowState) {
        if case .undecided = state {
            guard !chunk.bytes.isEmpty else { return }
            if TLSConnection.looksLikeTLS(chunk.bytes) == true || TLSRecognition.looksLikeTLSRecord(chunk.bytes) {
                counters.add("flows_tls")
                state = .tls(TLSFlow(TLSConnection(keyLog: keyLog, limits: tlsLimits), makeStream()))
            } else if chunk.direction == .clientToServer, DNSOverTCPFlow.starts(chunk.bytes, flow: flow) {
                counters.add("flows_dns_tcp")
                state = .dns(DNSOverTCPFlow())
            } else {
                state = .plain(PlainFlow(makeStream()))
            }
        }
        switch state {
        case .undecided, .ignored:
            return
        case .dns(let f):
            guard chunk.direction == .serverToClient else { return }
            if chunk.gapBefore > 0 {   // the message framing is lost with the missing bytes
                counters.add("dns_tcp_gap")
                state = .ignored
                return
            }
            for message in f.receive(chunk.bytes) { completedDNS.append((message, chunk.firstPacket)) }
        case .opaqueTLS(let f):
            if chunk.direction == .clientToServer {
                f.metadata.bytesClientToServer += chunk.bytes.count
            } else {
                f.metadata.bytesServerToClient += chunk.bytes.count
            }
        case .plain(let f):
            let pending = f.receive(chunk) { collect($0, flow: flow, tls: nil) }
            f.takeAnomalies(into: &counters)
            updatePending(flow: flow.id, old: f.lastPending, new: pending)
            f.lastPending = pending
            if let tunnelled = f.takeTunnelledTLS() {
                // HTTPS through a forward proxy: the rest of the connection is TLS, decrypted like any other.
                counters.add("flows_tls_in_tunnel")
                updatePending(flow: flow.id, old: f.lastPending, new: nil)
                state = .tls(TLSFlow(TLSConnection(keyLog: keyLog, limits: tlsLimits), makeStream(), tunnelTarget: tunnelled.target))
                for piece in tunnelled.chunks { piece.withChunk { receive($0, flow: flow, state: &state) } }
            } else if f.ignored {
                state = .ignored
            }
        case .tls(let f):
            let first = completed.count
            var plaintext: [OwnedChunk] = []
            var decrypted = false
            if f.streaming {
                f.tls.receive(chunk) { c in
                    decrypted = true
                    f.stream.receive(c) { collect($0, flow: flow, tls: nil) }
                }
            } else {
                // The first plaintext waits for the handshake's ALPN, which tells the stream its protocol.
                f.tls.receive(chunk) { plaintext.append(OwnedChunk($0)) }
                decrypted = !plaintext.isEmpty
            }
            if !decrypted {
                guard let metadata = f.tls.opaqueMetadata() else { return }
                updatePending(flow: flow.id, old: f.lastPending, new: nil)
                state = .opaqueTLS(OpaqueTLSFlow(metadata, counters: f.tls.counters, tunnelTarget: f.tunnelTarget))
                return
            }
            if !f.streaming {
                f.stream.hint(alpn: f.tls.currentMetadata().alpn)
                f.streaming = true
                for piece in plaintext {
                    piece.withChunk { c in f.stream.receive(c) { collect($0, flow: flow, tls: nil) } }
                }
            }
            // The requests completed by this chunk get the connection's TLS summary as of now.
            if completed.count > first {
                let summary = TLSSummary(f.tls.currentMetadata())
                for i in first..<completed.count { completed[i].tls = summary }
            }
            f.stream.takeAnomalies(into: &counters)
            if f.stream.takeTunnelledTLS() != nil { counters.add("tunnel_tls_in_tls_ignored") }
            let pending = f.stream.status().pending
            updatePending(flow: flow.id, old: f.lastPending, new: pending)
            f.lastPending = pending
        }
    }

    package mutating func flowClosed(_ flow: FlowInfo, reason: CloseReason, time: Timestamp, state: inout FlowState) {
        switch state {
        case .undecided, .ignored, .dns:
            return
        case .opaqueTLS(let f):
            counters.merge(f.counters)
            completedTLS.append(TLSLogRecord(firstPacket: flow.firstPacket, uid: flow.id, client: flow.client,
                                             server: flow.server, metadata: f.metadata, tunnelTarget: f.tunnelTarget))
        case .plain(let f):
            f.stream.finish { collect($0, flow: flow, tls: nil) }
            f.stream.takeAnomalies(into: &counters)
            updatePending(flow: flow.id, old: f.lastPending, new: nil)
        case .tls(let f):
            let summary = TLSSummary(f.tls.metadata)
            f.stream.finish { collect($0, flow: flow, tls: summary) }
            f.stream.takeAnomalies(into: &counters)
            counters.merge(f.tls.counters)
            updatePending(flow: flow.id, old: f.lastPending, new: nil)
            completedTLS.append(TLSLogRecord(firstPacket: flow.firstPacket, uid: flow.id, client: flow.client,
                                             server: flow.server, metadata: f.tls.metadata, tunnelTarget: f.tunnelTarget))
        }
        state = .ignored
    }

    // MARK: - Helpers

    private func makeStream() -> ApplicationStream {
        ApplicationStream(http1Limits: http1Limits, http2Limits: http2Limits)
    }

    private mutating func collect(_ request: consuming ApplicationRequest, flow: FlowInfo, tls: TLSSummary?) {
        requestCount += 1
        switch consume request {
        case .http1(let r):
            completed.append(HTTPLogRecord(r, uid: flow.id, client: flow.client, server: flow.server, tls: tls))
        case .http2(let r):
            completed.append(HTTPLogRecord(r, uid: flow.id, client: flow.client, server: flow.server, tls: tls))
        }
    }

    private mutating func updatePending(flow: UInt64, old: PacketRef?, new: PacketRef?) {
        guard old != new else { return }
        if let new { pendingByFlow[flow] = new } else { pendingByFlow.removeValue(forKey: flow) }
    }
}

/// A copy of a borrowed chunk, for bytes that must outlive the callback that lent them.
struct OwnedChunk {
    var direction: Direction
    var bytes: [UInt8]
    var gapBefore: Int
    var firstPacket: PacketRef
    var time: Timestamp

    init(_ chunk: StreamChunk) {
        direction = chunk.direction
        bytes = Array(chunk.bytes)
        gapBefore = chunk.gapBefore
        firstPacket = chunk.firstPacket
        time = chunk.time
    }

    func withChunk(_ body: (StreamChunk) -> Void) {
        bytes.withUnsafeBytes {
            body(StreamChunk(direction: direction, bytes: $0, gapBefore: gapBefore, firstPacket: firstPacket, time: time))
        }
    }
}

/// Recognises a TLS record header (RFC 8446 §5.1): content type 20...24, legacy version 3.x.
package enum TLSRecognition {
    package static func looksLikeTLSRecord(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3 else { return false }
        return (20...24).contains(bytes[0]) && bytes[1] == 3 && bytes[2] <= 4
    }
}

extension TLSSummary {
    init(_ m: TLSMetadata) {
        self.init(sni: m.sni, version: m.version, cipher: m.cipher, alpn: m.alpn, decrypted: m.decrypted)
    }
}

extension TLSLogRecord {
    /// Writes the row as one JSON object (schema `tls`, version 1; keys documented in README.md).
    package func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("ts", firstPacket.time)
        json.key("uid"); json.int(Int(uid))
        json.field("client", client)
        json.field("server", server)
        json.field("sni", metadata.sni)
        json.field("tunnel", tunnelTarget)
        json.field("version", metadata.version)
        json.field("cipher", metadata.cipher)
        json.field("alpn", metadata.alpn)
        json.key("alpn_offered")
        json.beginArray()
        for a in metadata.alpnOffered { json.string(a) }
        json.endArray()
        json.field("ja4", metadata.ja4)
        json.field("bytes_to_server", metadata.bytesClientToServer)
        json.field("bytes_to_client", metadata.bytesServerToClient)
        json.field("hello_retry_request", metadata.helloRetryRequest)
        json.field("decrypted", metadata.decrypted)
        json.field("reason", metadata.decrypted && metadata.notDecryptedReason == nil ? nil : metadata.notDecryptedReason)
        json.endObject()
    }
}
