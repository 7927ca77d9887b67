import Primitives
import Streams
import HTTP1

/// The stream handler of `consenttap http`: recognises each connection's protocol from its first
/// bytes (never from its port) and turns HTTP/1 conversations into `HTTPLogRecord`s.
///
/// Recognition: a TLS record header goes to the TLS path (metadata only until keys are given); an
/// HTTP request or response line makes the connection HTTP/1; anything else is still given to the
/// HTTP/1 parser, which resynchronises on the next request line (mid-stream pickup), but only for
/// `unrecognisedBudget` bytes, after which the connection is ignored (`flow_not_http`).
package struct HTTPObserver: StreamHandler {
    /// What a connection is known to carry.
    package enum FlowState {
        case undecided
        case http1(HTTP1Connection, budget: Int?, lastPending: PacketRef?)
        case tls
        case ignored
    }

    package var limits: HTTP1Limits
    package var unrecognisedBudget = 65_536
    /// Records completed since the caller last drained them.
    package var completed: [HTTPLogRecord] = []
    /// The oldest in-progress request of each connection that has one.
    package private(set) var pendingByFlow: [UInt64: PacketRef] = [:]
    package private(set) var counters = CounterSet()
    package private(set) var requestCount = 0
    package private(set) var flowCount = 0
    private var events: [HTTP1Event] = []

    package init(limits: HTTP1Limits) { self.limits = limits }

    /// The first packet of the oldest request not yet complete on any connection.
    package var watermark: PacketRef? { pendingByFlow.values.min() }

    package mutating func flowOpened(_ flow: FlowInfo) -> FlowState {
        flowCount += 1
        return .undecided
    }

    package mutating func receive(_ chunk: StreamChunk, flow: FlowInfo, state: inout FlowState) {
        if case .undecided = state {
            guard !chunk.bytes.isEmpty else { return }
            state = recognise(chunk.bytes)
        }
        switch state {
        case .undecided, .tls, .ignored:
            return
        case .http1(var connection, var budget, let lastPending):
            state = .ignored  // moved out so the connection is uniquely referenced while it changes
            events.removeAll(keepingCapacity: true)
            connection.receive(chunk, events: &events)
            if events.isEmpty, var remaining = budget {
                remaining -= chunk.bytes.count
                if remaining <= 0 {
                    counters.add("flow_not_http")
                    updatePending(flow: flow.id, old: lastPending, new: nil)
                    return
                }
                budget = remaining
            } else {
                budget = nil
            }
            collect(flow: flow)
            let pending = connection.earliestPendingRequest
            updatePending(flow: flow.id, old: lastPending, new: pending)
            state = .http1(connection, budget: budget, lastPending: pending)
        }
    }

    package mutating func flowClosed(_ flow: FlowInfo, reason: CloseReason, time: Timestamp, state: inout FlowState) {
        guard case .http1(var connection, _, let lastPending) = state else { return }
        state = .ignored
        events.removeAll(keepingCapacity: true)
        connection.finish(events: &events)
        collect(flow: flow)
        updatePending(flow: flow.id, old: lastPending, new: nil)
    }

    // MARK: - Helpers

    private mutating func recognise(_ bytes: UnsafeRawBufferPointer) -> FlowState {
        if TLSRecognition.looksLikeTLSRecord(bytes) {
            counters.add("flows_tls")
            return .tls
        }
        switch HTTP1Sniff.sniff(bytes) {
        case .request, .response:
            return .http1(HTTP1Connection(limits: limits), budget: nil, lastPending: nil)
        case .notHTTP, .needMoreBytes:
            return .http1(HTTP1Connection(limits: limits), budget: unrecognisedBudget, lastPending: nil)
        }
    }

    private mutating func collect(flow: FlowInfo) {
        for event in events {
            switch event {
            case .request(let request):
                requestCount += 1
                completed.append(HTTPLogRecord(request, uid: flow.id, client: flow.client, server: flow.server, tls: nil))
            case .anomaly(let name):
                counters.add("http_" + name)
            case .protocolSwitch(let to, _):
                counters.add("http_switch_" + to)
            }
        }
    }

    private mutating func updatePending(flow: UInt64, old: PacketRef?, new: PacketRef?) {
        guard old != new else { return }
        if let new { pendingByFlow[flow] = new } else { pendingByFlow.removeValue(forKey: flow) }
    }
}

/// Recognises a TLS record header (RFC 8446 §5.1): content type 20...24, legacy version 3.x.
package enum TLSRecognition {
    package static func looksLikeTLSRecord(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3 else { return false }
        return (20...24).contains(bytes[0]) && bytes[1] == 3 && bytes[2] <= 4
    }
}
