import Primitives

/// One connection's HTTP/1 state, both directions (RFC 9112): pairs requests with responses and
/// emits one `HTTPRequestRecord` per request, in request order.
///
/// Feed every `StreamChunk` of the connection in order with `receive`, then call `finish` once.
/// Chunk bytes are borrowed for the call only. A request is emitted when its body is done and its
/// final response head is seen (1xx interim responses are skipped; with `trackResponseBodies`, when
/// the response body is complete too), or at `finish` (then with `status` nil if no response came). Pipelined requests queue up to
/// `maxPendingRequests`. After `101 Switching Protocols` or a 2xx answer to `CONNECT`, parsing
/// stops and `.protocolSwitch` is emitted; `switchResidue` keeps the bytes that followed.
/// Client bytes after a request carrying `Upgrade` or a `CONNECT` are held (up to `maxHeldBytes`)
/// until its response decides whether they are HTTP/1.
/// Gaps (`gapBefore > 0`) inside a body of known length count as body bytes (`gaps` set); where
/// framing is lost the direction resynchronises at the next start line. Bad input never traps.
package struct HTTP1Connection {
    private enum Responding { case nothing, exchange(Int), orphan, interim }

    private struct Hold {
        var requestIndex: Int
        var bytes: [UInt8] = []
        var firstPacket: PacketRef?
        var capped = false
    }

    private let limits: HTTP1Limits
    private var client: HTTP1MessageParser
    private var server: HTTP1MessageParser
    /// Requests not yet emitted; `exchanges[0]` is request number `firstIndex`.
    private var exchanges: [HTTP1Exchange] = []
    private var firstIndex = 0
    private var requestCount = 0
    private var receivingRequest: Int?
    private var nextToAnswer = 0
    private var responding: Responding = .nothing
    private var clientHeadStart: PacketRef?
    private var clientGapPending = false
    private var serverGapPending = false
    private var hold: Hold?
    private var switched = false
    private var ended = false
    private var exportedSkipped = 0
    private var exportedResyncs = 0

    /// Counters (anomalies by name, drops, requests), for the run summary.
    package var counters: CounterSet {
        var set = namedCounters
        if requestsEmitted > 0 { set.add("http1_requests", requestsEmitted) }
        return set
    }
    private var namedCounters = CounterSet()
    /// `http1_requests`, kept as a plain field (counted per request, no hashing).
    private var requestsEmitted: UInt64 = 0
    /// Bytes that followed a protocol switch, once `.protocolSwitch` was emitted.
    package private(set) var switchResidue: HTTP1SwitchResidue?

    package init(limits: HTTP1Limits = HTTP1Limits()) {
        self.limits = limits
        client = HTTP1MessageParser(role: .request, limits: limits)
        server = HTTP1MessageParser(role: .response, limits: limits)
    }

    /// The first packet of the oldest request not yet emitted (including a head still arriving).
    /// Stored (updated at the end of `receive` and `finish`), so that reading it copies nothing.
    package private(set) var earliestPendingRequest: PacketRef?

    private func computeEarliestPendingRequest() -> PacketRef? {
        // `exchanges[0]`, not `exchanges.first`: the latter copies the whole exchange out first.
        if !exchanges.isEmpty { return exchanges[0].record.firstPacket }
        return hold?.firstPacket ?? (client.inHead ? clientHeadStart : nil)
    }

    /// Takes the next chunk of one direction; appends what became complete to `events`.
    package mutating func receive(_ chunk: StreamChunk, events: inout [HTTP1Event]) {
        if ended || switched {
            namedCounters.add(ended ? "http1_bytes_after_finish" : "http1_bytes_after_switch", UInt64(chunk.bytes.count))
            return
        }
        switch chunk.direction {
        case .clientToServer:
            if chunk.gapBefore > 0 { clientGap(chunk.gapBefore, &events) }
            if hold != nil {
                holdBytes(chunk.bytes, chunk.firstPacket, &events)
            } else {
                runClient(chunk.bytes, from: 0, packet: chunk.firstPacket, &events)
            }
        case .serverToClient:
            if chunk.gapBefore > 0 { serverGap(chunk.gapBefore, &events) }
            runServer(chunk.bytes, &events)
        }
        exportParserCounters()
        earliestPendingRequest = computeEarliestPendingRequest()
    }

    /// The connection ended: closes close-delimited responses, truncates unfinished bodies and
    /// emits every pending request (status nil when no response head was seen).
    package mutating func finish(events: inout [HTTP1Event]) {
        guard !ended else { return }
        if !switched {
            releaseHold(&events)
            switch client.finish() {
            case .clean: break
            case .messageEnd: endRequest(truncated: false, &events)
            case .messageTruncated: endRequest(truncated: true, &events)
            case .incompleteHead: anomaly("incomplete_request_head", &events)
            }
            switch server.finish() {
            case .clean: break
            case .messageEnd: endResponse(truncated: false, &events)
            case .messageTruncated: endResponse(truncated: true, &events)
            case .incompleteHead: anomaly("incomplete_response_head", &events)
            }
        }
        ended = true
        flush(upTo: Int.max, &events)
        exportParserCounters()
        earliestPendingRequest = computeEarliestPendingRequest()
    }

    // MARK: - Client direction

    private mutating func runClient(_ bytes: UnsafeRawBufferPointer, from start: Int, packet: PacketRef,
                                    _ events: inout [HTTP1Event]) {
        var offset = start
        while !switched, hold == nil, let event = client.next(bytes, &offset) {
            switch consume event {
            case .messageStart:
                clientHeadStart = packet
            case .head:
                startRequest(client.takeHead(), packet: clientHeadStart ?? packet, &events)
            case .body(let range):
                if let k = receivingRequest.flatMap(slot) {
                    exchanges[k].requestBody.append(UnsafeRawBufferPointer(rebasing: bytes[range]))
                }
            case .messageEnd:
                endRequest(truncated: false, &events)
            case .messageAnomaly(let name):
                if let k = receivingRequest.flatMap(slot) { exchanges[k].note(name) }
            case .messageAbandoned(let name):
                if let k = receivingRequest.flatMap(slot) { exchanges[k].note(name) } else { anomaly(name, &events) }
                endRequest(truncated: true, &events)
            case .anomaly(let name):
                clientHeadStart = nil
                anomaly(name, &events)
            case .lineSkipped:
                clientHeadStart = nil
            }
        }
        if !switched, hold != nil, offset < bytes.count {
            holdBytes(UnsafeRawBufferPointer(rebasing: bytes[offset...]), packet, &events)
        }
    }

    private mutating func startRequest(_ head: consuming HTTP1Head, packet: PacketRef, _ events: inout [HTTP1Event]) {
        guard case .request(let method, let target, let version) = head.startLine else { return }
        if exchanges.count >= limits.maxPendingRequests {
            namedCounters.add("http1_pending_request_cap")
            exchanges[0].note("pending_request_cap")
            if case .exchange(firstIndex) = responding { responding = .orphan }
            if nextToAnswer == firstIndex { nextToAnswer += 1 }
            if receivingRequest == firstIndex { receivingRequest = nil }
            flush(upTo: firstIndex, &events)
        }
        let isConnect = method == "CONNECT"
        // The record is built in the queue and completed in place (a local record moved into the
        // exchange was copied, strings and arrays retained one by one).
        let (framing, resync, framingNotes) = HTTP1Framing.request(head)
        exchanges.append(HTTP1Exchange(
            record: HTTPRequestRecord(
                firstPacket: packet, method: method, target: target, version: version, headers: head.headers,
                host: head.host, contentType: head.contentType, body: HTTPBodyInfo(), status: nil, responseBody: nil,
                gaps: clientGapPending, anomalies: head.anomalies, connectTarget: isConnect ? target : nil),
            requestBody: HTTP1BodyAccumulator(contentEncoding: head.contentEncoding,
                                              transferCodings: HTTP1Framing.innerTransferCodings(head), limits: limits),
            isHead: method == "HEAD", isConnect: isConnect, upgrade: head.upgrade))
        clientGapPending = false
        let k = exchanges.count - 1
        if let authority = HTTP1Framing.absoluteFormAuthority(target) {
            if let h = head.host, !HTTP1Syntax.equalsLowercased(h, authority.lowercased()) { exchanges[k].record.anomalies.append("host_mismatch") }
            exchanges[k].record.host = authority
        } else if isConnect, exchanges[k].record.host == nil {
            exchanges[k].record.host = target
        }
        if exchanges[k].record.host == nil && version != "1.0" { exchanges[k].record.anomalies.append("missing_host") }
        if !framingNotes.isEmpty { exchanges[k].record.anomalies += framingNotes }
        receivingRequest = requestCount
        requestCount += 1
        clientHeadStart = nil
        client.beginBody(framing, resync: resync)
    }

    private mutating func endRequest(truncated: Bool, _ events: inout [HTTP1Event]) {
        guard let index = receivingRequest else { return }
        receivingRequest = nil
        guard let k = slot(index) else { return }
        if truncated { exchanges[k].requestBody.markTruncated() }
        exchanges[k].requestDone = true
        if (exchanges[k].upgrade != nil || exchanges[k].isConnect) && nextToAnswer <= index {
            hold = Hold(requestIndex: index)
        }
        emitReady(&events)
    }

    private mutating func holdBytes(_ bytes: UnsafeRawBufferPointer, _ packet: PacketRef, _ events: inout [HTTP1Event]) {
        guard var h = hold, !bytes.isEmpty else { return }
        if h.firstPacket == nil { h.firstPacket = packet }
        let room = max(0, limits.maxHeldBytes - h.bytes.count)
        if room < bytes.count {
            namedCounters.add("http1_held_bytes_dropped", UInt64(bytes.count - room))
            if !h.capped { h.capped = true; anomaly("held_bytes_cap", &events) }
        }
        h.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(room, bytes.count)]))
        hold = h
    }

    /// Client bytes held for an upgrade decision are HTTP/1 after all: parse them now.
    private mutating func releaseHold(_ events: inout [HTTP1Event]) {
        guard let h = hold else { return }
        hold = nil
        guard let packet = h.firstPacket else { return }
        h.bytes.withUnsafeBytes { runClient($0, from: 0, packet: packet, &events) }
    }

    private mutating func clientGap(_ n: Int, _ events: inout [HTTP1Event]) {
        namedCounters.add("http1_client_gaps")
        releaseHold(&events)
        switch client.gap(n) {
        case .countedAsBody(let missing):
            if let k = receivingRequest.flatMap(slot) {
                exchanges[k].requestBody.addGap(missing)
                exchanges[k].record.gaps = true
            }
        case .messageAbandoned:
            if let k = receivingRequest.flatMap(slot) {
                exchanges[k].record.gaps = true
                exchanges[k].note("gap_lost_framing")
            }
            endRequest(truncated: true, &events)
            clientGapPending = true
        case .headLost, .betweenMessages, .ignored:
            clientHeadStart = nil
            clientGapPending = true
        }
    }

    // MARK: - Server direction

    private mutating func runServer(_ bytes: UnsafeRawBufferPointer, _ events: inout [HTTP1Event]) {
        var offset = 0
        while !switched, let event = server.next(bytes, &offset) {
            switch consume event {
            case .messageStart:
                break
            case .head:
                responseHead(server.takeHead(), rest: UnsafeRawBufferPointer(rebasing: bytes[offset...]), &events)
            case .body(let range):
                if case .exchange(let i) = responding, let k = slot(i) {
                    exchanges[k].responseBody?.append(UnsafeRawBufferPointer(rebasing: bytes[range]))
                }
            case .messageEnd:
                endResponse(truncated: false, &events)
            case .messageAnomaly(let name):
                if case .exchange(let i) = responding, let k = slot(i) { exchanges[k].note("response_" + name) }
            case .messageAbandoned(let name):
                if case .exchange(let i) = responding, let k = slot(i) {
                    exchanges[k].note("response_" + name)
                } else {
                    anomaly("response_" + name, &events)
                }
                endResponse(truncated: true, &events)
            case .anomaly(let name):
                anomaly(name, &events)
            case .lineSkipped:
                break
            }
        }
    }

    private mutating func responseHead(_ head: HTTP1Head, rest: UnsafeRawBufferPointer, _ events: inout [HTTP1Event]) {
        guard case .response(_, let status, _) = head.startLine else { return }
        if status < 200 && status != 101 {
            namedCounters.add("http1_interim_responses")
            responding = .interim
            server.beginBody(.none)
            return
        }
        var target: Int?
        if nextToAnswer < requestCount {
            target = nextToAnswer
            nextToAnswer += 1
        } else {
            anomaly("response_without_request", &events)
        }
        guard let index = target, let k = slot(index) else {
            responding = .orphan
            server.beginBody(HTTP1Framing.response(head, status: status, isHead: false, note: { _ in }))
            return
        }
        exchanges[k].record.status = status
        let switching = status == 101 || (exchanges[k].isConnect && (200..<300).contains(status))
        // Without `trackResponseBodies` the body is not counted: no accumulator, except for the
        // switch, whose record is emitted with it below.
        if limits.trackResponseBodies || switching {
            exchanges[k].responseBody = HTTP1BodyAccumulator(contentEncoding: head.contentEncoding,
                                                             transferCodings: HTTP1Framing.innerTransferCodings(head),
                                                             limits: limits)
        }
        for name in head.anomalies { exchanges[k].note("response_" + name) }
        if serverGapPending { exchanges[k].record.gaps = true; serverGapPending = false }
        responding = .exchange(index)

        if switching {
            let to = status == 101 ? (head.upgrade ?? exchanges[k].upgrade ?? "unknown") : "tunnel"
            switchProtocol(to: to, requestIndex: index, serverRest: rest, &events)
            return
        }
        let isHead = exchanges[k].isHead
        var notes: [String] = []
        server.beginBody(HTTP1Framing.response(head, status: status, isHead: isHead, note: { notes.append($0) }))
        for name in notes { exchanges[k].note("response_" + name) }
        if !limits.trackResponseBodies {
            // Emit at the final response head: the body is still framed, but not counted.
            exchanges[k].responseBody = nil
            exchanges[k].responseDone = true
        }
        if let h = hold, h.requestIndex <= index { releaseHold(&events) }
        emitReady(&events)
    }

    private mutating func endResponse(truncated: Bool, _ events: inout [HTTP1Event]) {
        if case .exchange(let i) = responding, let k = slot(i) {
            if truncated { exchanges[k].responseBody?.markTruncated() }
            exchanges[k].responseDone = true
        }
        responding = .nothing
        emitReady(&events)
    }

    private mutating func serverGap(_ n: Int, _ events: inout [HTTP1Event]) {
        namedCounters.add("http1_server_gaps")
        let target: Int? = if case .exchange(let i) = responding { slot(i) } else { nil }
        switch server.gap(n) {
        case .countedAsBody(let missing):
            if let k = target {
                exchanges[k].responseBody?.addGap(missing)
                exchanges[k].record.gaps = true
            }
        case .messageAbandoned:
            if let k = target {
                exchanges[k].record.gaps = true
                exchanges[k].note("response_gap_lost_framing")
            }
            endResponse(truncated: true, &events)
            serverGapPending = true
        case .headLost, .betweenMessages, .ignored:
            serverGapPending = true
        }
    }

    private mutating func switchProtocol(to: String, requestIndex: Int, serverRest: UnsafeRawBufferPointer,
                                         _ events: inout [HTTP1Event]) {
        if let k = slot(requestIndex) { exchanges[k].responseDone = true }
        switched = true
        client.stop()
        server.stop()
        if serverRest.count > limits.maxHeldBytes {
            namedCounters.add("http1_held_bytes_dropped", UInt64(serverRest.count - limits.maxHeldBytes))
        }
        switchResidue = HTTP1SwitchResidue(clientBytes: hold?.bytes ?? [],
                                           serverBytes: Array(serverRest.prefix(limits.maxHeldBytes)))
        hold = nil
        namedCounters.add("http1_protocol_switch")
        flush(upTo: requestIndex, &events)
        events.append(.protocolSwitch(to: to, requestIndex: requestIndex))
        flush(upTo: Int.max, &events)
    }

    // MARK: - Emitting

    /// The position in `exchanges` of request number `index`, if not yet emitted.
    private func slot(_ index: Int) -> Int? {
        let k = index - firstIndex
        return k >= 0 && k < exchanges.count ? k : nil
    }

    /// Emits the leading requests whose request and response are both complete.
    private mutating func emitReady(_ events: inout [HTTP1Event]) {
        while !exchanges.isEmpty, exchanges[0].requestDone, exchanges[0].responseDone {
            emitFirst(&events)
        }
    }

    /// Emits every pending request numbered `upTo` or lower, complete or not.
    private mutating func flush(upTo last: Int, _ events: inout [HTTP1Event]) {
        while !exchanges.isEmpty, firstIndex <= last { emitFirst(&events) }
    }

    private mutating func emitFirst(_ events: inout [HTTP1Event]) {
        // Finished in place, its record moved out, then dropped: nothing is copied.
        if !exchanges[0].requestDone { exchanges[0].requestBody.markTruncated() }
        let record = exchanges[0].takeFinalRecord(counters: &namedCounters)
        if exchanges.count == 1 { exchanges.removeLast() } else { exchanges.removeSubrange(0..<1) }
        if receivingRequest == firstIndex { receivingRequest = nil }
        if case .exchange(firstIndex) = responding { responding = .orphan }
        firstIndex += 1
        requestsEmitted += 1
        events.append(.request(consume record))
    }

    private mutating func anomaly(_ name: String, _ events: inout [HTTP1Event]) {
        namedCounters.add(name)
        events.append(.anomaly(name))
    }

    /// Copies the parsers' plain counters into `counters` when they changed (no hashing per chunk).
    private mutating func exportParserCounters() {
        let skipped = client.skippedBytes + server.skippedBytes
        if skipped != exportedSkipped {
            namedCounters.add("http1_resync_skipped_bytes", UInt64(skipped - exportedSkipped))
            exportedSkipped = skipped
        }
        let resyncs = client.resyncCount + server.resyncCount
        if resyncs != exportedResyncs {
            namedCounters.add("http1_resynchronised", UInt64(resyncs - exportedResyncs))
            exportedResyncs = resyncs
        }
    }
}
