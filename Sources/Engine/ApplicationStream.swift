import Primitives
import HTTP1
import HTTP2

/// A request found in a connection's application bytes, before connection facts are attached.
package enum ApplicationRequest {
    case http1(HTTPRequestRecord)
    case http2(HTTP2StreamRecord)
}

/// The application protocol carried by one byte stream (plaintext TCP, or TLS after decryption),
/// recognised from its first bytes, never from its port.
///
/// Recognition: the HTTP/2 client preface makes it HTTP/2 (prior knowledge, or ALPN h2 inside TLS);
/// an HTTP/1 request or response line makes it HTTP/1; anything else still goes to the HTTP/1 parser,
/// which resynchronises at the next request line (mid-stream pickup), but only for `budget` bytes,
/// after which the stream is ignored. An HTTP/1 `Upgrade: h2c` switch hands the rest to HTTP/2.
package struct ApplicationStream {
    private enum State {
        case undecided
        case http1(HTTP1Box)
        case http2(HTTP2Box)
        /// After `CONNECT` and a 2xx (RFC 9110 §9.3.6): the tunnel's bytes are another stream to recognise.
        indirect case tunnel(ApplicationStream)
        /// The tunnel carries TLS: its bytes wait in `tunnelledTLS` for the owner, who decrypts them.
        case tunnelledTLS
        /// A SOCKS 4/4a/5 handshake, after which the bytes are a tunnel like `CONNECT`'s.
        case socks(SOCKSBox)
        case ignored
    }

    private var state = State.undecided
    /// Server bytes that arrived before the client spoke (HTTP/2 servers send SETTINGS first); replayed
    /// once the protocol is known. Bounded by `maxHeldServerBytes`.
    private var heldServer: [OwnedChunk] = []
    private var heldServerBytes = 0
    private let maxHeldServerBytes = 65_536
    private let http1Limits: HTTP1Limits
    private let http2Limits: HTTP2Limits
    private let budget: Int
    /// The tunnel's bytes since it was found to carry TLS (bounded by `maxHeldServerBytes`).
    private var tunnelledTLS: [OwnedChunk] = []
    private var tunnelledTLSBytes = 0
    /// The destination a tunnel was asked for: the last `CONNECT` request's target, or the SOCKS request's.
    private var tunnelTarget: String?
    private var http1Events: [HTTP1Event] = []
    private var http2Events: [HTTP2Event] = []
    /// Anomaly names seen since the caller last took them.
    package var anomalies: [String] = []
    package private(set) var ignoredAsNotHTTP = false

    package init(http1Limits: HTTP1Limits, http2Limits: HTTP2Limits, unrecognisedBudget: Int = 65_536) {
        self.http1Limits = http1Limits
        self.http2Limits = http2Limits
        budget = unrecognisedBudget
    }

    /// Whether the stream is ignored, and its oldest pending request. `mutating` only so that a
    /// stream kept in a class is read in place: a getter called through a class reference copies
    /// the whole stream first (measured per chunk on the hot path).
    package mutating func status() -> (ignored: Bool, pending: PacketRef?) {
        (isIgnored, earliestPendingRequest)
    }

    /// Adds the anomalies seen since the last call to `counters`.
    package mutating func takeAnomalies(into counters: inout CounterSet) {
        guard !anomalies.isEmpty else { return }
        for name in anomalies { counters.add(name) }
        anomalies.removeAll(keepingCapacity: true)
    }

    /// True once the stream is known to carry nothing we parse.
    package var isIgnored: Bool {
        switch state {
        case .ignored: return true
        case .tunnel(let inner): return inner.isIgnored
        case .undecided, .http1, .http2, .tunnelledTLS, .socks: return false
        }
    }

    /// The first packet of the oldest request not yet emitted.
    package var earliestPendingRequest: PacketRef? {
        switch state {
        case .http1(let box): return box.connection.earliestPendingRequest
        case .http2(let box): return box.connection.earliestPendingRequest
        case .tunnel(let inner): return inner.earliestPendingRequest
        case .undecided, .ignored, .tunnelledTLS, .socks: return nil
        }
    }

    /// The bytes of a CONNECT or SOCKS tunnel that carries TLS, once it is found to (nil before, and
    /// after they were taken), with the tunnel's destination (`host:port`) when the handshake named it:
    /// the owner decrypts them as a TLS connection of its own, and feeds it what follows. The stream
    /// itself ignores the rest.
    mutating func takeTunnelledTLS() -> (chunks: [OwnedChunk], target: String?)? {
        guard case .tunnelledTLS = state else { return nil }
        state = .ignored
        defer { tunnelledTLS = []; tunnelledTLSBytes = 0 }
        return (tunnelledTLS, tunnelTarget)
    }

    /// Uses the protocol TLS negotiated (ALPN): `h2` means HTTP/2 whatever comes first.
    package mutating func hint(alpn: String?) {
        guard case .undecided = state, alpn == "h2" else { return }
        state = .http2(HTTP2Box(HTTP2Connection(limits: http2Limits)))
    }

    package mutating func receive(_ chunk: StreamChunk, _ emit: (consuming ApplicationRequest) -> Void) {
        if case .undecided = state {
            guard !chunk.bytes.isEmpty else { return }
            if chunk.direction == .serverToClient, HTTP1Sniff.sniff(chunk.bytes) != .response,
               heldServerBytes + chunk.bytes.count <= maxHeldServerBytes {
                heldServer.append(OwnedChunk(chunk))
                heldServerBytes += chunk.bytes.count
                return
            }
            state = recognise(chunk)
        }
        guard heldServer.isEmpty else {
            // The client's first bytes decided the protocol (or ALPN did): replay what the server sent.
            let held = heldServer
            heldServer = []
            heldServerBytes = 0
            // Server bytes keep their order: held ones go before a new server chunk.
            if chunk.direction == .clientToServer { receiveDecided(chunk, emit) }
            for h in held { h.withChunk { receiveDecided($0, emit) } }
            if chunk.direction == .serverToClient { receiveDecided(chunk, emit) }
            return
        }
        receiveDecided(chunk, emit)
    }

    private mutating func receiveDecided(_ chunk: StreamChunk, _ emit: (consuming ApplicationRequest) -> Void) {
        switch state {
        case .undecided, .ignored:
            return
        case .tunnelledTLS:
            holdTunnelledTLS(chunk)
        case .socks(let box):
            switch box.handshake.receive(chunk.bytes, from: chunk.direction) {
            case .pending:
                return
            case .open:
                anomalies.append("switch_socks")
                tunnelTarget = box.handshake.target
                let (client, server) = box.handshake.leftovers
                openTunnel(client: client, server: server, at: chunk.firstPacket, emit)
            case .failed(let reason):
                anomalies.append(reason)
                state = .ignored
                guard reason != "socks_refused" else { return }
                // Not SOCKS after all (a capture that starts mid-stream), or only one side of it was captured:
                // the bytes go to HTTP/1's resynchronisation.
                let (client, server) = box.handshake.buffered
                state = .http1(HTTP1Box(HTTP1Connection(limits: http1Limits), budget: budget))
                replay(client: client, server: server, at: chunk.firstPacket, emit)
            }
        case .http1(let box):
            if !http1Events.isEmpty { http1Events.removeAll(keepingCapacity: true) }   // delivery empties it
            box.connection.receive(chunk, events: &http1Events)
            if let left = box.budget {
                // Not recognised yet: only a request (parsed or pending) proves HTTP; anomalies about junk do not.
                var sawHTTP = box.connection.earliestPendingRequest != nil
                for i in http1Events.indices where !sawHTTP {
                    if case .anomaly = http1Events[i] { continue }
                    sawHTTP = true
                }
                if sawHTTP {
                    box.budget = nil
                } else {
                    if left - chunk.bytes.count <= 0 {
                        ignoredAsNotHTTP = true
                        anomalies.append("flow_not_http")
                        state = .ignored
                        return
                    }
                    box.budget = left - chunk.bytes.count
                }
            }
            deliverHTTP1(box, emit)
        case .http2(let box):
            if !http2Events.isEmpty { http2Events.removeAll(keepingCapacity: true) }
            box.connection.receive(chunk, events: &http2Events)
            deliverHTTP2(emit)
        case .tunnel(var inner):
            if case .undecided = inner.state, chunk.direction == .clientToServer, TLSRecognitionHint.isTLS(chunk.bytes) {
                // A ClientHello: the tunnel is a TLS connection (HTTPS through a forward proxy).
                state = .tunnelledTLS
                holdTunnelledTLS(chunk)
                for held in inner.heldServer { held.withChunk { holdTunnelledTLS($0) } }
                return
            }
            state = .ignored
            inner.receive(chunk, emit)
            anomalies.append(contentsOf: inner.anomalies)
            inner.anomalies.removeAll()
            state = .tunnel(inner)
        }
    }

    /// The stream ended: pending requests are emitted as they stand.
    package mutating func finish(_ emit: (consuming ApplicationRequest) -> Void) {
        switch state {
        case .http1(let box):
            state = .ignored
            http1Events.removeAll(keepingCapacity: true)
            box.connection.finish(events: &http1Events)
            deliverHTTP1(box, emit)
        case .http2(let box):
            state = .ignored
            http2Events.removeAll(keepingCapacity: true)
            box.connection.finish(events: &http2Events)
            deliverHTTP2(emit)
        case .tunnel(var inner):
            state = .ignored
            inner.finish(emit)
            anomalies.append(contentsOf: inner.anomalies)
        case .undecided, .ignored, .tunnelledTLS, .socks:
            state = .ignored
        }
    }

    // MARK: - Helpers

    /// The tunnel after `CONNECT` or SOCKS: plaintext HTTP (forward proxies) or TLS (handed to the owner),
    /// starting with the bytes each side sent after the handshake.
    private mutating func openTunnel(client: ArraySlice<UInt8>, server: ArraySlice<UInt8>, at ref: PacketRef,
                                     _ emit: (consuming ApplicationRequest) -> Void) {
        state = .tunnel(ApplicationStream(http1Limits: http1Limits, http2Limits: http2Limits, unrecognisedBudget: budget))
        replay(client: client, server: server, at: ref, emit)
    }

    /// Feeds held bytes of each direction (the client's first) to the current state.
    private mutating func replay(client: ArraySlice<UInt8>, server: ArraySlice<UInt8>, at ref: PacketRef,
                                 _ emit: (consuming ApplicationRequest) -> Void) {
        for (direction, bytes) in [(Direction.clientToServer, client), (.serverToClient, server)] where !bytes.isEmpty {
            bytes.withUnsafeBytes { raw in
                receiveDecided(StreamChunk(direction: direction, bytes: raw, firstPacket: ref, time: ref.time), emit)
            }
        }
    }

    /// Keeps a chunk of a TLS tunnel for the owner; a tunnel nobody takes is given up when the bound is reached.
    private mutating func holdTunnelledTLS(_ chunk: StreamChunk) {
        guard tunnelledTLSBytes + chunk.bytes.count <= maxHeldServerBytes else {
            anomalies.append("tunnel_tls_not_taken")
            state = .ignored
            tunnelledTLS = []
            tunnelledTLSBytes = 0
            return
        }
        tunnelledTLS.append(OwnedChunk(chunk))
        tunnelledTLSBytes += chunk.bytes.count
    }

    private func recognise(_ chunk: StreamChunk) -> State {
        if TLSRecognitionHint.isTLS(chunk.bytes) { return .ignored }  // only inside a tunnel: TLS flows are routed before
        if chunk.direction == .clientToServer, SOCKSHandshake.starts(chunk.bytes) {
            return .socks(SOCKSBox(SOCKSHandshake(version: chunk.bytes[0])))
        }
        if chunk.direction == .clientToServer, HTTP2Preface.matches(chunk.bytes) != false {
            return .http2(HTTP2Box(HTTP2Connection(limits: http2Limits)))
        }
        switch HTTP1Sniff.sniff(chunk.bytes) {
        case .request, .response:
            return .http1(HTTP1Box(HTTP1Connection(limits: http1Limits), budget: nil))
        case .notHTTP, .needMoreBytes:
            return .http1(HTTP1Box(HTTP1Connection(limits: http1Limits), budget: budget))
        }
    }

    private mutating func deliverHTTP1(_ box: HTTP1Box, _ emit: (consuming ApplicationRequest) -> Void) {
        var switchedTo: String?
        // Events are moved out (reversed, then popped), so no record is copied on its way out.
        http1Events.reverse()
        while let event = http1Events.popLast() {
            switch consume event {
            case .request(let r):
                if let target = r.connectTarget { tunnelTarget = target }
                emit(.http1(r))
            case .anomaly(let name): anomalies.append(name)
            case .protocolSwitch(let to, _): switchedTo = to
            }
        }
        guard let to = switchedTo, case .http1 = state else { return }
        let connection = box.connection  // a copy: only on a protocol switch
        anomalies.append("switch_" + to)
        if to == "tunnel" {
            let residue = connection.switchResidue
            openTunnel(client: (residue?.clientBytes ?? [])[...], server: (residue?.serverBytes ?? [])[...],
                       at: connection.earliestPendingRequest ?? PacketRef(time: .zero, index: 0), emit)
            return
        }
        guard to == "h2c", let residue = connection.switchResidue else {
            state = .ignored
            return
        }
        // RFC 9113 §3.2 (RFC 7540 §3.2): after 101, both sides speak HTTP/2; the upgrade request is stream 1.
        var h2 = HTTP2Connection(limits: http2Limits, upgradedFromHTTP1: true)
        http2Events.removeAll(keepingCapacity: true)
        let ref = connection.earliestPendingRequest ?? PacketRef(time: .zero, index: 0)
        for (direction, bytes) in [(Direction.clientToServer, residue.clientBytes), (.serverToClient, residue.serverBytes)] where !bytes.isEmpty {
            bytes.withUnsafeBytes { raw in
                h2.receive(StreamChunk(direction: direction, bytes: raw, firstPacket: ref, time: ref.time), events: &http2Events)
            }
        }
        state = .http2(HTTP2Box(h2))
        deliverHTTP2(emit)
    }

    private mutating func deliverHTTP2(_ emit: (consuming ApplicationRequest) -> Void) {
        http2Events.reverse()
        while let event = http2Events.popLast() {
            switch consume event {
            case .request(let r): emit(.http2(r))
            case .anomaly(let name): anomalies.append(name)
            }
        }
    }
}

enum TLSRecognitionHint {
    static func isTLS(_ bytes: UnsafeRawBufferPointer) -> Bool { TLSRecognition.looksLikeTLSRecord(bytes) }
}

/// HTTP/1 parser state held by reference inside the stream's enum, so changing it copies nothing.
final class HTTP1Box {
    var connection: HTTP1Connection
    /// Bytes still allowed before an unrecognised stream is given up (nil once HTTP was seen).
    var budget: Int?
    init(_ connection: HTTP1Connection, budget: Int?) { self.connection = connection; self.budget = budget }
}

/// A SOCKS handshake held by reference inside the stream's enum.
final class SOCKSBox {
    var handshake: SOCKSHandshake
    init(_ handshake: SOCKSHandshake) { self.handshake = handshake }
}

/// HTTP/2 parser state held by reference inside the stream's enum.
final class HTTP2Box {
    var connection: HTTP2Connection
    init(_ connection: HTTP2Connection) { self.connection = connection }
}
