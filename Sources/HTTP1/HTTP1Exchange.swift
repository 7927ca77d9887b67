import Primitives

/// A request on its way to being emitted: its record, and the bodies still arriving.
struct HTTP1Exchange {
    var record: HTTPRequestRecord
    var requestBody: HTTP1BodyAccumulator
    var requestDone = false
    var responseBody: HTTP1BodyAccumulator?
    var responseDone = false
    let isHead: Bool
    let isConnect: Bool
    /// Lower-cased first `Upgrade` token of the request.
    let upgrade: String?

    mutating func note(_ anomaly: String) {
        if !record.anomalies.contains(anomaly) { record.anomalies.append(anomaly) }
    }

    /// Finishes both bodies and moves out the record to emit, with body anomalies added (the
    /// exchange keeps an empty record: call once, then drop the exchange).
    mutating func takeFinalRecord(counters: inout CounterSet) -> HTTPRequestRecord {
        record.body = requestBody.finish()
        if requestBody.retainCapHit { counters.add("http1_body_retain_cap") }
        if record.body.decompressionBomb { note("decompression_bomb") }
        if record.body.decodeError != nil { note("decode_error") }
        if record.body.truncated { note("body_truncated") }
        if var rb = responseBody {
            let info = rb.finish()
            responseBody = rb
            record.responseBody = info
            if rb.retainCapHit { counters.add("http1_body_retain_cap") }
            if info.decompressionBomb { note("response_decompression_bomb") }
            if info.decodeError != nil { note("response_decode_error") }
            if info.truncated { note("response_body_truncated") }
        }
        for name in record.anomalies { counters.add(name) }
        var taken = HTTPRequestRecord(firstPacket: record.firstPacket, method: "", target: "", version: "")
        swap(&taken, &record)
        return taken
    }
}

