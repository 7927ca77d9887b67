/// The kinds of consent signal the decoders understand.
package enum ConsentSignalKind: String, CaseIterable, Sendable {
    case tcf, gpp, usp, gcs, gcd
}

/// A decoded consent signal.
package enum ConsentSignal: Equatable, Sendable {
    case tcf(TCString)
    case tcfV1(TCFv1String)
    case gpp(GPPString)
    case usp(USPrivacyString)
    case gcs(GCSValue)
    case gcd(GCDValue)

    package var kind: ConsentSignalKind {
        switch self {
        case .tcf, .tcfV1: .tcf
        case .gpp: .gpp
        case .usp: .usp
        case .gcs: .gcs
        case .gcd: .gcd
        }
    }

    var json: ConsentJSON {
        switch self {
        case .tcf(let v): v.json
        case .tcfV1(let v): v.json
        case .gpp(let v): v.json
        case .usp(let v): v.json
        case .gcs(let v): v.json
        case .gcd(let v): v.json
        }
    }
}

/// The result of decoding one consent string: the kind (detected or given) and the signal or the
/// error. Renders as the JSON object of `consenttap consent decode`: the vectors' keys plus
/// `signal` (the kind) and, on error, `error` (message) and `errorCode`.
package struct ConsentDecodeResult: Equatable, Sendable {
    /// nil when the kind could not be detected.
    package var kind: ConsentSignalKind?
    package var outcome: Result<ConsentSignal, ConsentDecodeError>

    package var signal: ConsentSignal? { if case .success(let s) = outcome { return s }; return nil }
    package var error: ConsentDecodeError? { if case .failure(let e) = outcome { return e }; return nil }
    package var isOK: Bool { signal != nil }

    package var jsonValue: ConsentJSON {
        var o: [String: ConsentJSON] = [:]
        switch outcome {
        case .success(let s):
            if case .object(let fields) = s.json { o = fields }
            o["outcome"] = .string("ok")
        case .failure(let e):
            o["outcome"] = .string("error")
            o["error"] = .string(e.message)
            o["errorCode"] = .string(e.code.rawValue)
            if let off = e.offset { o["errorOffset"] = .int(off) }
        }
        o["signal"] = kind.map { .string($0.rawValue) } ?? .null
        return .object(o)
    }

    /// Deterministic compact JSON (keys sorted).
    package var json: String { jsonValue.json }

    /// Foundation-style object (`[String: Any]`, null as `NSNull`), for `JSONSerialization`.
    package func jsonObject() -> [String: Any] {
        jsonValue.objectValue?.mapValues(\.anyValue) ?? [:]
    }
}
